"""Where the models were publicised, as a measure of spread: count by channel and people reached, on the model's
page and in the area's figures for the quarterly report."""

import json
from datetime import date

import pytest

from models_khoe import services
from models_khoe.models import Publicity


@pytest.fixture
def publicised(approved, ward_a):
    """Two models of the ward with known publicity: 5 items through 3 channels, 4 of them with a reach."""

    def publish(model, channel, day, reach=None, title=None):
        return services.record_publicity(ward_a.users["officer_ubnd"], model, channel=channel, published_on=day,
                                         title=title or f"{channel} {day:%d/%m}", reach=reach)

    road = approved(name="Dân vận khéo trong giải phóng mặt bằng")
    lights = approved(name="Thắp sáng đường quê")
    publish(road, "radio", date(2024, 5, 12), reach=3000, title="Phát trên Đài truyền thanh phường")
    publish(road, "zalo", date(2024, 5, 13), reach=150, title="Nhóm Zalo TDP 2")
    publish(road, "zalo", date(2024, 8, 2), title="Nhóm Zalo TDP 3")  # no reach recorded
    publish(lights, "news", date(2024, 7, 1), reach=1200)
    publish(lights, "meeting", date(2024, 3, 5), reach=80)  # before the third quarter
    return road, lights


def test_the_spread_counts_items_by_channel_and_adds_up_the_reach_recorded(publicised):
    road, lights = publicised

    spread = services.spread_for(Publicity.objects.filter(model=road))

    assert [(c.label, c.count, c.reach, c.with_reach) for c in spread.channels] == [
        ("Đài truyền thanh", 1, 3000, 1),
        ("Nhóm Zalo", 2, 150, 1),
    ]
    assert (spread.count, spread.reach, spread.with_reach, spread.reach_complete) == (3, 3150, 2, False)
    # The same figures from the items already loaded on the model's page.
    loaded = services.spread_of(list(road.publicity.all()))
    assert loaded.as_data() == spread.as_data()


def test_a_model_without_any_reach_recorded_has_no_reach_total(approved, ward_a):
    model = approved()
    services.record_publicity(ward_a.users["officer_ubnd"], model, channel="meeting",
                              published_on=date(2024, 6, 1), title="Hội nghị giao ban")

    spread = services.spread_for(model.publicity.all())

    assert (spread.count, spread.reach) == (1, None)
    assert spread.as_data()["by_channel"]["meeting"] == {"label": "Hội nghị, cuộc họp", "count": 1, "reach": None,
                                                         "with_reach": 0}
    assert services.spread_for(Publicity.objects.none()).as_data() == {"count": 0, "reach": None, "with_reach": 0,
                                                                      "by_channel": {}}


def test_the_models_page_shows_its_spread(publicised, client_for, ward_a):
    road, _lights = publicised

    page = client_for(ward_a.users["officer_mttq"]).get(road.get_absolute_url()).content.decode()

    assert "Lan tỏa: 3 tin tuyên truyền" in page
    assert "khoảng 3.150 người tiếp cận" in page
    assert "theo 2/3 tin có số liệu" in page
    assert "<td data-label=\"Hình thức\">Nhóm Zalo</td><td class=\"num\" data-label=\"Số tin\">2</td>" in page
    assert "Bản tin, báo chí" not in page  # the other model's channel


def test_the_areas_figures_give_the_spread_of_the_period_for_the_report(publicised, ward_a, ward_b):
    figures = services.area_figures(ward_a.ward, date(2024, 6, 15), date(2024, 9, 14))

    publicity = figures.data["publicity"]
    assert (publicity["count"], publicity["reach"], publicity["with_reach"]) == (2, 1200, 1)
    assert {key: (row["count"], row["reach"]) for key, row in publicity["by_channel"].items()} == {
        "news": (1, 1200), "zalo": (1, None)}
    assert ("Tin tuyên truyền về mô hình, điển hình", "2") in figures.rows
    assert ("Người tiếp cận (ước tính)", "1.200 (theo 1/2 tin có số liệu)") in figures.rows
    assert ("Lan tỏa qua: Bản tin, báo chí", "1 tin, 1.200 người tiếp cận") in figures.rows
    assert ("Lan tỏa qua: Nhóm Zalo", "1 tin") in figures.rows
    json.dumps(figures.data)  # frozen with the approved report

    year = services.area_figures(ward_a.ward, date(2024, 1, 1), date(2024, 12, 31)).data["publicity"]
    assert (year["count"], year["reach"]) == (5, 4430)
    assert services.area_figures(ward_b.ward, date(2024, 1, 1), date(2024, 12, 31)).data["publicity"]["count"] == 0
