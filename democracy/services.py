"""Domain rules of grassroots democracy: working days and legal deadlines, the posting period and approval of
disclosures, the yearly checklist and the quarterly list, the law's yearly minimums, petitions (deadlines,
who may see the sender, opening a cadre feedback record) and the violations workbook.

Views, the API, the demo loader and the reports call these; none of them re-implements a rule.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import periods
from core.spreadsheets import append_row, new_workbook, workbook_bytes

from .models import (
    CLOSED_PETITION_STATES,
    PERMANENT_CONTENT,
    POSTING_CHANNELS,
    CitizenReception,
    Disclosure,
    DisclosureChannel,
    DisclosureContent,
    DisclosureFrequency,
    DisclosureRequirement,
    Petition,
    PetitionKind,
    PetitionState,
    Violation,
)
from .models import FIXED_HOLIDAYS as FIXED_HOLIDAYS  # the calendar is part of this module's API
from .models import add_working_days as add_working_days
from .models import is_working_day as is_working_day
from .models import legal_due_date as legal_due_date

# --- Working days and legal deadlines ------------------------------------------------------------------

# The working-day calendar and the petition deadline live in models.py (a petition sets its own due date).
# Art. 12 of Law 10/2022: disclose within 5 working days when no other rule sets a time.
DISCLOSURE_WORKING_DAYS = 5


# --- Disclosures -------------------------------------------------------------------------------------------

class DisclosureStatus:
    NOT_APPROVED = "not_approved"
    SCHEDULED = "scheduled"
    POSTING = "posting"
    COMPLETE = "complete"
    TAKEN_DOWN_EARLY = "taken_down_early"

    LABELS = {
        NOT_APPROVED: gettext_lazy("Chờ Chủ tịch UBND phê duyệt"),
        SCHEDULED: gettext_lazy("Chưa đến ngày công khai"),
        POSTING: gettext_lazy("Đang công khai"),
        COMPLETE: gettext_lazy("Đã công khai đủ thời gian"),
        TAKEN_DOWN_EARLY: gettext_lazy("Gỡ trước thời hạn"),
    }
    CSS = {NOT_APPROVED: "overdue", SCHEDULED: "not_started", POSTING: "in_progress", COMPLETE: "done",
           TAKEN_DOWN_EARLY: "overdue"}
    choices = list(LABELS.items())


def is_permanent(disclosure):
    """Posted permanently: marked so, or a posting of the democracy regulation or administrative procedures."""
    return disclosure.is_permanent or (
        disclosure.content_kind in PERMANENT_CONTENT and disclosure.channel in POSTING_CHANNELS)


def required_days(disclosure):
    """Consecutive days the disclosure must stay up (None: permanently). Art. 13 of Law 10/2022."""
    if is_permanent(disclosure):
        return None
    if disclosure.channel in POSTING_CHANNELS or disclosure.channel in (
            DisclosureChannel.WEBSITE, DisclosureChannel.SOCIAL_NETWORK):
        return 30
    if disclosure.channel == DisclosureChannel.LOUDSPEAKER:
        return 3
    return 1


def effective_start(disclosure):
    """The day the disclosure counts from: it counts only once the chairman has approved it."""
    if disclosure.approved_on is None:
        return None
    return max(disclosure.posted_on, disclosure.approved_on)


def days_posted(disclosure, on=None):
    on = on or periods.today()
    start = effective_start(disclosure)
    if start is None or start > on:
        return 0
    end = min(disclosure.posted_until, on) if disclosure.posted_until else on
    return max(0, (end - start).days + 1)


def disclosure_deadline(disclosure):
    """Five working days after the content arose, when its date is known."""
    if disclosure.source_date is None:
        return None
    return add_working_days(disclosure.source_date, DISCLOSURE_WORKING_DAYS)


def is_late(disclosure):
    deadline = disclosure_deadline(disclosure)
    start = effective_start(disclosure)
    return deadline is not None and start is not None and start > deadline


def disclosure_status(disclosure, on=None):
    on = on or periods.today()
    start = effective_start(disclosure)
    if start is None:
        return DisclosureStatus.NOT_APPROVED
    if start > on:
        return DisclosureStatus.SCHEDULED
    needed = required_days(disclosure)
    if disclosure.posted_until is None or disclosure.posted_until >= on:
        return DisclosureStatus.POSTING
    if needed is None or days_posted(disclosure, on) < needed:
        return DisclosureStatus.TAKEN_DOWN_EARLY
    return DisclosureStatus.COMPLETE


def counts_as_posted(disclosure, on=None):
    """Approved, begun and not taken down too early."""
    return disclosure_status(disclosure, on) in (DisclosureStatus.POSTING, DisclosureStatus.COMPLETE)


def annotate_disclosures(disclosures, on=None):
    """Attach status, label, css class and lateness to loaded disclosures (for pages and exports)."""
    on = on or periods.today()
    for disclosure in disclosures:
        disclosure.status = disclosure_status(disclosure, on)
        disclosure.status_label = DisclosureStatus.LABELS[disclosure.status]
        disclosure.status_css = DisclosureStatus.CSS[disclosure.status]
        disclosure.late = is_late(disclosure)
        disclosure.deadline = disclosure_deadline(disclosure)
        disclosure.needed_days = required_days(disclosure)
        disclosure.days = days_posted(disclosure, on)
    return disclosures


def chairman_candidates(ward):
    """The people who may approve disclosures: heads of the ward's People's Committee."""
    from organisations.models import Person, UnitKind

    return Person.objects.filter(unit__ward=ward, unit__kind=UnitKind.PEOPLES_COMMITTEE, is_unit_head=True,
                                 is_active=True)


def approve_disclosure(disclosure, approver, approved_on):
    disclosure.approver = approver
    disclosure.approved_on = approved_on
    disclosure.full_clean()
    disclosure.save(update_fields=["approver", "approved_on", "search_text"])
    return disclosure


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
    if DisclosureRequirement.objects.filter(ward=ward).exists():
        return []
    created = default_checklist(ward)
    for requirement in created:
        requirement.save()
    return created


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
    saved = list(DisclosureRequirement.objects.filter(ward=ward, is_active=True).order_by("order", "pk"))
    if saved or DisclosureRequirement.objects.filter(ward=ward).exists():
        return saved
    return default_checklist(ward)


def disclosure_checklist(ward, year, on=None, requirements=None):
    """What the ward had to disclose in the year, period by period, and whether it did (approved, long enough)."""
    from meetings.services import frequency_periods

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
            for label, start, end in frequency_periods(requirement.frequency, year):
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


# --- Petitions ----------------------------------------------------------------------------------------

class PetitionStatus:
    """The status an official reads: closed states as they are, open ones overdue after the deadline."""

    OVERDUE = "overdue"


def petition_is_overdue(petition, on=None):
    on = on or periods.today()
    return petition.state not in CLOSED_PETITION_STATES and petition.due_on < on


def answered_late(petition):
    return petition.answered_on is not None and petition.answered_on > petition.due_on


def overdue_petitions(queryset, on=None):
    on = on or periods.today()
    return queryset.exclude(state__in=CLOSED_PETITION_STATES).filter(due_on__lt=on)


# Days before a petition's answer date when its handling unit is reminded.
PETITION_REMINDER_DAYS = 3


def remind_petitions(on=None, days_ahead=PETITION_REMINDER_DAYS):
    """Remind handling units of open petitions due within ``days_ahead`` days (once per due date) and of overdue
    ones (once a week). Safe to run twice."""
    from core.notifications import notify

    on = on or periods.today()
    sent = 0
    due = (Petition.objects.exclude(state__in=CLOSED_PETITION_STATES)
           .filter(due_on__lte=on + timedelta(days=days_ahead)).select_related("handling_unit"))
    for petition in due.iterator(chunk_size=500):
        key = "democracy.petition_overdue" if petition.due_on < on else "democracy.petition_due"
        sent += len(notify(key, petition, on=on))
    return sent




def mask_protected(value):
    """How the change history shows a protected value: that it was set, not what it says."""
    return "******" if value not in ("", "None", None) else value


def open_cadre_feedback(petition, user):
    """A petition about a cadre opens a feedback record in area 1; returns it (the existing one if any)."""
    from accountability.models import FeedbackSource
    from accountability.services import record_feedback

    if petition.cadre_feedback_id:
        return petition.cadre_feedback
    if petition.about_cadre_id is None:
        raise ValueError("petition is not about a cadre")
    reference = _("%(kind)s tiếp nhận ngày %(date)s") % {"kind": petition.get_kind_display(),
                                                        "date": petition.received_on.strftime("%d/%m/%Y")}
    feedback = record_feedback(
        petition.about_cadre, source=FeedbackSource.PETITION, received_on=petition.received_on,
        summary=petition.subject, details=petition.content, source_reference=reference, recorded_by=user,
    )
    petition.cadre_feedback = feedback
    petition.save(update_fields=["cadre_feedback"])
    return feedback


# --- Violations: the workbook for the Organisation Board ----------------------------------------------

VIOLATION_COLUMNS = (
    (gettext_lazy("STT"), 6),
    (gettext_lazy("Đơn vị, tổ chức đảng"), 30),
    (gettext_lazy("Cán bộ, đảng viên"), 24),
    (gettext_lazy("Ngày phát hiện"), 14),
    (gettext_lazy("Phát hiện qua"), 16),
    (gettext_lazy("Điều khoản vi phạm"), 28),
    (gettext_lazy("Nội dung vi phạm"), 60),
    (gettext_lazy("Hình thức xử lý, khắc phục"), 40),
    (gettext_lazy("Ngày khắc phục xong"), 14),
)


def violations_workbook(violations, ward=None, year=None):
    """The violations as an .xlsx file (bytes): a list and a summary per unit, for the Organisation Board."""
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter

    violations = list(violations)
    book = new_workbook()
    sheet = book.active
    sheet.title = str(_("Danh sách vi phạm"))
    thin = Side(style="thin", color="999999")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    title = _("DANH SÁCH VI PHẠM LUẬT THỰC HIỆN DÂN CHỦ Ở CƠ SỞ")
    if year:
        title = f"{title} {_('NĂM')} {year}"
    append_row(sheet, [str(ward).upper() if ward else ""])
    append_row(sheet, [title])
    append_row(sheet, [str(_("Phục vụ đánh giá, xếp loại tổ chức đảng, đảng viên (gửi Ban Tổ chức Đảng ủy)"))])
    append_row(sheet, [])
    sheet["A2"].font = Font(bold=True, size=13)
    sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=len(VIOLATION_COLUMNS))
    sheet["A2"].alignment = Alignment(horizontal="center")
    header_row = 5
    append_row(sheet, [str(label) for label, _width in VIOLATION_COLUMNS])
    for index, (_label, width) in enumerate(VIOLATION_COLUMNS, start=1):
        cell = sheet.cell(row=header_row, column=index)
        cell.font = Font(bold=True)
        cell.border = border
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        sheet.column_dimensions[get_column_letter(index)].width = width
    for number, violation in enumerate(violations, start=1):
        append_row(sheet, [
            number, violation.unit.name, violation.person.full_name if violation.person_id else "",
            violation.found_on, violation.get_source_display(), violation.article, violation.description,
            violation.measure, violation.remedied_on,
        ])
        row = sheet.max_row
        for column in range(1, len(VIOLATION_COLUMNS) + 1):
            cell = sheet.cell(row=row, column=column)
            cell.border = border
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        for column in (4, 9):
            sheet.cell(row=row, column=column).number_format = "DD/MM/YYYY"
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)

    summary = book.create_sheet(str(_("Tổng hợp theo đơn vị")))
    append_row(summary, [str(_("Đơn vị, tổ chức đảng")), str(_("Số vi phạm")), str(_("Đã khắc phục")),
                         str(_("Cán bộ, đảng viên liên quan"))])
    for cell in summary[1]:
        cell.font = Font(bold=True)
    by_unit = {}
    for violation in violations:
        row = by_unit.setdefault(violation.unit.name, [0, 0, set()])
        row[0] += 1
        row[1] += 1 if violation.remedied_on else 0
        if violation.person_id:
            row[2].add(violation.person.full_name)
    for name, (count, remedied, people) in sorted(by_unit.items(), key=lambda item: (-item[1][0], item[0])):
        append_row(summary, [name, count, remedied, ", ".join(sorted(people))])
    summary.column_dimensions["A"].width = 36
    summary.column_dimensions["D"].width = 40
    return workbook_bytes(book)


# --- Area section ------------------------------------------------------------------------------------

def area_figures(ward, start, end):
    """Disclosures made and missing, petitions received, answered and overdue, dialogues held: for reports."""
    from django.urls import reverse

    from core.areas import Figures
    from meetings.models import MeetingKind
    from meetings.services import held_meetings

    now = periods.today()
    as_of = min(now, end)
    approved = Disclosure.objects.filter(unit__ward=ward, approved_on__isnull=False, approved_on__lte=end,
                                         posted_on__lte=end)
    made = sum(1 for d in approved if start <= effective_start(d) <= end)
    awaiting = Disclosure.objects.filter(unit__ward=ward, approved_on__isnull=True, posted_on__lte=end).count()
    red = 0
    for year in range(start.year, end.year + 1):
        for row in disclosure_checklist(ward, year, on=as_of):
            red += sum(1 for p in row.periods if p.is_red and p.start <= end and (p.due or p.end) >= start)
    petitions = Petition.objects.filter(handling_unit__ward=ward)
    received = petitions.filter(received_on__gte=start, received_on__lte=end)
    answered = petitions.filter(answered_on__gte=start, answered_on__lte=end).count()
    overdue = petitions.filter(received_on__lte=end, due_on__lt=as_of).filter(
        Q(answered_on__isnull=True) | Q(answered_on__gt=as_of)).exclude(
        state__in=(PetitionState.TRANSFERRED, PetitionState.FILED)).count()
    dialogues = held_meetings(ward, start, end).filter(kind=MeetingKind.DIALOGUE).count()
    violations = Violation.objects.filter(unit__ward=ward, found_on__gte=start, found_on__lte=end).count()
    kinds = Counter(received.values_list("kind", flat=True))
    rows = [
        (_("Nội dung đã công khai (đã được phê duyệt)"), str(made)),
        (_("Nội dung chờ Chủ tịch phê duyệt"), str(awaiting)),
        (_("Mục công khai quá hạn, thiếu hoặc gỡ sớm"), str(red)),
        (_("Đơn, thư, phản ánh tiếp nhận"), str(received.count())),
        (_("Đơn đã trả lời trong kỳ"), str(answered)),
        (_("Đơn quá hạn trả lời"), str(overdue)),
        (_("Hội nghị đối thoại đã tổ chức"), str(dialogues)),
        (_("Vi phạm Luật dân chủ ở cơ sở phát hiện"), str(violations)),
    ]
    status = "danger" if (red or overdue) else ("warning" if awaiting else "ok")
    return Figures(
        rows=rows,
        data={
            "disclosures_made": made, "disclosures_awaiting_approval": awaiting, "checklist_red": red,
            "petitions_received": received.count(), "petitions_by_kind": dict(kinds),
            "petitions_answered": answered, "petitions_overdue": overdue, "dialogues": dialogues,
            "violations": violations, "headline": made,
            "chart": {"labels": [str(k.label) for k in PetitionKind],
                      "values": [kinds.get(k.value, 0) for k in PetitionKind], "unit": ""},
        },
        link=reverse("democracy:checklist"),
        status=status,
    )
