"""Data minimisation is built in: no field records an ordinary resident's faith or who attends an activity."""

import pytest
from django.apps import apps

from religion.models import KeyPerson, WatchReport

ATTENDEE_WORDS = ("attendee", "participant", "member", "follower", "believer", "people", "person", "name")


def test_no_model_of_the_area_records_a_residents_faith():
    """Only places and key persons (who agreed to liaise) carry a religion; nothing points to a resident."""
    with_religion = {model for model in apps.get_app_config("religion").get_models()
                     if any(field.name == "religion" for field in model._meta.fields)}
    assert {model.__name__ for model in with_religion} == {"Establishment", "KeyPerson"}
    resident_models = {"organisations.person", "communitygroups.household", "communitygroups.resident"}
    for model in apps.get_app_config("religion").get_models():
        for field in model._meta.fields:
            if field.is_relation and field.related_model is not None:
                assert field.related_model._meta.label_lower not in resident_models, (model, field.name)


def test_a_watch_report_has_no_field_for_the_people_who_attend():
    fields = [field.name for field in WatchReport._meta.get_fields()]
    assert not [name for name in fields if any(word in name for word in ATTENDEE_WORDS)]
    assert not [f for f in WatchReport._meta.get_fields() if f.many_to_many]
    size = WatchReport._meta.get_field("estimated_size")
    assert size.get_internal_type() == "PositiveIntegerField"  # a number, never a list


@pytest.mark.django_db
def test_key_person_contacts_are_kept_only_in_this_area():
    """No other app has a relation to the key persons (their phone numbers stay here)."""
    for model in apps.get_models():
        if model._meta.app_label == "religion":
            continue
        for field in model._meta.get_fields():
            assert getattr(field, "related_model", None) is not KeyPerson, (model, field.name)
