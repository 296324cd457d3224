"""The area's section for reports and dashboards, and the demo loader."""

import json
import random
from datetime import date

from core.areas import all_sections
from models_khoe import services
from models_khoe.models import MobilizationModel, Status


def test_the_section_counts_models_registered_approved_and_recognised_in_the_period_by_field(
        evaluated, register, ward_a, ward_b):
    recognised = evaluated(name="Đã công nhận")
    services.recognise(ward_a.users["bloc"], recognised, achievement="Tốt.")
    register(name="Chờ thẩm định", field="culture_society")

    figures = services.area_figures(ward_a.ward, date(2024, 7, 1), date(2024, 12, 31))

    assert figures.data["registered"] == 2
    assert figures.data["approved"] == 1
    assert figures.data["recognised"] == 1
    assert figures.data["waiting"] == 1
    assert figures.data["by_field"]["economy"] == {"label": "Kinh tế", "registered": 1, "approved": 1,
                                                   "recognised": 1}
    assert figures.data["by_field"]["culture_society"]["registered"] == 1
    assert figures.status == "warning"
    assert ("Được công nhận", "1") in figures.rows
    json.dumps(figures.data)
    earlier = services.area_figures(ward_a.ward, date(2024, 1, 1), date(2024, 6, 30))
    assert (earlier.data["registered"], earlier.data["recognised"]) == (0, 0)
    assert services.area_figures(ward_b.ward, date(2024, 1, 1), date(2024, 12, 31)).data["registered"] == 0


def test_the_section_is_registered_for_reports():
    assert "models_khoe" in [section.key for section in all_sections()]


def test_the_demo_covers_every_stage_and_loads_once(ward_a, ward_b, plan_a, plan_b, set_today):
    from models_khoe.demo import load_demo

    # The demo tells the story of 2024 as seen afterwards: even its replications in late October are past.
    set_today(date(2025, 1, 15))

    load_demo(ward_a.units, random.Random(1))
    load_demo(ward_a.units, random.Random(1))
    load_demo(ward_b.units, random.Random(2))

    statuses = set(MobilizationModel.objects.filter(ward=ward_a.ward).values_list("status", flat=True))
    assert statuses == set(Status.values)
    assert MobilizationModel.objects.filter(ward=ward_a.ward).count() == 8
    assert MobilizationModel.objects.filter(ward=ward_b.ward).count() == 3
    assert services.public_models().filter(ward=ward_a.ward).count() == 3
    assert all(m.task_id for m in MobilizationModel.objects.filter(approved_on__isnull=False))
