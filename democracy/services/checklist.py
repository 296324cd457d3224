"""The yearly checklist of what the ward must disclose, the quarterly list and the law's yearly minimums."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import periods
from core.models import active_or_defaults, save_defaults_once
from core.spreadsheets import append_row, new_workbook, workbook_bytes

from ..models import FIXED_HOLIDAYS as FIXED_HOLIDAYS
from ..models import (
    PERMANENT_CONTENT,
    CitizenReception,
    Disclosure,
    DisclosureContent,
    DisclosureFrequency,
    DisclosureRequirement,
)
from .disclosures import annotate_disclosures, counts_as_posted, disclosure_deadline, effective_start, is_late

# --- The yearly checklist ------------------------------------------------------------------------------

DEFAULT_CHECKLIST = [
    # content kind, title, frequency, grace days, basis
    (DisclosureContent.SOCIO_ECONOMIC, gettext_lazy("Kế hoạch phát triển kinh tế - xã hội hằng năm của phường"),
     DisclosureFrequency.YEARLY, 0, gettext_lazy("Điều 11 khoản 1")),
    (DisclosureContent.BUDGET, gettext_lazy("Dự toán ngân sách phường được HĐND phường quyết định"),
     DisclosureFrequency.YEARLY, 0, gettext_lazy("Điều 11 khoản 2")),
    (DisclosureContent.BUDGET, gettext_lazy("Tình hình thực hiện ngân sách phường hằng quý"),
     DisclosureFrequency.QUARTERLY, 15, gettext_lazy("Điều 11 khoản 2")),
    (DisclosureContent.DEMOCRACY_RULES,
     gettext_lazy("Quy chế thực hiện dân chủ ở cơ sở; nhiệm vụ, quyền hạn, quy tắc ứng xử của cán bộ, công chức"),
     DisclosureFrequency.PERMANENT, 0, gettext_lazy("Điều 11 khoản 4; Điều 13 (niêm yết thường xuyên)")),
    (DisclosureContent.ADMIN_PROCEDURES,
     gettext_lazy("Thủ tục hành chính thuộc thẩm quyền giải quyết của UBND phường"),
     DisclosureFrequency.PERMANENT, 0, gettext_lazy("Điều 11 khoản 13; Điều 13 (niêm yết thường xuyên)")),
    (DisclosureContent.FEES, gettext_lazy("Mức thu phí, lệ phí đối với các thủ tục hành chính"),
     DisclosureFrequency.PERMANENT, 0, gettext_lazy("Điều 11 khoản 12")),
    (DisclosureContent.RESIDENT_CONTRIBUTIONS,
     gettext_lazy("Các khoản huy động Nhân dân đóng góp và kết quả quản lý, sử dụng"),
     DisclosureFrequency.WHEN_ARISING, 0, gettext_lazy("Điều 11 khoản 5")),
    (DisclosureContent.SOCIAL_SUPPORT, gettext_lazy("Danh sách đối tượng thụ hưởng chính sách an sinh xã hội"),
     DisclosureFrequency.WHEN_ARISING, 0, gettext_lazy("Điều 11 khoản 7")),
    (DisclosureContent.MILITARY_SERVICE, gettext_lazy("Danh sách công dân gọi nhập ngũ"),
     DisclosureFrequency.YEARLY, 0, gettext_lazy("Điều 11 khoản 9")),
    (DisclosureContent.PUBLIC_ASSETS, gettext_lazy("Tình hình quản lý, sử dụng tài sản công của phường"),
     DisclosureFrequency.YEARLY, 0, gettext_lazy("Điều 11 khoản 6")),
    (DisclosureContent.INSPECTION,
     gettext_lazy("Kết quả thanh tra, kiểm tra, giải quyết khiếu nại, tố cáo; phòng, chống tham nhũng"),
     DisclosureFrequency.HALF_YEARLY, 15, gettext_lazy("Điều 11 khoản 10")),
    (DisclosureContent.PROJECTS_LAND, gettext_lazy("Dự án, công trình; thu hồi đất, bồi thường, tái định cư"),
     DisclosureFrequency.WHEN_ARISING, 0, gettext_lazy("Điều 11 khoản 3")),
    (DisclosureContent.CONSULTATION, gettext_lazy("Kế hoạch và kết quả lấy ý kiến Nhân dân"),
     DisclosureFrequency.WHEN_ARISING, 0, gettext_lazy("Điều 11 khoản 11")),
    (DisclosureContent.DISASTER_AID, gettext_lazy("Hỗ trợ khắc phục thiên tai, dịch bệnh, sự cố"),
     DisclosureFrequency.WHEN_ARISING, 0, gettext_lazy("Điều 11 khoản 8")),
]


def default_checklist(ward):
    from organisations.models import Unit, UnitKind

    committee = Unit.objects.filter(ward=ward, kind=UnitKind.PEOPLES_COMMITTEE).order_by("order").first()
    return [
        DisclosureRequirement(ward=ward, content_kind=kind, title=str(title), frequency=frequency,
                              grace_days=grace, basis=str(basis), responsible_unit=committee, order=index)
        for index, (kind, title, frequency, grace, basis) in enumerate(DEFAULT_CHECKLIST)
    ]


def ensure_default_checklist(ward):
    return save_defaults_once(DisclosureRequirement, ward, default_checklist)


class ChecklistState:
    DONE = "done"
    AWAITING_APPROVAL = "awaiting_approval"
    NOT_APPROVED_OVERDUE = "not_approved_overdue"
    TAKEN_DOWN_EARLY = "taken_down_early"
    OVERDUE = "overdue"
    PENDING = "pending"
    NOT_ARISEN = "not_arisen"

    LABELS = {
        DONE: gettext_lazy("Đã công khai"),
        AWAITING_APPROVAL: gettext_lazy("Chờ Chủ tịch phê duyệt"),
        NOT_APPROVED_OVERDUE: gettext_lazy("Quá hạn: chưa được Chủ tịch phê duyệt"),
        TAKEN_DOWN_EARLY: gettext_lazy("Gỡ trước thời hạn"),
        OVERDUE: gettext_lazy("Quá hạn, chưa công khai"),
        PENDING: gettext_lazy("Chưa đến hạn"),
        NOT_ARISEN: gettext_lazy("Chưa phát sinh"),
    }
    CSS = {DONE: "done", AWAITING_APPROVAL: "in_progress", NOT_APPROVED_OVERDUE: "overdue",
           TAKEN_DOWN_EARLY: "overdue", OVERDUE: "overdue", PENDING: "not_started", NOT_ARISEN: "not_started"}
    RED = {NOT_APPROVED_OVERDUE, TAKEN_DOWN_EARLY, OVERDUE}
    # Worst first: a period shows the most urgent state of its disclosures.
    SEVERITY = [OVERDUE, NOT_APPROVED_OVERDUE, TAKEN_DOWN_EARLY, AWAITING_APPROVAL, PENDING, NOT_ARISEN, DONE]


@dataclass
class ChecklistPeriod:
    label: str
    start: date
    end: date
    due: date | None
    disclosures: list = field(default_factory=list)
    state: str = ChecklistState.PENDING
    late: bool = False

    @property
    def state_label(self):
        return ChecklistState.LABELS[self.state]

    @property
    def css(self):
        return ChecklistState.CSS[self.state]

    @property
    def is_red(self):
        return self.state in ChecklistState.RED


@dataclass
class ChecklistRow:
    requirement: DisclosureRequirement
    periods: list = field(default_factory=list)

    @property
    def red(self):
        return sum(1 for p in self.periods if p.is_red)


def _reference_date(disclosure):
    """Which period a disclosure answers: the period of its content when given, else its posting date."""
    return disclosure.period_end or disclosure.period_start or disclosure.posted_on


def _period_state(disclosures, due, on):
    """The state of one period of a checklist item from the disclosures that answer it.

    Only an approved disclosure that has begun and was not taken down too early counts as posted.
    """
    started = [d for d in disclosures if effective_start(d) is not None and effective_start(d) <= on]
    if any(counts_as_posted(d, on) for d in started):
        return ChecklistState.DONE
    if started:
        return ChecklistState.TAKEN_DOWN_EARLY
    overdue = due is not None and due < on
    if any(d.approved_on is None for d in disclosures):
        return ChecklistState.NOT_APPROVED_OVERDUE if overdue else ChecklistState.AWAITING_APPROVAL
    return ChecklistState.OVERDUE if overdue else ChecklistState.PENDING


def requirements_for(ward):
    return active_or_defaults(DisclosureRequirement, ward, default_checklist)


def disclosure_checklist(ward, year, on=None, requirements=None):
    """What the ward had to disclose in the year, period by period, and whether it did (approved, long enough)."""
    on = on or periods.today()
    requirements = requirements_for(ward) if requirements is None else list(requirements)
    saved_ids = [r.pk for r in requirements if r.pk]
    kinds = {r.content_kind for r in requirements}
    candidates = list(
        Disclosure.objects.filter(unit__ward=ward, content_kind__in=kinds)
        .filter(Q(posted_on__year__in=(year - 1, year, year + 1)) | Q(is_permanent=True)
                | Q(content_kind__in=PERMANENT_CONTENT))
        .order_by("posted_on", "pk")
    )
    rows = []
    for requirement in requirements:
        if requirement.pk:
            mine = [d for d in candidates if d.requirement_id == requirement.pk
                    or (d.requirement_id is None and d.content_kind == requirement.content_kind)]
        else:
            mine = [d for d in candidates if d.content_kind == requirement.content_kind
                    and (d.requirement_id is None or d.requirement_id not in saved_ids)]
        row = ChecklistRow(requirement=requirement)
        year_start, year_end = periods.year_bounds(year)
        if requirement.frequency == DisclosureFrequency.PERMANENT:
            # Must stand all year: an approved posting begun by then and not taken down.
            cutoff = min(on, year_end)
            posted = [d for d in mine if d.posted_on <= year_end]
            begun = [d for d in posted if effective_start(d) is not None and effective_start(d) <= cutoff]
            standing = [d for d in begun if d.posted_until is None or d.posted_until >= cutoff]
            period = ChecklistPeriod(label=_("Cả năm"), start=year_start, end=year_end, due=year_start,
                                     disclosures=standing or begun[-1:] or posted[-1:])
            if year_start > on:
                period.state = ChecklistState.PENDING
            elif standing:
                period.state = ChecklistState.DONE
            elif begun:
                period.state = ChecklistState.TAKEN_DOWN_EARLY
            elif posted:
                period.state = ChecklistState.NOT_APPROVED_OVERDUE
            else:
                period.state = ChecklistState.OVERDUE
            row.periods.append(period)
        elif requirement.frequency == DisclosureFrequency.WHEN_ARISING:
            # Each content that arose answers for itself: 5 working days from the day it arose.
            arisen = [d for d in mine if year_start <= _reference_date(d) <= year_end]
            period = ChecklistPeriod(label=_("Năm %(year)s") % {"year": year}, start=year_start, end=year_end,
                                     due=None, disclosures=arisen)
            states = [_period_state([d], disclosure_deadline(d), on) for d in arisen]
            period.state = min(states, key=ChecklistState.SEVERITY.index) if states else ChecklistState.NOT_ARISEN
            period.late = any(is_late(d) for d in arisen)
            row.periods.append(period)
        else:
            for label, start, end in periods.frequency_periods(requirement.frequency, year):
                due = end + timedelta(days=requirement.grace_days)
                inside = [d for d in mine if start <= _reference_date(d) <= end]
                period = ChecklistPeriod(label=label, start=start, end=end, due=due, disclosures=inside)
                period.state = _period_state(inside, due, on)
                period.late = any(effective_start(d) and effective_start(d) > due for d in inside) or any(
                    is_late(d) for d in inside)
                row.periods.append(period)
        rows.append(row)
    return rows


def quarterly_list(ward, year, quarter, user=None):
    """What was disclosed in a quarter (art. 13): approved disclosures that began in it, with form and dates."""
    start, end = periods.quarter_bounds(year, quarter)
    queryset = Disclosure.objects.restrict(user) if user is not None else Disclosure.objects.all()
    disclosures = [
        d for d in queryset.filter(unit__ward=ward, approved_on__isnull=False, posted_on__lte=end,
                                   approved_on__lte=end)
        .select_related("unit", "approver").order_by("posted_on", "pk")
        if start <= effective_start(d) <= end
    ]
    return annotate_disclosures(disclosures, min(periods.today(), end + timedelta(days=365)))


def quarterly_workbook(ward, year, quarter, title, disclosures) -> bytes:
    """The quarter's list of disclosures (``quarterly_list``) as an .xlsx file, to print or send on."""
    from openpyxl.styles import Font

    book = new_workbook()
    sheet = book.active
    # A sheet name cannot hold "/" (Excel refuses it), hence "Quý 2-2024" rather than "Quý 2/2024".
    sheet.title = _("Quý %(quarter)s-%(year)s") % {"quarter": quarter, "year": year}
    append_row(sheet, [str(ward).upper()])
    append_row(sheet, [title])
    sheet["A2"].font = Font(bold=True, size=13)
    append_row(sheet, [])
    append_row(sheet, [_("STT"), _("Nội dung công khai"), _("Loại nội dung (Điều 11)"), _("Hình thức (Điều 12)"),
                       _("Địa điểm"), _("Từ ngày"), _("Đến ngày"), _("Đơn vị"), _("Người phê duyệt")])
    for cell in sheet[4]:
        cell.font = Font(bold=True)
    for number, d in enumerate(disclosures, start=1):
        until = d.posted_until if d.posted_until else _("Thường xuyên") if d.needed_days is None else ""
        append_row(sheet, [number, d.title, d.get_content_kind_display(), d.get_channel_display(), d.place,
                           d.posted_on, until, d.unit.name, d.approver.full_name if d.approver_id else ""])
        for column in (6, 7):
            sheet.cell(row=sheet.max_row, column=column).number_format = "DD/MM/YYYY"
    for letter, width in zip("ABCDEFGHI", (6, 60, 40, 30, 28, 12, 12, 24, 24), strict=True):
        sheet.column_dimensions[letter].width = width
    return workbook_bytes(book)


