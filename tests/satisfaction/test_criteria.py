"""Friendly-government criteria: stars at exact thresholds, totals and gaps, the workflow, import, gap tasks."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from plans.models import AreaKind, Task
from satisfaction.models import AssessmentStatus, CriteriaGroup, CriteriaSet, Criterion, Review, StarLevel
from satisfaction.services import criteria as svc
from tests.support.satisfaction import GOOD_ROWS, workbook_bytes

pytestmark = pytest.mark.django_db

EXAMPLE_LEVELS = [(4, Decimal("95")), (3, Decimal("90")), (2, Decimal("80")), (1, Decimal("0"))]


@pytest.mark.parametrize("total, stars", [
    ("100", 4), ("95", 4), ("94.99", 3), ("90", 3), ("89.99", 2), ("80", 2), ("79.99", 1), ("0", 1),
])
def test_star_levels_at_the_exact_thresholds(total, stars):
    assert svc.stars_for(Decimal(total), EXAMPLE_LEVELS) == stars


def test_no_star_below_the_lowest_level():
    assert svc.stars_for(Decimal("49"), [(1, Decimal("50"))]) == 0


def test_the_example_set_has_the_published_structure_and_says_it_is_an_example(ward_a):
    criteria_set = svc.ensure_example_set(ward_a.ward)

    assert svc.ensure_example_set(ward_a.ward) == criteria_set  # once
    assert criteria_set.is_example and "MẪU" in str(criteria_set)
    groups = list(criteria_set.groups.order_by("order"))
    assert [(g.max_points, g.is_bonus) for g in groups] == [
        (15, False), (15, False), (20, False), (50, False), (5, True)]
    for group in groups:
        assert sum(c.max_points for c in group.criteria.all()) == group.max_points
    assert sorted((s.stars, s.min_score) for s in criteria_set.star_levels.all()) == sorted(EXAMPLE_LEVELS)
    assert Criterion.objects.filter(group__criteria_set=criteria_set, measure="satisfaction_index").exists()


def scored(ward, points_by_code, unit_key="ubnd", year=2024, quarter=2):
    criteria_set = svc.ensure_example_set(ward.ward)
    assessment = svc.start_assessment(ward.units[unit_key], criteria_set, year, quarter)
    for score in assessment.scores.select_related("criterion"):
        svc.set_self_score(score, Decimal(points_by_code.get(score.criterion.code, score.criterion.max_points)))
    return assessment


def test_total_stars_and_gap_largest_missing_points_first(ward_a):
    assessment = scored(ward_a, {"4.2": "9", "3.1": "7", "1.2": "4", "5.1": "0"})

    result = svc.compute(assessment)

    assert result.total == Decimal("90")  # 100 - 6 - 3 - 1, no bonus
    assert result.stars == 3
    assert result.points_to_target == Decimal("5")
    assert [(g.score.criterion.code, g.missing) for g in result.gaps] == [
        ("4.2", Decimal("6")), ("5.1", Decimal("5")), ("3.1", Decimal("3")), ("1.2", Decimal("1"))]


def test_bonus_counts_up_to_its_group_maximum(ward_a):
    assessment = scored(ward_a, {"4.2": "10"})  # 95 + 5 bonus
    assert svc.compute(assessment).total == Decimal("100")


def test_workflow_review_one_reply_then_final_and_locked(ward_a):
    assessment = scored(ward_a, {})
    score = assessment.scores.get(criterion__code="2.3")

    svc.submit(assessment)
    with pytest.raises(svc.AssessmentError):
        svc.set_self_score(score, Decimal("1"))  # the unit cannot change a submitted score
    with pytest.raises(svc.AssessmentError, match="lý do"):
        svc.review_score(score, Review.ADJUSTED, Decimal("3"), "")
    svc.review_score(score, Review.ADJUSTED, Decimal("3"), "Có 1 phản ánh về thái độ được xác minh đúng.")
    with pytest.raises(svc.AssessmentError, match="chưa thẩm định"):
        svc.complete_review(assessment)
    for other in assessment.scores.exclude(pk=score.pk):
        svc.review_score(other, Review.ACCEPTED)
    svc.complete_review(assessment)
    svc.reply(assessment, "Đơn vị thống nhất, đã chấn chỉnh cán bộ.")
    with pytest.raises(svc.AssessmentError):
        svc.reply(assessment, "Phản hồi lần hai")
    svc.finalise(assessment)

    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.FINAL
    assert assessment.total == Decimal("103") and assessment.stars == 4  # 95 + 3 + 5 bonus
    for step in (lambda: svc.review_score(score, Review.ACCEPTED), lambda: svc.submit(assessment),
                 lambda: svc.set_self_score(score, Decimal("5")), lambda: svc.finalise(assessment)):
        with pytest.raises(svc.AssessmentError, match="đã chốt"):
            step()


def test_scores_outside_the_criterion_range_are_refused(ward_a):
    assessment = scored(ward_a, {})
    score = assessment.scores.get(criterion__code="1.1")
    with pytest.raises(svc.AssessmentError, match="từ 0 đến 5"):
        svc.set_self_score(score, Decimal("6"))


def test_a_gap_becomes_a_task_of_the_friendly_government_area(ward_a, plan_a):
    assessment = scored(ward_a, {"4.2": "9"})
    score = assessment.scores.get(criterion__code="4.2")

    task = svc.gap_to_task(score, today=date(2024, 7, 2))

    assert task.area.kind == AreaKind.FRIENDLY_GOVERNMENT and task.plan == plan_a
    assert task.lead_unit == ward_a.units["ubnd"]
    assert "4.2" in task.title and "6" in task.title
    assert task.due_date == date(2024, 9, 30)
    with pytest.raises(svc.AssessmentError):
        svc.gap_to_task(score)
    assert Task.objects.filter(title=task.title).count() == 1


def test_measured_value_of_the_quarter_is_frozen_when_final(ward_a):
    from satisfaction.models import Rating, ServiceDesk
    from tests.support.satisfaction import make_ratings

    desk = ServiceDesk.objects.create(unit=ward_a.units["ubnd"], name="Quầy 1")
    make_ratings(desk, date(2024, 5, 6), {"very_satisfied": 9, "not_yet_satisfied": 1})
    assessment = scored(ward_a, {})
    assert svc.measured_values(assessment)[Criterion.objects.get(code="3.1").pk] == Decimal("90.0")

    svc.submit(assessment)
    for score in assessment.scores.all():
        svc.review_score(score, Review.ACCEPTED)
    svc.complete_review(assessment)
    svc.finalise(assessment)
    Rating.objects.all().delete()
    assert assessment.scores.get(criterion__code="3.1").measured_value == Decimal("90.0")


# --- Import ---------------------------------------------------------------------------------------





def do_import(ward, uploaded, number="123/QĐ-UBND"):
    return svc.import_criteria_set(uploaded, ward.ward, name="Bộ tiêu chí tỉnh", decision_number=number,
                                   decision_date=date(2024, 3, 1), issuer="UBND tỉnh")


def test_import_of_a_good_file(ward_a):
    criteria_set = do_import(ward_a, workbook_bytes(GOOD_ROWS))

    assert not criteria_set.is_example
    groups = list(criteria_set.groups.order_by("order"))
    assert [(g.code, g.name, g.max_points, g.is_bonus) for g in groups] == [
        ("1", "Công khai, minh bạch", 40, False), ("2", "Sự hài lòng", 60, False), ("3", "Sáng kiến", 5, True)]
    assert Criterion.objects.get(group__criteria_set=criteria_set, code="2.1").measure == "satisfaction_index"
    assert Criterion.objects.get(group__criteria_set=criteria_set, code="1.1").evidence_required == \
        "Ảnh chụp bảng niêm yết"
    assert criteria_set.star_levels.count() == 4


def test_the_exported_example_imports_back(ward_a):
    example = svc.ensure_example_set(ward_a.ward)
    data = svc.export_criteria_set(example)
    copy = do_import(ward_a, SimpleUploadedFile("mau.xlsx", data), number="01/QĐ-THU")
    assert Criterion.objects.filter(group__criteria_set=copy).count() == \
        Criterion.objects.filter(group__criteria_set=example).count()


BAD_FILES = {
    "not a spreadsheet": (lambda: SimpleUploadedFile("bo.xlsx", b"day khong phai tep excel"),
                          "không phải tệp Excel .xlsx hợp lệ"),
    "missing column": (lambda: workbook_bytes([("Nhóm", "Mã", "Tiêu chí"), ("Nhóm 1", "1", None)]),
                       "thiếu cột: “Điểm tối đa”"),
    "points not a number": (lambda: workbook_bytes(GOOD_ROWS[:2] + [(None, "1.1", "Niêm yết", "mười", None)]),
                            "Dòng 3: điểm tối đa “mười” không phải là số"),
    "duplicate code": (lambda: workbook_bytes(GOOD_ROWS[:3] + [(None, "1.1", "Trùng mã", 20, None)]),
                       "Dòng 4: mã tiêu chí “1.1” trùng với dòng 3"),
    "group sum differs": (lambda: workbook_bytes(GOOD_ROWS[:3]),
                          "tổng điểm các tiêu chí của nhóm “Công khai, minh bạch” là 20, khác điểm tối đa"),
    "no star sheet": (lambda: workbook_bytes(GOOD_ROWS, star_rows=None), "Không tìm thấy trang “Xếp sao”"),
    "stars not increasing": (lambda: workbook_bytes(GOOD_ROWS, star_rows=[("Số sao", "Điểm từ"), (4, 80), (3, 90)]),
                             "nhiều sao hơn phải cần nhiều điểm hơn"),
}


@pytest.mark.parametrize("case", list(BAD_FILES), ids=list(BAD_FILES))
def test_a_bad_file_is_refused_with_a_clear_error_and_nothing_written(ward_a, case):
    make, message = BAD_FILES[case]

    with pytest.raises(svc.CriteriaImportError) as refused:
        do_import(ward_a, make())

    assert any(message in error for error in refused.value.errors), refused.value.errors
    assert not CriteriaSet.objects.exists()
    assert not CriteriaGroup.objects.exists() and not Criterion.objects.exists() and not StarLevel.objects.exists()


def test_the_same_decision_is_not_imported_twice(ward_a):
    do_import(ward_a, workbook_bytes(GOOD_ROWS))
    with pytest.raises(svc.CriteriaImportError, match="đã có bộ tiêu chí"):
        do_import(ward_a, workbook_bytes(GOOD_ROWS))
    assert CriteriaSet.objects.count() == 1
