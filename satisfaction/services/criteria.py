"""Friendly-government criteria: the example set, totals and stars, the gap to 4 stars, the quarterly
workflow (self-score > bloc review > one reply > final and locked), gaps turned into plan tasks, and the import
of a real criteria set from a spreadsheet."""

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import periods
from core.numbers import number as fmt_points
from core.numbers import percentage
from core.spreadsheets import (
    Column,
    SheetRejected,
    append_row,
    cell_text,
    find_header,
    load_rows,
    new_workbook,
    workbook_bytes,
)

from ..models import (
    Assessment,
    AssessmentStatus,
    CriteriaGroup,
    CriteriaSet,
    Criterion,
    CriterionScore,
    Measure,
    Review,
    StarLevel,
)

TARGET_STARS = 4

# The published structure of Đồng Nai (Decision 54/2025/QĐ-UBND): groups of 15, 15, 20 and 50 points and
# extra points for initiatives; 4 stars at 95 and above, 3 at 90 to under 95, 2 at 80 to under 90, 1 below 80.
# The criteria under each group are illustrative: Bắc Giang's own set was not found, so the set says it is an
# example and the bloc edits it or imports the real one.
EXAMPLE_DECISION = "VÍ DỤ – theo cấu trúc QĐ 54/2025/QĐ-UBND (Đồng Nai)"
EXAMPLE_GROUPS = [
    ("1", "Tuyên truyền về mô hình Chính quyền thân thiện", 15, False, [
        ("1.1", "Ban hành kế hoạch, văn bản triển khai xây dựng mô hình Chính quyền thân thiện", 5,
         "Kế hoạch, văn bản chỉ đạo của Đảng ủy, UBND phường", ""),
        ("1.2", "Tuyên truyền về mô hình trên Đài truyền thanh, trang thông tin điện tử, mạng xã hội", 5,
         "Tin bài, lịch phát thanh, ảnh chụp trang Zalo/Facebook của phường", ""),
        ("1.3", "Bảng nhận diện, khẩu hiệu hành động, niêm yết công khai tại trụ sở", 5,
         "Ảnh chụp trụ sở, bảng niêm yết", Measure.DISCLOSURES_SHARE),
    ]),
    ("2", "Văn minh công sở, văn hóa công vụ, ứng xử của cán bộ", 15, False, [
        ("2.1", "Cán bộ thực hiện đúng quy tắc ứng xử, trang phục, đeo thẻ công chức khi thi hành công vụ", 5,
         "Quy tắc ứng xử, biên bản kiểm tra công vụ", ""),
        ("2.2", "Chấp hành kỷ luật, kỷ cương hành chính, thời giờ làm việc", 5,
         "Sổ theo dõi, kết quả kiểm tra", ""),
        ("2.3", "Không có phản ánh tiêu cực về thái độ phục vụ được xác minh là đúng", 5,
         "Sổ tiếp nhận phản ánh, kết quả xác minh", ""),
    ]),
    ("3", "Sự hài lòng của người dân, doanh nghiệp và cán bộ", 20, False, [
        ("3.1", "Mức độ hài lòng của người dân tại Bộ phận một cửa", 10,
         "Kết quả đánh giá tại quầy (thiết bị, mã QR)", Measure.SATISFACTION_INDEX),
        ("3.2", "Kết quả khảo sát sự hài lòng theo đợt", 5, "Báo cáo kết quả khảo sát", Measure.SURVEY_INDEX),
        ("3.3", "Tiếp nhận, xử lý phản ánh, kiến nghị của người dân đúng hạn", 5,
         "Sổ theo dõi, văn bản trả lời", ""),
    ]),
    ("4", "Cải cách hành chính (theo Chỉ số cải cách hành chính của tỉnh)", 50, False, [
        ("4.1", "Công tác chỉ đạo, điều hành cải cách hành chính", 10, "Kế hoạch, báo cáo CCHC", ""),
        ("4.2", "Cải cách thủ tục hành chính; tỷ lệ hồ sơ giải quyết đúng hạn", 15,
         "Số liệu trên Hệ thống thông tin giải quyết TTHC", ""),
        ("4.3", "Thực hiện cơ chế một cửa, một cửa liên thông; dịch vụ công trực tuyến", 15,
         "Số liệu hồ sơ trực tuyến, Bộ phận một cửa", ""),
        ("4.4", "Ứng dụng công nghệ thông tin, chuyển đổi số", 10, "Báo cáo chuyển đổi số", ""),
    ]),
    ("5", "Sáng kiến, mô hình mới (điểm thưởng)", 5, True, [
        ("5.1", "Có sáng kiến, mô hình mới được cấp có thẩm quyền công nhận", 5,
         "Quyết định công nhận sáng kiến, mô hình", ""),
    ]),
]
EXAMPLE_STARS = [(4, 95), (3, 90), (2, 80), (1, 0)]


