"""generate_city at a tiny scale: the volumes it promises, derived fields as the portal computes them, logins."""

import io

import pytest
from django.apps import apps
from django.core.management import call_command

from core.search import SearchableModel
from demo import generators
from demo.management.commands.generate_city import Command
from organisations.models import Unit, UnitKind, User
from plans.models import ProgressUpdate, Task
from plans.services import refresh_task_progress

SCALE = 0.004  # 100 tasks, 400 progress updates, 4,000 ratings, 1,200 households …


@pytest.mark.django_db
def test_generate_city_at_a_tiny_scale():
    """One run (it takes a while on CI's two cores), every promise checked on it."""
    call_command(Command(), scale=SCALE, wards=2, residential_groups=4, stdout=io.StringIO())
    city = Unit.objects.get(code=generators.CITY_CODE)

    # The spine: wards, tasks and progress at the volumes asked for.
    wards = Unit.objects.filter(parent=city, kind=UnitKind.WARD)
    assert wards.count() == 2
    assert Task.objects.filter(plan__ward__in=wards).count() == round(generators.VOLUMES["tasks"] * SCALE)
    assert ProgressUpdate.objects.filter(task__plan__ward__in=wards).count() == round(
        generators.VOLUMES["progress"] * SCALE)

    # The area tables, for the models that exist.
    for generator in generators.REGISTRY.values():
        model = generator.model()
        if model is not None:
            assert model._base_manager.count() >= round(generator.volume * SCALE), generator.key

    # Derived task fields as the portal computes them.
    fields = ["latest_percent", "is_done", "current_due_date", "last_reported_on", "occurrences_met"]
    for task in Task.objects.filter(updates__isnull=False).distinct().select_related("plan").order_by("pk")[:40]:
        stored = {name: getattr(task, name) for name in fields}
        refresh_task_progress(task)
        assert {name: getattr(task, name) for name in fields} == stored, task.pk

    # Rows written in bulk are searchable without diacritics.
    for model in apps.get_models():
        if issubclass(model, SearchableModel) and model._base_manager.exists():
            assert not model._base_manager.filter(search_text="").exists(), model._meta.label
    assert Task.objects.filter(search_text__contains="tuyen truyen").exists()

    # The logins the bench scripts use.
    user = User.objects.get(username="tt-p01.khoidv")
    assert user.check_password(generators.USER_PASSWORD)
    assert user.ward.code == "tt-p01" and user.role == "bloc"
    assert User.objects.get(username=generators.CITY_VIEWER).role == "city_viewer"

    # Running again adds nothing to the spine.
    before = Task.objects.count(), ProgressUpdate.objects.count(), Unit.objects.count()
    generators.generate(scale=SCALE, wards=2, residential_groups=4, only=[], out=lambda *a: None)
    assert (Task.objects.count(), ProgressUpdate.objects.count(), Unit.objects.count()) == before


def test_a_province_of_170_communes_gets_the_volumes_in_proportion():
    # 85,000 tasks, 340,000 progress reports, 3.4 million ratings, about a million households (issue 19).
    assert generators.volume_scale(None, 170) == pytest.approx(3.4)
    assert round(generators.VOLUMES["tasks"] * generators.volume_scale(None, 170)) == 85_000
    assert generators.volume_scale(None, None) == 1.0
    assert generators.volume_scale(0.001, 170) == 0.001
