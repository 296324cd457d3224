"""Criteria measured from the portal's own data: the public disclosures of the quarter (democracy app)."""

from datetime import date
from decimal import Decimal

import pytest
from django.apps import apps

from democracy.models import DisclosureContent, DisclosureFrequency, DisclosureRequirement
from satisfaction.models import CriteriaSet, Measure
from satisfaction.services import criteria as svc
from tests.support.democracy import make_disclosure

pytestmark = pytest.mark.django_db

Q1 = (date(2024, 1, 1), date(2024, 3, 31))
Q2 = (date(2024, 4, 1), date(2024, 6, 30))


@pytest.fixture
def checklist(ward_a):
    """The quarter's budget report (15 days of grace), the democracy regulation posted permanently, the yearly
    socio-economic plan (due in Q4) and a "when arising" item (never counted: nobody knows what arose)."""
    ward = ward_a.ward
    for order, (kind, frequency, grace) in enumerate((
            (DisclosureContent.BUDGET, DisclosureFrequency.QUARTERLY, 15),
            (DisclosureContent.DEMOCRACY_RULES, DisclosureFrequency.PERMANENT, 0),
            (DisclosureContent.SOCIO_ECONOMIC, DisclosureFrequency.YEARLY, 0),
            (DisclosureContent.CONSULTATION, DisclosureFrequency.WHEN_ARISING, 0))):
        DisclosureRequirement.objects.create(ward=ward, content_kind=kind, title=str(kind.label), frequency=frequency,
                                             grace_days=grace, order=order)
    return ward


def budget_report(ward_a, quarter_start, quarter_end, posted_on, approved_on=None, until=None):
    return make_disclosure(ward_a.unit("ubnd"), posted_on, until, approved_on=approved_on,
                           period_start=quarter_start, period_end=quarter_end)


def regulation(ward_a, posted_on, until=None):
    return make_disclosure(ward_a.unit("ubnd"), posted_on, until, approved_on=posted_on,
                           kind=DisclosureContent.DEMOCRACY_RULES, title="Quy chế dân chủ ở cơ sở")


def test_share_counts_what_was_due_in_the_quarter_and_made(ward_a, checklist):
    # Q1's budget report is due on 15/4: posted, approved and kept up 35 days. The regulation was taken down on
    # 1/5 and stood no more at the end of June. The yearly plan is due in Q4, the "when arising" item never.
    budget_report(ward_a, *Q1, posted_on=date(2024, 4, 5), approved_on=date(2024, 4, 5), until=date(2024, 5, 10))
    regulation(ward_a, date(2023, 2, 1), until=date(2024, 5, 1))
    make_disclosure(ward_a.unit("ubnd"), date(2024, 5, 2), kind=DisclosureContent.CONSULTATION)

    half = svc.disclosure_share(checklist, *Q2, today=date(2024, 7, 10))
    regulation(ward_a, date(2024, 5, 2))
    whole = svc.disclosure_share(checklist, *Q2, today=date(2024, 7, 10))

    assert half == Decimal("50.0")
    assert whole == Decimal("100.0")


def test_an_unapproved_report_is_not_made_and_the_previous_quarter_counts_when_it_is_due(ward_a, checklist):
    # Q4/2023's report is due on 15/1/2024, so it counts in Q1/2024; it was posted but never approved.
    budget_report(ward_a, date(2023, 10, 1), date(2023, 12, 31), posted_on=date(2024, 1, 8))
    regulation(ward_a, date(2023, 2, 1))

    share = svc.disclosure_share(checklist, *Q1, today=date(2024, 4, 20))

    assert share == Decimal("50.0")  # the regulation stands, the report does not count


def test_mid_quarter_only_what_is_already_due_counts(ward_a, checklist):
    regulation(ward_a, date(2023, 2, 1))

    # On 10/4 Q1's report (due 15/4) is not late yet; on 20/4 it is.
    early = svc.disclosure_share(checklist, *Q2, today=date(2024, 4, 10))
    late = svc.disclosure_share(checklist, *Q2, today=date(2024, 4, 20))

    assert early == Decimal("100.0")
    assert late == Decimal("50.0")
    assert svc.disclosure_share(checklist, *Q2, today=date(2024, 3, 31)) is None  # the quarter has not begun