@transaction.atomic
def ensure_example_set(ward):
    """The editable example set for a ward (created once), clearly named as an example."""
    existing = CriteriaSet.objects.filter(ward=ward, decision_number=EXAMPLE_DECISION).first()
    if existing:
        return existing
    criteria_set = CriteriaSet.objects.create(
        ward=ward, name=_("Bộ tiêu chí MẪU Chính quyền thân thiện (ví dụ, không phải bộ chính thức)"),
        decision_number=EXAMPLE_DECISION, issuer=_("Ví dụ theo cấu trúc đã công bố của UBND tỉnh Đồng Nai"),
        is_example=True,
        note=_("Đây là bộ tiêu chí MẪU để tham khảo cấu trúc (100 điểm, 4 sao từ 95 điểm). Bộ tiêu chí chính thức "
               "của tỉnh chưa được nạp: Khối Dân vận sửa bộ mẫu này hoặc nhập bộ chính thức từ tệp Excel."),
    )
    _create_groups(criteria_set, [
        {"code": code, "name": name, "max_points": Decimal(points), "is_bonus": bonus,
         "criteria": [{"code": c, "name": n, "max_points": Decimal(p), "evidence": e, "measure": m}
                      for c, n, p, e, m in criteria]}
        for code, name, points, bonus, criteria in EXAMPLE_GROUPS
    ], [(stars, Decimal(score)) for stars, score in EXAMPLE_STARS])
    return criteria_set


def _create_groups(criteria_set, groups, stars):
    for group_order, group in enumerate(groups):
        group_obj = CriteriaGroup.objects.create(
            criteria_set=criteria_set, code=group["code"], name=group["name"], max_points=group["max_points"],
            is_bonus=group["is_bonus"], order=group_order,
        )
        Criterion.objects.bulk_create([
            Criterion(group=group_obj, code=c["code"], name=c["name"], max_points=c["max_points"],
                      evidence_required=c["evidence"], measure=c["measure"], order=order)
            for order, c in enumerate(group["criteria"])
        ])
    StarLevel.objects.bulk_create([StarLevel(criteria_set=criteria_set, stars=s, min_score=m) for s, m in stars])


# --- Totals and stars -----------------------------------------------------------------------------

def stars_for(total, levels):
    """Stars for a total: the highest level whose minimum the total reaches (0 when none).

    ``levels`` are (stars, min_score) pairs or StarLevel rows."""
    if total is None:
        return 0
    pairs = [(lvl.stars, lvl.min_score) if isinstance(lvl, StarLevel) else lvl for lvl in levels]
    for stars, minimum in sorted(pairs, key=lambda p: p[1], reverse=True):
        if Decimal(total) >= Decimal(minimum):
            return stars
    return 0


@dataclass
class GapLine:
    score: CriterionScore
    points: Decimal
    missing: Decimal


@dataclass
class AssessmentResult:
    total: Decimal
    base: Decimal
    bonus: Decimal
    stars: int
    target_score: Decimal | None
    points_to_target: Decimal
    gaps: list


