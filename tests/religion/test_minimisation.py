"""Data minimisation is built in: no field records an ordinary resident's faith or who attends an activity.

The rule, applied to every model of every installed app (``django.apps.apps.get_models()``), so that a field
added anywhere later (``Household.religion``, ``Person.faith`` …) fails here:

A field is *about faith* when
- a part of its name (split at ``_``) starts with religio / faith / belie / worship / denomination / creed, or is
  one of the unaccented Vietnamese words ``tongiao``, ``tinnguong``, ``dao`` (or the name holds ``ton_giao`` /
  ``tin_nguong`` / ``theo_dao``);
- its verbose name (the Vietnamese source text) speaks of tôn giáo, tín ngưỡng, tín đồ, giáo dân, phật tử, or of
  "đạo" as a word of its own (not the compounds lãnh đạo, chỉ đạo, đạo đức, đạo lý, đạo luật, hướng đạo, which
  have nothing to do with faith), or one of the English words religion / faith / belief / worship; or
- its choices are religions (any value of ``religion.models.Religion`` except "other").

Such a field is allowed only on the religion area's places, works and events, and on its key persons (cốt cán:
dignitaries and officials who agreed to liaise, whose religion is their public role, kept only in this area),
plus the one link from a community group's situation report to the watch report made from it (an id, not a
faith). Persons and households (cadres, accounts, group members, inter-family leaders, households) carry no
such field and no relation to a religion record at all.
"""

import re
import unicodedata

import pytest
from django.apps import apps
from django.db import models
from django.test.utils import isolate_apps
from django.utils import translation

from religion.models import KeyPerson, Religion, WatchReport

ATTENDEE_WORDS = ("attendee", "participant", "member", "follower", "believer", "people", "person", "name")

NAME_PREFIXES = ("religio", "faith", "belie", "worship", "denomination", "creed")
NAME_WORDS = {"tongiao", "tinnguong", "dao"}
NAME_PARTS = ("ton_giao", "tin_nguong", "theo_dao")
VERBOSE_PHRASES = ("tôn giáo", "tín ngưỡng", "tín đồ", "giáo dân", "phật tử")
NOT_FAITH_DAO = ("lãnh đạo", "chỉ đạo", "đạo đức", "đạo lý", "đạo luật", "hướng đạo")
ENGLISH_WORDS = re.compile(r"\b(religio\w*|faith\w*|belief\w*|believer\w*|worship\w*)\b")
RELIGION_VALUES = set(Religion.values) - {Religion.OTHER}

PLACES_WORKS_EVENTS = {"religion.establishment", "religion.constructionwork", "religion.religiousevent"}
KEY_PERSONS = {"religion.keyperson"}
LINKS_TO_RELIGION_RECORDS = {("communitygroups.situationreport", "religion_watch_report_id")}
PERSONS_AND_HOUSEHOLDS = {
    "organisations.person", "organisations.user", "communitygroups.groupmember",
    "communitygroups.interfamilygroup", "communitygroups.household",
}


def _source_text(text):
    """The verbose name as written in the code (Vietnamese), whatever language is active, folded to NFC."""
    with translation.override(None):
        return unicodedata.normalize("NFC", str(text or "")).lower()


def about_faith(field):
    name = field.name.lower()
    parts = name.split("_")
    if any(part.startswith(NAME_PREFIXES) or part in NAME_WORDS for part in parts):
        return True
    if any(part in name for part in NAME_PARTS):
        return True
    verbose = _source_text(getattr(field, "verbose_name", ""))
    if any(phrase in verbose for phrase in VERBOSE_PHRASES) or ENGLISH_WORDS.search(verbose):
        return True
    for compound in NOT_FAITH_DAO:
        verbose = verbose.replace(compound, " ")
    if re.search(r"(?<!\w)đạo(?!\w)", verbose):
        return True
    choices = {str(value) for value, _label in (getattr(field, "flatchoices", None) or [])}
    return bool(choices & RELIGION_VALUES)


def forward_fields(model):
    return [*model._meta.fields, *model._meta.many_to_many, *model._meta.private_fields]