# --- The law's yearly minimums -------------------------------------------------------------------------

@dataclass
class WeekCheck:
    monday: date
    receptions: list = field(default_factory=list)
    finished: bool = True

    @property
    def sunday(self):
        return self.monday + timedelta(days=6)

    @property
    def met(self):
        return any(r.by_chairman for r in self.receptions)


def reception_weeks(ward, year, on=None):
    """Each ISO week of the year that has begun by ``on``: did the chairman hold a citizen-reception day?

    The current week is listed but not ``finished``: it is not missing until it has ended.
    """
    on = on or periods.today()
    monday = date.fromisocalendar(year, 1, 1)
    final_monday = date.fromisocalendar(year, date(year, 12, 28).isocalendar().week, 1)
    receptions = list(CitizenReception.objects.filter(unit__ward=ward, held_on__gte=monday,
                                                      held_on__lte=final_monday + timedelta(days=6))
                      .order_by("held_on"))
    weeks = []
    while monday <= final_monday and monday <= on:
        sunday = monday + timedelta(days=6)
        weeks.append(WeekCheck(monday=monday, receptions=[r for r in receptions if monday <= r.held_on <= sunday],
                               finished=sunday < on))
        monday += timedelta(days=7)
    return weeks


@dataclass
class Minimum:
    key: str
    title: str
    basis: str
    required: int
    held: int
    state: str  # met, missing, due
    detail: list = field(default_factory=list)

    @property
    def css(self):
        return {"met": "done", "missing": "overdue", "due": "in_progress"}[self.state]

    @property
    def state_label(self):
        return {"met": _("Đạt"), "missing": _("Chưa đạt"), "due": _("Đang trong năm")}[self.state]