def compute(assessment, scores=None):
    """Total (main groups + bonus capped at its group's maximum), stars, and the gap to 4 stars, the criteria
    with the largest missing points first."""
    if scores is None:
        scores = list(assessment.scores.select_related("criterion__group", "gap_task"))
    base = Decimal("0")
    bonus_by_group = {}
    gaps = []
    for score in scores:
        group = score.criterion.group
        points = score.final_score or Decimal("0")
        if group.is_bonus:
            bonus_by_group[group.pk] = (bonus_by_group.get(group.pk, (Decimal("0"), group.max_points))[0] + points,
                                        group.max_points)
        else:
            base += points
        missing = score.criterion.max_points - points
        if missing > 0:
            gaps.append(GapLine(score, points, missing))
    bonus = sum((min(points, cap) for points, cap in bonus_by_group.values()), Decimal("0"))
    total = base + bonus
    levels = list(assessment.criteria_set.star_levels.all())
    target = next((lvl.min_score for lvl in levels if lvl.stars == TARGET_STARS), None)
    gaps.sort(key=lambda g: (-g.missing, g.score.criterion.group.order, g.score.criterion.order))
    return AssessmentResult(
        total=total, base=base, bonus=bonus, stars=stars_for(total, levels), target_score=target,
        points_to_target=max(Decimal("0"), (target or Decimal("0")) - total), gaps=gaps,
    )


# --- Measured values ------------------------------------------------------------------------------

def _democracy_services():
    """The democracy app's services, or None when it is not installed: satisfaction does not depend on it."""
    from django.apps import apps

    if not apps.is_installed("democracy"):
        return None
    from democracy import services

    return services


def disclosure_share(ward, start, end, today=None):
    """Share (%) of the yearly checklist's disclosures due in the quarter that were made: approved by the
    Chairman, begun and not taken down early (Law 10/2022 art. 12-13). None when nothing was due yet.

    A periodic item counts in the quarter its deadline falls in (the quarter's budget report, due 15 days after
    the quarter, counts in the next one); a permanent posting counts in every quarter and must be standing;
    items "khi phát sinh" are left out, since the portal cannot know what arose and was never disclosed.
    """
    democracy = _democracy_services()
    if democracy is None:
        return None
    from democracy.models import DisclosureFrequency

    today = today or periods.today()
    if today < start:
        return None
    on = min(today, end)
    quarter_over = today > end
    done_state = democracy.ChecklistState.DONE
    requirements = democracy.requirements_for(ward)
    due = made = 0
    for year in (start.year - 1, start.year):
        for row in democracy.disclosure_checklist(ward, year, on=on, requirements=requirements):
            frequency = row.requirement.frequency
            if frequency == DisclosureFrequency.WHEN_ARISING:
                continue
            for period in row.periods:
                if frequency == DisclosureFrequency.PERMANENT:
                    counted = year == start.year
                else:
                    counted = start <= period.due <= end and (
                        period.state == done_state or period.due < on or quarter_over)
                if counted:
                    due += 1
                    made += period.state == done_state
    return percentage(made, due)


def disclosures_count(ward, start, end):
    """Disclosures approved by the Chairman that began in the quarter (the report's "nội dung đã công khai")."""
    democracy = _democracy_services()
    if democracy is None:
        return None
    from django.db.models import Q

    from democracy.models import Disclosure

    # It counts from the later of its posting and its approval (democracy.services.effective_start).
    return Decimal(Disclosure.objects.filter(
        Q(posted_on__gte=start) | Q(approved_on__gte=start),
        unit__ward=ward, approved_on__isnull=False, approved_on__lte=end, posted_on__lte=end,
    ).count())