def _related_app(field):
    related = getattr(field, "related_model", None)
    if isinstance(related, str):  # a lazy reference not resolved yet ("religion.Establishment")
        return related.split(".")[0].lower()
    return related._meta.app_label if related is not None else None


def violations(all_models):
    """Fields that record a faith where the rule does not allow it: ["app.model.field", …]."""
    found = []
    for model in all_models:
        label = model._meta.label_lower
        for field in forward_fields(model):
            where = f"{label}.{field.name}"
            if label in PERSONS_AND_HOUSEHOLDS and _related_app(field) == "religion":
                found.append(where)
            elif about_faith(field) and not (
                label in PLACES_WORKS_EVENTS or label in KEY_PERSONS or (label, field.name) in LINKS_TO_RELIGION_RECORDS
            ):
                found.append(where)
    return found


def test_no_model_of_any_installed_app_records_a_residents_faith():
    assert violations(apps.get_models()) == []


def test_the_lists_of_the_rule_name_models_that_exist():
    """A renamed model would silently leave the rule: every model it names must still be installed."""
    installed = {model._meta.label_lower for model in apps.get_models()}
    links = {label for label, _name in LINKS_TO_RELIGION_RECORDS}
    named = PLACES_WORKS_EVENTS | KEY_PERSONS | PERSONS_AND_HOUSEHOLDS | links
    assert named - installed == set()
    for label, name in LINKS_TO_RELIGION_RECORDS:
        assert apps.get_model(label)._meta.get_field(name)


def test_only_places_and_key_persons_carry_a_religion_today():
    """What the rule allows is used by the establishments and the key persons only."""
    with_faith = {f"{model._meta.label_lower}.{field.name}" for model in apps.get_models()
                  for field in forward_fields(model) if about_faith(field)}
    assert with_faith == {
        "religion.establishment.religion", "religion.establishment.religious_organisation",
        "religion.keyperson.religion", "religion.keyperson.religious_role",
        "communitygroups.situationreport.religion_watch_report_id",
    }


@pytest.mark.parametrize(("name", "verbose_name", "choices"), [
    ("religion", "tôn giáo", None),
    ("faith", "niềm tin", None),
    ("ton_giao", "tôn giáo của chủ hộ", None),
    ("is_catholic", "theo đạo Công giáo", None),
    ("belief_group", "nhóm", None),
    ("note", "tín ngưỡng đang theo", None),
    ("group_kind", "nhóm", Religion.choices),
])
def test_the_rule_catches_a_faith_field_on_a_household(name, verbose_name, choices):
    with isolate_apps("communitygroups"):
        attrs = {name: models.CharField(verbose_name, max_length=32, choices=choices, blank=True),
                 "__module__": "communitygroups.models"}
        household = type("Household", (models.Model,), attrs)
        assert violations([household]) == [f"communitygroups.household.{name}"]


def test_the_rule_catches_a_households_link_to_a_place_of_worship():
    with isolate_apps("communitygroups"):
        household = type("Household", (models.Model,), {
            "place": models.ForeignKey("religion.Establishment", verbose_name="nơi sinh hoạt",
                                       on_delete=models.CASCADE),
            "__module__": "communitygroups.models",
        })
        assert violations([household]) == ["communitygroups.household.place"]


@pytest.mark.parametrize("verbose_name", ["lĩnh vực chỉ đạo", "Ban chỉ đạo", "trả lời, chỉ đạo", "lãnh đạo phụ trách",
                                          "đạo đức, lối sống", "địa chỉ", "ghi chú"])
def test_the_rule_leaves_leadership_and_ethics_alone(verbose_name):
    with isolate_apps("communitygroups"):
        household = type("Household", (models.Model,), {
            "note": models.CharField(verbose_name, max_length=32), "__module__": "communitygroups.models",
        })
        assert violations([household]) == []


def test_no_religion_model_points_to_a_resident():
    resident_models = PERSONS_AND_HOUSEHOLDS - {"organisations.user"}
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
