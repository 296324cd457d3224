"""generate_city at a tiny scale: the volumes it promises, derived fields as the portal computes them, logins."""

import pytest
from django.apps import apps
from django.core.management import call_command

from core.search import SearchableModel
from hardening import generators
from hardening.management.commands.generate_city import Command
from organisations.models import Unit, UnitKind, User
from plans.models import ProgressUpdate, Task
from plans.services import refresh_task_progress

SCALE = 0.004  # 100 tasks, 400 progress updates, 4,000 ratings, 1,200 households …


@pytest.fixture
def city(db):
    call_command(Command(), scale=SCALE, wards=2, residential_groups=4, stdout=open("/dev/null", "w"))
    return Unit.objects.get(code=generators.CITY_CODE)


def test_city_has_the_wards_tasks_and_progress_asked_for(city):
    wards = Unit.objects.filter(parent=city, kind=UnitKind.WARD)

    assert wards.count() == 2
    assert Task.objects.filter(plan__ward__in=wards).count() == round(generators.VOLUMES["tasks"] * SCALE)
    assert ProgressUpdate.objects.filter(task__plan__ward__in=wards).count() == round(
        generators.VOLUMES["progress"] * SCALE)


def test_area_tables_are_filled_for_the_models_that_exist(city):
    for generator in generators.REGISTRY.values():
        model = generator.model()
        if model is None:
            continue
        assert model._base_manager.count() >= round(generator.volume * SCALE), generator.key


def test_derived_task_fields_match_what_the_portal_computes(city):
    tasks = list(Task.objects.filter(updates__isnull=False).distinct().select_related("plan").order_by("pk")[:40])
    fields = ["latest_percent", "is_done", "current_due_date", "last_reported_on", "occurrences_met"]

    for task in tasks:
        stored = {name: getattr(task, name) for name in fields}
        refresh_task_progress(task)
        assert {name: getattr(task, name) for name in fields} == stored, task.pk


def test_bulk_rows_are_searchable_without_diacritics(city):
    for model in apps.get_models():
        if issubclass(model, SearchableModel) and model._base_manager.exists():
            assert not model._base_manager.filter(search_text="").exists(), model._meta.label
    assert Task.objects.filter(search_text__contains="tuyen truyen").exists()


def test_generated_logins_work(city):
    user = User.objects.get(username="tt-p01.khoidv")

    assert user.check_password(generators.USER_PASSWORD)
    assert user.ward.code == "tt-p01" and user.role == "bloc"


def test_running_again_adds_nothing_to_the_spine(city):
    before = Task.objects.count(), ProgressUpdate.objects.count(), Unit.objects.count()

    generators.generate(scale=SCALE, wards=2, residential_groups=4, only=[], out=lambda *a: None)

    assert (Task.objects.count(), ProgressUpdate.objects.count(), Unit.objects.count()) == before