def measured_value(measure, ward, start, end):
    from . import summarise, ward_ratings

    if measure == Measure.SATISFACTION_INDEX:
        return summarise(ward_ratings(ward, start, end)).index
    if measure == Measure.RATINGS_COUNT:
        return Decimal(ward_ratings(ward, start, end).count())
    if measure == Measure.SURVEY_INDEX:
        from .surveys import quarter_survey_index

        return quarter_survey_index(ward, start, end)
    if measure == Measure.DISCLOSURES_SHARE:
        return disclosure_share(ward, start, end)
    if measure == Measure.DISCLOSURES_COUNT:
        return disclosures_count(ward, start, end)
    return None


def measured_values(assessment):
    """{criterion id: value} of every measured criterion, from the portal's data of the quarter."""
    start, end = periods.quarter_bounds(assessment.year, assessment.quarter)
    values, by_measure = {}, {}
    for criterion in Criterion.objects.filter(group__criteria_set=assessment.criteria_set).exclude(measure=""):
        if criterion.measure not in by_measure:
            by_measure[criterion.measure] = measured_value(criterion.measure, assessment.ward, start, end)
        values[criterion.pk] = by_measure[criterion.measure]
    return values


# --- Workflow -------------------------------------------------------------------------------------

class AssessmentError(Exception):
    """A step the workflow does not allow now; the message is shown to the user."""


@transaction.atomic
def start_assessment(unit, criteria_set, year, quarter):
    assessment = Assessment.objects.create(unit=unit, criteria_set=criteria_set, year=year, quarter=quarter)
    CriterionScore.objects.bulk_create([
        CriterionScore(assessment=assessment, criterion=criterion)
        for criterion in Criterion.objects.filter(group__criteria_set=criteria_set)
    ])
    return assessment


def _require(assessment, *statuses):
    if assessment.status == AssessmentStatus.FINAL:
        raise AssessmentError(_("Kỳ đánh giá đã chốt, không thể sửa."))
    if assessment.status not in statuses:
        raise AssessmentError(_("Bước này không thực hiện được ở trạng thái “%(status)s”.")
                              % {"status": assessment.get_status_display()})


def _check_points(value, criterion):
    if value is None:
        return
    if value < 0 or value > criterion.max_points:
        raise AssessmentError(_("Tiêu chí %(code)s: điểm phải từ 0 đến %(max)s.")
                              % {"code": criterion.code, "max": fmt_points(criterion.max_points)})


def set_self_score(score, value, comment=""):
    _require(score.assessment, AssessmentStatus.DRAFT)
    _check_points(value, score.criterion)
    score.self_score = value
    score.comment = comment
    score.save(update_fields=["self_score", "comment"])
    return score


def submit(assessment):
    _require(assessment, AssessmentStatus.DRAFT)
    missing = assessment.scores.filter(self_score__isnull=True).select_related("criterion")
    if missing.exists():
        codes = ", ".join(s.criterion.code for s in missing[:10])
        raise AssessmentError(_("Còn tiêu chí chưa chấm điểm: %(codes)s.") % {"codes": codes})
    assessment.status = AssessmentStatus.SUBMITTED
    assessment.submitted_at = timezone.now()
    assessment.save(update_fields=["status", "submitted_at"])
    return assessment


def review_score(score, decision, value=None, reason=""):
    """The bloc accepts the unit's score or adjusts it, with a reason."""
    _require(score.assessment, AssessmentStatus.SUBMITTED)
    if decision == Review.ACCEPTED:
        score.review, score.reviewed_score, score.review_reason = Review.ACCEPTED, None, ""
    elif decision == Review.ADJUSTED:
        if value is None:
            raise AssessmentError(_("Tiêu chí %(code)s: nhập điểm điều chỉnh.") % {"code": score.criterion.code})
        if not (reason or "").strip():
            raise AssessmentError(_("Tiêu chí %(code)s: điều chỉnh điểm phải ghi lý do.")
                                  % {"code": score.criterion.code})
        _check_points(value, score.criterion)
        score.review, score.reviewed_score, score.review_reason = Review.ADJUSTED, value, reason.strip()
    else:
        raise AssessmentError(_("Kết quả thẩm định không hợp lệ."))
    score.save(update_fields=["review", "reviewed_score", "review_reason"])
    return score