def test_count_of_approved_disclosures_that_began_in_the_quarter(ward_a, checklist):
    ubnd = ward_a.unit("ubnd")
    make_disclosure(ubnd, date(2024, 4, 5), approved_on=date(2024, 4, 5))
    make_disclosure(ubnd, date(2024, 3, 25), approved_on=date(2024, 4, 2))  # counts from its approval
    make_disclosure(ubnd, date(2024, 5, 2))  # not approved
    make_disclosure(ubnd, date(2024, 3, 1), approved_on=date(2024, 3, 1))  # Q1
    make_disclosure(ward_a.unit("tdp-1"), date(2024, 6, 30), approved_on=date(2024, 6, 30))

    assert svc.disclosures_count(checklist, *Q2) == Decimal("3")
    assert svc.disclosures_count(checklist, *Q1) == Decimal("1")


def test_without_the_democracy_app_the_measures_are_empty(ward_a, checklist, monkeypatch):
    regulation(ward_a, date(2023, 2, 1))
    monkeypatch.setattr(apps, "is_installed", lambda name: name != "democracy")

    assert svc.disclosure_share(checklist, *Q2, today=date(2024, 7, 10)) is None
    assert svc.disclosures_count(checklist, *Q2) is None


def test_the_import_reads_the_disclosure_measures_and_names_them_when_a_word_is_wrong(ward_a):
    from tests.support.satisfaction import HEADER, workbook_bytes

    rows = [HEADER, ("Nhóm 1", "1", None, 10, None, None, None),
            (None, "1.1", "Công khai đúng hạn", 6, "Sổ theo dõi", None, "tỷ lệ công khai"),
            (None, "1.2", "Số nội dung công khai", 4, "", None, "Số nội dung công khai")]
    stars = [("Số sao", "Điểm từ"), (4, 9)]

    criteria_set = svc.import_criteria_set(workbook_bytes(rows, star_rows=stars), ward_a.ward, name="Bộ thử",
                                           decision_number="1/QĐ")
    with pytest.raises(svc.CriteriaImportError) as refused:
        svc.import_criteria_set(workbook_bytes([*rows[:3], (None, "1.2", "Khác", 4, "", None, "công khai")],
                                               star_rows=stars), ward_a.ward, name="Bộ sai", decision_number="2/QĐ")

    assert dict(criteria_set.groups.get().criteria.values_list("code", "measure")) == {
        "1.1": Measure.DISCLOSURES_SHARE, "1.2": Measure.DISCLOSURES_COUNT}
    assert "Dòng 4: “công khai” không phải là số liệu cổng đo được" in refused.value.errors[0]
    assert "“tỷ lệ công khai”, “số nội dung công khai”" in refused.value.errors[0]
    assert CriteriaSet.objects.count() == 1


def test_assessment_page_shows_the_measured_disclosures_beside_the_manual_score(ward_a, checklist, client_for):
    budget_report(ward_a, *Q1, posted_on=date(2024, 4, 5), approved_on=date(2024, 4, 5), until=date(2024, 5, 10))
    regulation(ward_a, date(2023, 2, 1), until=date(2024, 5, 1))
    criteria_set = svc.ensure_example_set(ward_a.ward)
    share_criterion = criteria_set.groups.get(code="1").criteria.get(code="1.3")
    count_criterion = criteria_set.groups.get(code="1").criteria.get(code="1.2")
    count_criterion.measure = Measure.DISCLOSURES_COUNT
    count_criterion.save()
    assessment = svc.start_assessment(ward_a.unit("ubnd"), criteria_set, 2024, 2)
    share_score = assessment.scores.get(criterion=share_criterion)
    svc.set_self_score(share_score, Decimal("4"), "Đã niêm yết đầy đủ.")

    page = client_for(ward_a.users["standing"]).get(assessment.get_absolute_url())

    assert share_criterion.measure == Measure.DISCLOSURES_SHARE  # the example set measures it
    scores = {s.criterion.code: s for s in page.context["scores"]}
    assert scores["1.3"].measured == Decimal("50.0") and scores["1.2"].measured == Decimal("1")
    text = page.content.decode()
    row = text[text.index(f'id="tc-{share_score.pk}"'):]
    row = row[:row.index("</tr>")]
    assert "<strong>50%</strong>" in row and "Tỷ lệ nội dung đến hạn công khai" in row
    assert '<td data-label="Tự chấm">4</td>' in row  # the manual score, in the next cell
    count_row = text[text.index(f'id="tc-{assessment.scores.get(criterion=count_criterion).pk}"'):]
    assert "<strong>1</strong>" in count_row[:count_row.index("</tr>")]
