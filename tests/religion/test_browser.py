"""The religion committee's journey in a real browser, and a unit officer who must not find the area at all."""

from datetime import timedelta

import pytest

from core import periods
from religion.models import ActivityKind, EstablishmentKind, Religion, RiskLevel, WatchReport, WatchStatus
from tests.support.browser import login, screenshot
from tests.support.religion import make_establishment, make_watch_report

pytestmark = pytest.mark.browser


def squash(text):
    return " ".join(text.split())


def overview_row(page, group_name):
    """The cells of one residential group's row of the risk overview: {column header: text}."""
    headers = [squash(text) for text in page.locator("table.risk-table thead th").all_inner_texts()]
    row = page.locator("table.risk-table tbody tr", has_text=group_name)
    assert row.count() == 1, f"{group_name} has {row.count()} rows in the overview"
    cells = [squash(text) for text in row.locator("td").all_inner_texts()]
    return dict(zip(headers, cells, strict=True))


def test_the_committee_records_a_watch_report_and_sees_it_in_the_risk_overview(page, live_server, ward_a):
    # Arrange: two places of worship, and one open medium-risk report already followed in TDP số 2.
    make_establishment(ward_a)
    make_establishment(ward_a, "tdp-3", kind=EstablishmentKind.CHURCH, religion=Religion.CATHOLICISM,
                       name="Nhà thờ giáo họ Thọ Xương", person_in_charge="Linh mục Giuse Thành")
    make_watch_report(ward_a, "tdp-2", RiskLevel.MEDIUM)
    group = ward_a.units["tdp-2"]
    observed = periods.today() - timedelta(days=2)

    # Act 1: the committee member logs in through the form and opens the establishments from the menu.
    login(page, live_server, ward_a.users["religion"])
    with page.expect_navigation():
        page.locator("#mainnav").get_by_role("link", name="Tôn giáo").click()
    with page.expect_navigation():
        page.locator(".religion-nav").get_by_role("link", name="Cơ sở thờ tự").click()
    names = [squash(text) for text in page.locator("table.table tbody tr td:first-child a").all_inner_texts()]
    assert names == ["Chùa Phúc Khánh", "Nhà thờ giáo họ Thọ Xương"]

    # Act 2: a watch report on a group that meets under the cover of health exercise.
    with page.expect_navigation():
        page.locator(".religion-nav").get_by_role("link", name="Nắm tình hình").click()
    with page.expect_navigation():
        page.get_by_role("link", name="+ Ghi nhận tin").click()
    assert "không ghi" in page.locator("main").inner_text().lower()  # the minimisation notice is on the form
    page.fill("#id_observed_on", observed.strftime("%d/%m/%Y"))
    page.select_option("#id_residential_group", str(group.pk))
    page.fill("#id_location", "Bãi đất trống sau nhà văn hóa TDP số 2")
    page.select_option("#id_activity_kind", ActivityKind.HEALTH_EXERCISE.value)
    page.fill("#id_description", "Nhóm tập dưỡng sinh lúc 5 giờ sáng, sau buổi tập phát tài liệu lạ.")
    page.fill("#id_estimated_size", "15")
    page.select_option("#id_source_kind", "community_group")
    page.select_option("#id_risk_level", RiskLevel.MEDIUM.value)
    page.fill("#id_measures", "Tổ dân vận gặp người tổ chức, nhắc nhở; Công an phường nắm tình hình.")
    with page.expect_navigation():
        page.get_by_role("button", name="Lưu").click()

    # Assert 1: the report is recorded as the user typed it, and its page shows it.
    report = WatchReport.objects.order_by("pk").last()
    assert page.url.endswith(report.get_absolute_url())
    assert (report.activity_kind, report.risk_level, report.status, report.observed_on, report.residential_group) == (
        ActivityKind.HEALTH_EXERCISE, RiskLevel.MEDIUM, WatchStatus.OPEN, observed, group)
    assert report.reported_by == ward_a.users["religion"]
    main = page.locator("main").inner_text()
    assert "Núp bóng thể dục dưỡng sinh" in main
    assert "Công an phường nắm tình hình" in main

    # Act 3: the overview of open reports by residential group and risk.
    with page.expect_navigation():
        page.locator(".religion-nav").get_by_role("link", name="Điểm nóng").click()
    path = screenshot(page, "religion-committee-risk-overview")

    # Assert 2: two medium reports in TDP số 2 (the old one and the new one) make it a potential hot spot.
    row = overview_row(page, group.name)
    assert (row["Thấp"], row["Trung bình"], row["Cao"], row["Tổng"]) == ("0", "2", "0", "2")
    assert row["Đánh giá"] == "Điểm nóng tiềm ẩn"
    quiet = overview_row(page, ward_a.units["tdp-1"].name)
    assert (quiet["Tổng"], quiet["Đánh giá"]) == ("0", "—")
    totals = [squash(text) for text in page.locator("table.risk-table tfoot th").all_inner_texts()]
    assert totals[:5] == ["Cộng", "0", "2", "0", "2"]
    assert "1 tổ dân phố có dấu hiệu điểm nóng" in page.locator("main").inner_text()
    assert path.stat().st_size > 10_000

    # The number links to the two reports of that cell.
    with page.expect_navigation():
        page.locator("table.risk-table tbody tr", has_text=group.name).get_by_role("link", name="2").click()
    assert page.locator("table.table tbody tr").count() == 2


def test_a_unit_officer_finds_no_religion_page(page, live_server, ward_a):
    # Arrange
    establishment = make_establishment(ward_a)
    report = make_watch_report(ward_a)
    urls = ["/ton-giao/", "/ton-giao/co-so/", establishment.get_absolute_url(), "/ton-giao/nam-tinh-hinh/",
            "/ton-giao/nam-tinh-hinh/them/", report.get_absolute_url(), "/ton-giao/diem-nong/",
            "/ton-giao/cot-can/", "/ton-giao/nhat-ky-truy-cap/"]

    # Act
    login(page, live_server, ward_a.users["officer_ubnd"])
    menu = [squash(text) for text in page.locator("#mainnav li").all_inner_texts()]
    statuses = {url: page.goto(f"{live_server.url}{url}").status for url in urls}

    # Assert: a menu without the area, and 404 everywhere, with nothing of the records on the page.
    assert menu, "the officer sees no menu at all"
    assert "Tôn giáo" not in menu
    assert statuses == dict.fromkeys(urls, 404)
    assert "Chùa Phúc Khánh" not in page.content()