def complete_review(assessment):
    _require(assessment, AssessmentStatus.SUBMITTED)
    if assessment.scores.filter(review="").exists():
        raise AssessmentError(_("Còn tiêu chí chưa thẩm định."))
    assessment.status = AssessmentStatus.REVIEWED
    assessment.reviewed_at = timezone.now()
    assessment.save(update_fields=["status", "reviewed_at"])
    return assessment


def reply(assessment, text):
    """The unit's one reply to the review."""
    _require(assessment, AssessmentStatus.REVIEWED)
    if assessment.replied_at is not None:
        raise AssessmentError(_("Đơn vị chỉ được phản hồi một lần."))
    if not (text or "").strip():
        raise AssessmentError(_("Nhập nội dung phản hồi."))
    assessment.reply = text.strip()
    assessment.replied_at = timezone.now()
    assessment.status = AssessmentStatus.REPLIED
    assessment.save(update_fields=["reply", "replied_at", "status"])
    return assessment


@transaction.atomic
def finalise(assessment, user=None):
    """Freeze the total, the stars and the measured values; nothing changes afterwards."""
    _require(assessment, AssessmentStatus.REVIEWED, AssessmentStatus.REPLIED)
    values = measured_values(assessment)
    for score in assessment.scores.filter(criterion_id__in=values.keys()):
        score.measured_value = values[score.criterion_id]
        score.save(update_fields=["measured_value"])
    result = compute(assessment)
    assessment.total = result.total
    assessment.stars = result.stars
    assessment.status = AssessmentStatus.FINAL
    assessment.finalised_at = timezone.now()
    assessment.finalised_by = user
    assessment.save(update_fields=["total", "stars", "status", "finalised_at", "finalised_by"])
    return assessment




# --- A gap becomes a task of the plan -------------------------------------------------------------

def friendly_government_area(ward, on):
    from plans.models import AreaKind
    from plans.services import current_area

    return current_area(ward, AreaKind.FRIENDLY_GOVERNMENT, on=on)


@transaction.atomic
def gap_to_task(score, today=None):
    """Create a task in the plan's friendly-government area to win back the missing points of a criterion."""
    from plans.services import add_area_task

    if score.gap_task_id:
        raise AssessmentError(_("Tiêu chí này đã có nhiệm vụ khắc phục."))
    assessment = score.assessment
    today = today or periods.today()
    area = friendly_government_area(assessment.ward, today)
    if area is None:
        raise AssessmentError(_("Kế hoạch hiện hành chưa có nhóm nhiệm vụ “Chính quyền thân thiện”."))
    criterion = score.criterion
    missing = criterion.max_points - (score.final_score or Decimal("0"))
    _start, quarter_end = periods.quarter_bounds(assessment.year, assessment.quarter)
    next_quarter_end = periods.quarter_bounds(*periods.next_quarter(assessment.year, assessment.quarter))[1]
    task = add_area_task(
        area,
        title=_("Khắc phục tiêu chí %(code)s Chính quyền thân thiện (thiếu %(missing)s điểm)")
        % {"code": criterion.code, "missing": fmt_points(missing)},
        description=_("%(name)s\nĐiểm quý %(q)s/%(y)s: %(points)s/%(max)s. Minh chứng cần có: %(evidence)s")
        % {"name": criterion.name, "q": assessment.quarter, "y": assessment.year,
           "points": fmt_points(score.final_score or 0), "max": fmt_points(criterion.max_points),
           "evidence": criterion.evidence_required or "—"},
        source=_("Tiêu chí %(code)s") % {"code": criterion.code},
        lead_unit=assessment.unit,
        due_date=max(next_quarter_end, today),
        order=9000 + criterion.order,
    )
    score.gap_task = task
    score.save(update_fields=["gap_task"])
    return task