def yearly_minimums(ward, year, on=None):
    """The law's and the seed's yearly minimums: a dialogue with residents, each residential group's year-end
    conference, the chairman's weekly citizen reception."""
    from meetings.models import DialogueAudience, MeetingKind, MeetingRequirement
    from meetings.services import PeriodState, meeting_schedule

    on = on or periods.today()
    year_over = date(year, 12, 31) < on
    dialogue_rule = MeetingRequirement(ward=ward, title=str(_("Hội nghị đối thoại với Nhân dân")),
                                       kind=MeetingKind.DIALOGUE, dialogue_audience=DialogueAudience.PEOPLE,
                                       frequency="yearly", minimum=1)
    conference_rule = MeetingRequirement(ward=ward, title=str(_("Hội nghị cuối năm của tổ dân phố")),
                                         kind=MeetingKind.RESIDENTS_CONFERENCE, frequency="yearly", minimum=1,
                                         each_residential_group=True)
    dialogue, *groups = meeting_schedule(ward, year, on=on, requirements=[dialogue_rule, conference_rule])
    result = []
    held = dialogue.periods[0].held
    result.append(Minimum(
        key="dialogue", title=_("Ít nhất một hội nghị đối thoại giữa Chủ tịch UBND phường với Nhân dân"),
        basis=_("Luật Thực hiện dân chủ ở cơ sở 2022, Điều 32"), required=1, held=held,
        state="met" if held >= 1 else ("missing" if year_over else "due"),
        detail=dialogue.periods[0].meetings,
    ))
    met_groups = [row for row in groups if row.periods[0].state == PeriodState.MET]
    result.append(Minimum(
        key="residents_conference", title=_("Mỗi tổ dân phố tổ chức hội nghị cuối năm"),
        basis=_("Luật Thực hiện dân chủ ở cơ sở 2022, Điều 33"), required=len(groups), held=len(met_groups),
        state="met" if groups and len(met_groups) == len(groups) else ("missing" if year_over else "due"),
        detail=[(row.unit, row.periods[0].meetings) for row in groups],
    ))
    weeks = reception_weeks(ward, year, on)
    finished = [w for w in weeks if w.finished]
    met_weeks = [w for w in finished if w.met]
    result.append(Minimum(
        key="citizen_reception", title=_("Chủ tịch UBND phường tiếp công dân ít nhất một ngày mỗi tuần"),
        basis=_("Luật Tiếp công dân 2013, Điều 15"), required=len(finished), held=len(met_weeks),
        state="met" if len(met_weeks) == len(finished) else "missing",
        detail=[w for w in finished if not w.met],
    ))
    return result
