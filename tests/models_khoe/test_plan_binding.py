"""October recognition of "Dân vận khéo" models completes the plan's commendation task (plans.bindings)."""

import pytest

from models_khoe import services
from plans.models import Task

pytestmark = pytest.mark.django_db


def test_a_model_recognised_in_october_completes_the_commendation_task(evaluated, ward_a, plan_a, client_for):
    task = Task.objects.get(plan=plan_a, title__startswith="Biểu dương điển hình, mô hình dân vận khéo")
    assert task.binding.source == "models_khoe.recognition"
    model = evaluated()

    services.recognise(ward_a.users["bloc"], model, achievement="12/12 hộ bàn giao mặt bằng.")

    task.refresh_from_db()
    assert task.occurrences_met == ["2024-10-31"]
    page = client_for(ward_a.users["bloc"]).get(task.get_absolute_url()).content.decode()
    assert "Tiến độ lấy từ:" in page and model.name in page