def totals(assessments):
    """[(assessment, total, stars)]: the frozen figures of final assessments, the running ones of the others.

    One query for the scores of every open assessment of the list (not one per row); the criteria sets' star
    levels should be prefetched by the caller."""
    assessments = list(assessments)
    open_ids = [a.pk for a in assessments if not a.is_locked]
    scores = {}
    if open_ids:
        for score in CriterionScore.objects.filter(assessment_id__in=open_ids).select_related("criterion__group"):
            scores.setdefault(score.assessment_id, []).append(score)
    rows = []
    for assessment in assessments:
        if assessment.is_locked:
            rows.append((assessment, assessment.total, assessment.stars))
        else:
            result = compute(assessment, scores.get(assessment.pk, []))
            rows.append((assessment, result.total, result.stars))
    return rows


def history(ward):
    """The ward's assessments quarter by quarter, newest first, each with its total and stars."""
    return totals(Assessment.objects.filter(ward=ward).select_related("criteria_set")
                  .prefetch_related("criteria_set__star_levels"))


# --- Spreadsheet import and export ----------------------------------------------------------------

SHEET_CRITERIA = "Tiêu chí"
SHEET_STARS = "Xếp sao"
COLUMNS = {
    "group": "Nhóm",
    "code": "Mã",
    "name": "Tiêu chí",
    "max_points": "Điểm tối đa",
    "evidence": "Minh chứng cần có",
    "bonus": "Điểm thưởng",
    "measure": "Đo từ dữ liệu cổng",
}
REQUIRED = ("group", "code", "name", "max_points")
STAR_COLUMNS = {"stars": "Số sao", "min_score": "Điểm từ"}
MEASURE_WORDS = {
    "": Measure.NONE,
    "chỉ số hài lòng": Measure.SATISFACTION_INDEX,
    "khảo sát": Measure.SURVEY_INDEX,
    "số lượt đánh giá": Measure.RATINGS_COUNT,
    "tỷ lệ công khai": Measure.DISCLOSURES_SHARE,
    "số nội dung công khai": Measure.DISCLOSURES_COUNT,
}
MAX_ROWS = 2000


class CriteriaImportError(Exception):
    def __init__(self, errors):
        super().__init__("; ".join(errors))
        self.errors = errors


def _number(value, row, label, errors):
    if value is None or cell_text(value) == "":
        errors.append(_("Dòng %(row)s: thiếu %(label)s.") % {"row": row, "label": label})
        return None
    try:
        number = Decimal(cell_text(value).replace(",", "."))
    except InvalidOperation:
        errors.append(_("Dòng %(row)s: %(label)s “%(value)s” không phải là số.")
                      % {"row": row, "label": label, "value": cell_text(value)})
        return None
    if number < 0:
        errors.append(_("Dòng %(row)s: %(label)s không được âm.") % {"row": row, "label": label})
        return None
    return number


def _columns(wanted):
    return [Column(key, label) for key, label in wanted.items()]


def _sheet(data, name, columns, max_rows):
    """(rows after the header, header row number, {key: column index}) of the named sheet."""
    rows = load_rows(data, max_rows=max_rows, sheet_names=(name,), require_sheet=True)
    header_index, positions = find_header(rows, columns)
    header_index = header_index or 0
    return rows[header_index + 1:], header_index + 1, positions


def parse_criteria_file(uploaded):
    """Read a criteria set from an .xlsx file: ({groups}, [(stars, min)]) or CriteriaImportError listing every
    problem, in Vietnamese, with its row. Nothing is written here."""
    data = uploaded.read() if hasattr(uploaded, "read") else uploaded
    try:
        rows, header_row, positions = _sheet(data, SHEET_CRITERIA, _columns(COLUMNS), MAX_ROWS)
    except SheetRejected as exc:
        raise CriteriaImportError([exc.message]) from exc
    errors = []
    missing = [COLUMNS[key] for key in REQUIRED if key not in positions]
    if missing:
        raise CriteriaImportError([
            _("Trang “%(sheet)s” thiếu cột: %(columns)s (dòng 1 phải là dòng tiêu đề).")
            % {"sheet": SHEET_CRITERIA, "columns": ", ".join(f"“{c}”" for c in missing)}
        ])

    def cell(row_values, key):
        index = positions.get(key)
        return row_values[index] if index is not None and index < len(row_values) else None

    groups, codes = [], {}
    for row_number, values in enumerate(rows, start=header_row + 1):
        if not any(cell_text(v) for v in values):
            continue
        group_name, code, name = (cell_text(cell(values, key)) for key in ("group", "code", "name"))
        if group_name and not name:
            points = _number(cell(values, "max_points"), row_number, _("điểm tối đa của nhóm"), errors)
            groups.append({"row": row_number, "code": code or str(len(groups) + 1), "name": group_name,
                           "max_points": points, "is_bonus": bool(cell_text(cell(values, "bonus"))), "criteria": []})
            continue
        if not groups:
            errors.append(_("Dòng %(row)s: tiêu chí đứng trước mọi nhóm; hãy thêm dòng nhóm phía trên.")
                          % {"row": row_number})
            continue
        if not code or not name:
            errors.append(_("Dòng %(row)s: tiêu chí phải có mã và nội dung.") % {"row": row_number})
            continue
        if code in codes:
            errors.append(_("Dòng %(row)s: mã tiêu chí “%(code)s” trùng với dòng %(other)s.")
                          % {"row": row_number, "code": code, "other": codes[code]})
            continue
        codes[code] = row_number
        points = _number(cell(values, "max_points"), row_number, _("điểm tối đa"), errors)
        measure_word = cell_text(cell(values, "measure")).lower()
        if measure_word not in MEASURE_WORDS:
            errors.append(_("Dòng %(row)s: “%(value)s” không phải là số liệu cổng đo được (để trống hoặc ghi một "
                            "trong: %(words)s).") % {"row": row_number, "value": measure_word,
                                                     "words": ", ".join(f"“{w}”" for w in MEASURE_WORDS if w)})
            continue
        groups[-1]["criteria"].append({"code": code, "name": name, "max_points": points,
                                       "evidence": cell_text(cell(values, "evidence")),
                                       "measure": MEASURE_WORDS[measure_word]})
    if not groups and not errors:
        errors.append(_("Trang “%(sheet)s” không có nhóm tiêu chí nào.") % {"sheet": SHEET_CRITERIA})
    for group in groups:
        if not group["criteria"]:
            errors.append(_("Dòng %(row)s: nhóm “%(name)s” chưa có tiêu chí nào.")
                          % {"row": group["row"], "name": group["name"]})
            continue
        if group["max_points"] is None or any(c["max_points"] is None for c in group["criteria"]):
            continue
        criteria_sum = sum(c["max_points"] for c in group["criteria"])
        if not group["is_bonus"] and criteria_sum != group["max_points"]:
            errors.append(_("Dòng %(row)s: tổng điểm các tiêu chí của nhóm “%(name)s” là %(sum)s, khác điểm tối đa "
                            "của nhóm (%(max)s).") % {"row": group["row"], "name": group["name"],
                                                      "sum": fmt_points(criteria_sum),
                                                      "max": fmt_points(group["max_points"])})

    stars = []
    try:
        star_rows, star_header, star_positions = _sheet(data, SHEET_STARS, _columns(STAR_COLUMNS), 50)
    except SheetRejected:
        errors.append(_("Không tìm thấy trang “%(sheet)s” (mức sao theo tổng điểm).") % {"sheet": SHEET_STARS})
    else:
        if len(star_positions) < 2:
            errors.append(_("Trang “%(sheet)s” phải có cột “Số sao” và “Điểm từ”.") % {"sheet": SHEET_STARS})
        else:
            seen = set()
            for row_number, values in enumerate(star_rows, start=star_header + 1):
                if not any(cell_text(v) for v in values):
                    continue
                count = _number(values[star_positions["stars"]], row_number, _("số sao"), errors)
                minimum = _number(values[star_positions["min_score"]], row_number, _("điểm từ"), errors)
                if count is None or minimum is None:
                    continue
                if count != int(count) or not 1 <= count <= 5:
                    errors.append(_("Trang “%(sheet)s”, dòng %(row)s: số sao phải từ 1 đến 5.")
                                  % {"sheet": SHEET_STARS, "row": row_number})
                    continue
                if int(count) in seen:
                    errors.append(_("Trang “%(sheet)s”, dòng %(row)s: mức %(n)s sao bị lặp.")
                                  % {"sheet": SHEET_STARS, "row": row_number, "n": int(count)})
                    continue
                seen.add(int(count))
                stars.append((int(count), minimum))
            if not stars:
                errors.append(_("Trang “%(sheet)s” chưa có mức sao nào.") % {"sheet": SHEET_STARS})
            ordered = sorted(stars)
            if any(a[1] >= b[1] for a, b in zip(ordered, ordered[1:], strict=False)):
                errors.append(_("Trang “%(sheet)s”: nhiều sao hơn phải cần nhiều điểm hơn.") % {"sheet": SHEET_STARS})
            main_total = sum((g["max_points"] or 0) for g in groups if not g["is_bonus"])
            if stars and groups and max(m for _s, m in stars) > main_total + sum(
                    (g["max_points"] or 0) for g in groups if g["is_bonus"]):
                errors.append(_("Trang “%(sheet)s”: điểm của mức sao cao nhất vượt tổng điểm tối đa của bộ tiêu chí.")
                              % {"sheet": SHEET_STARS})
    if errors:
        raise CriteriaImportError(errors)
    return groups, stars


@transaction.atomic
def import_criteria_set(uploaded, ward, *, name, decision_number, decision_date=None, issuer=""):
    """Parse the file, then write the whole set in one transaction; on any error nothing is written."""
    groups, stars = parse_criteria_file(uploaded)
    if CriteriaSet.objects.filter(ward=ward, decision_number=decision_number).exists():
        raise CriteriaImportError([_("Phường đã có bộ tiêu chí theo quyết định %(n)s.") % {"n": decision_number}])
    criteria_set = CriteriaSet.objects.create(ward=ward, name=name, decision_number=decision_number,
                                              decision_date=decision_date, issuer=issuer)
    _create_groups(criteria_set, groups, stars)
    return criteria_set


def export_criteria_set(criteria_set) -> bytes:
    """The set in the import format: a template to fill in with the province's real set."""
    from openpyxl.styles import Alignment, Font

    workbook = new_workbook()
    sheet = workbook.active
    sheet.title = SHEET_CRITERIA
    append_row(sheet, list(COLUMNS.values()))
    measure_words = {v: k for k, v in MEASURE_WORDS.items()}
    for group in criteria_set.groups.prefetch_related("criteria"):
        append_row(sheet, [group.name, group.code, None, float(group.max_points), None, "x" if group.is_bonus else None,
                           None])
        for criterion in group.criteria.all():
            append_row(sheet, [None, criterion.code, criterion.name, float(criterion.max_points),
                               criterion.evidence_required, None, measure_words.get(criterion.measure, "")])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for letter, width in zip("ABCDEFG", (40, 8, 70, 12, 40, 12, 20), strict=True):
        sheet.column_dimensions[letter].width = width
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    stars_sheet = workbook.create_sheet(SHEET_STARS)
    append_row(stars_sheet, list(STAR_COLUMNS.values()))
    for level in criteria_set.star_levels.all():
        append_row(stars_sheet, [level.stars, float(level.min_score)])
    return workbook_bytes(workbook)

