"""Who hears of each step of the quarterly report, declared once (registered in ReportsConfig.ready())."""

from django.utils.translation import gettext as _

from core.notifications import Event, users_of_units, users_with_role
from organisations.models import Role

AREA = "reports"


def _d(day):
    return day.strftime("%d/%m/%Y")


def _report_args(report):
    return {"q": report.quarter, "y": report.year, "ward": report.ward}


def _unit_audience(unit_report, ctx):
    return users_of_units(unit_report.unit)


def _approved_link(report, ctx, user):
    """The bloc opens the issued report; a reporting unit its own unit report, the page it may open."""
    if user.role in (Role.BLOC, Role.STANDING):
        return report.get_absolute_url()
    own = next((ur for ur in report.unit_reports.all() if ur.unit_id == user.unit_id), None)
    return own.get_absolute_url() if own else report.get_absolute_url()


def _approved_audience(report, ctx):
    units = [ur.unit for ur in report.unit_reports.select_related("unit")]
    return [*users_with_role(report.ward, Role.BLOC), *users_of_units(units)]


EVENTS = [
    Event(
        key="reports.draft_ready", label="Dự thảo báo cáo quý đã sẵn sàng (→ Khối Dân vận)", area=AREA,
        audience=lambda report, ctx: users_with_role(report.ward, Role.BLOC),
        title=lambda report, ctx: _("Dự thảo báo cáo quý %(q)s/%(y)s đã sẵn sàng") % _report_args(report),
        body=lambda report, ctx: _("Hạn trình Ban Thường vụ: %(due)s.") % {"due": _d(report.due_date)},
        reminder=True,
    ),
    Event(
        key="reports.submitted", label="Báo cáo quý trình Ban Thường vụ (→ Ban Thường vụ)", area=AREA,
        audience=lambda report, ctx: users_with_role(report.ward, Role.STANDING),
        title=lambda report, ctx: _("Báo cáo quý %(q)s/%(y)s chờ Ban Thường vụ phê duyệt") % _report_args(report),
        body=lambda report, ctx: _("Khối Dân vận đã trình báo cáo quý %(q)s năm %(y)s của %(ward)s. "
                                   "Hạn trình: %(due)s.") % {**_report_args(report), "due": _d(report.due_date)},
        dedup=lambda report, ctx: report.submitted_at.isoformat(),
    ),
    Event(
        key="reports.returned", label="Báo cáo quý bị trả lại (→ Khối Dân vận, kèm ý kiến)", area=AREA,
        audience=lambda report, ctx: users_with_role(report.ward, Role.BLOC),
        title=lambda report, ctx: _("Ban Thường vụ trả lại báo cáo quý %(q)s/%(y)s để chỉnh sửa")
        % _report_args(report),
        body=lambda report, ctx: _("Ý kiến của Ban Thường vụ: %(comment)s") % {"comment": report.return_comment},
        link=lambda report, ctx: f"{report.get_absolute_url()}#y-kien-tra-lai",
        dedup=lambda report, ctx: report.returned_at.isoformat(),
    ),
    Event(
        key="reports.approved", label="Báo cáo quý được phê duyệt (→ Khối Dân vận và các đơn vị)", area=AREA,
        audience=_approved_audience,
        link_for_user=_approved_link,
        title=lambda report, ctx: _("Báo cáo quý %(q)s/%(y)s đã được phê duyệt, số %(code)s")
        % {**_report_args(report), "code": report.document_code},
        body=lambda report, ctx: _("Ban Thường vụ đã phê duyệt và ban hành báo cáo quý %(q)s năm %(y)s của %(ward)s.")
        % _report_args(report),
    ),
    Event(
        key="reports.unit_report_opened", label="Mở kỳ báo cáo quý của đơn vị (→ đơn vị)", area=AREA,
        audience=_unit_audience,
        title=lambda ur, ctx: _("Đơn vị cần gửi báo cáo quý %(q)s/%(y)s cho Khối Dân vận trước %(due)s")
        % {"q": ur.report.quarter, "y": ur.report.year, "due": _d(ur.report.unit_due_date)},
        body=lambda ur, ctx: _("Nhập kết quả thực hiện trong quý của %(unit)s trên trang báo cáo của đơn vị.")
        % {"unit": ur.unit},
    ),
    Event(
        key="reports.unit_report_due", label="Nhắc đơn vị gửi báo cáo quý (7 và 2 ngày trước hạn)", area=AREA,
        audience=_unit_audience,
        title=lambda ur, ctx: _("Còn %(n)s ngày: gửi báo cáo quý %(q)s/%(y)s cho Khối Dân vận (hạn %(due)s)")
        % {"n": ctx["days_left"], "q": ur.report.quarter, "y": ur.report.year, "due": _d(ur.report.unit_due_date)},
        dedup=lambda ur, ctx: ctx["on"].isoformat(),
        reminder=True,
    ),
    Event(
        key="reports.unit_report_late", label="Đơn vị quá hạn báo cáo quý", area=AREA,
        audience=_unit_audience,
        title=lambda ur, ctx: _("Quá hạn: đơn vị chưa gửi báo cáo quý %(q)s/%(y)s (hạn %(due)s)")
        % {"q": ur.report.quarter, "y": ur.report.year, "due": _d(ur.report.unit_due_date)},
        dedup=lambda ur, ctx: ctx["on"].isoformat(),
        reminder=True,
    ),
    Event(
        key="reports.unit_report_submitted", label="Đơn vị gửi báo cáo quý (→ Khối Dân vận)", area=AREA,
        audience=lambda ur, ctx: users_with_role(ur.report.ward, Role.BLOC),
        title=lambda ur, ctx: _("%(unit)s đã gửi báo cáo quý %(q)s/%(y)s, chờ tiếp nhận")
        % {"unit": ur.unit, "q": ur.report.quarter, "y": ur.report.year},
        dedup=lambda ur, ctx: ur.submitted_at.isoformat(),
    ),
    Event(
        key="reports.unit_report_returned", label="Báo cáo của đơn vị bị trả lại (→ đơn vị, kèm ý kiến)", area=AREA,
        audience=_unit_audience,
        title=lambda ur, ctx: _("Khối Dân vận trả lại báo cáo quý %(q)s/%(y)s của đơn vị để bổ sung")
        % {"q": ur.report.quarter, "y": ur.report.year},
        body=lambda ur, ctx: _("Ý kiến của Khối Dân vận: %(comment)s") % {"comment": ur.review_comment},
        dedup=lambda ur, ctx: ur.reviewed_at.isoformat(),
    ),
    Event(
        key="reports.unit_report_accepted", label="Báo cáo của đơn vị được tiếp nhận (→ đơn vị)", area=AREA,
        audience=_unit_audience,
        title=lambda ur, ctx: _("Khối Dân vận đã tiếp nhận báo cáo quý %(q)s/%(y)s của đơn vị")
        % {"q": ur.report.quarter, "y": ur.report.year},
    ),
]



def pending_for(user):
    """Quarterly reports waiting for the user: approval (Standing Committee), a return to fix and the units'
    reports to take in (bloc), the unit's own report to send (units). At most two queries."""
    from django.utils import timezone

    from core.notifications import PendingItem, PendingKind

    from .models import QuarterlyReport, ReportStatus, UnitReport, UnitReportState

    ward = user.ward
    if ward is None:
        return []
    today = timezone.localdate()
    items = []
    if user.role == Role.STANDING:
        for report in QuarterlyReport.objects.filter(ward=ward, status=ReportStatus.SUBMITTED).order_by("due_date"):
            items.append(PendingItem(
                _("Báo cáo quý %(q)s/%(y)s chờ Ban Thường vụ phê duyệt") % _report_args(report),
                report.get_absolute_url(), PendingKind.APPROVE, report.due_date))
    elif user.role == Role.BLOC:
        reports = (QuarterlyReport.objects.filter(ward=ward).exclude(status=ReportStatus.APPROVED)
                   .annotate(waiting_units=_count_waiting_units()).order_by("due_date"))
        for report in reports:
            args = _report_args(report)
            if report.status == ReportStatus.DRAFT and report.returned_at:
                items.append(PendingItem(
                    _("Báo cáo quý %(q)s/%(y)s bị Ban Thường vụ trả lại: chỉnh sửa và trình lại") % args,
                    f"{report.get_absolute_url()}#y-kien-tra-lai", PendingKind.FIX, report.due_date,
                    detail=report.return_comment[:200]))
            elif report.status == ReportStatus.DRAFT:
                items.append(PendingItem(
                    _("Hoàn thiện và trình báo cáo quý %(q)s/%(y)s (hạn %(due)s)")
                    % {**args, "due": _d(report.due_date)},
                    report.get_absolute_url(),
                    PendingKind.LATE if report.due_date < today else PendingKind.DUE, report.due_date))
            if report.waiting_units:
                items.append(PendingItem(
                    _("%(n)s báo cáo của đơn vị chờ tiếp nhận (quý %(q)s/%(y)s)") % {**args, "n": report.waiting_units},
                    report.get_absolute_url(), PendingKind.APPROVE, report.unit_due_date))
    if user.unit_id and user.role not in (Role.STANDING, Role.BLOC) and not user.is_overseer:
        waiting = (UnitReport.objects.filter(unit_id=user.unit_id, report__status=ReportStatus.DRAFT,
                                             state__in=[UnitReportState.MISSING, UnitReportState.RETURNED])
                   .select_related("report").order_by("report__unit_due_date"))
        for unit_report in waiting:
            report = unit_report.report
            args = {"q": report.quarter, "y": report.year, "due": _d(report.unit_due_date)}
            if unit_report.state == UnitReportState.RETURNED:
                items.append(PendingItem(
                    _("Báo cáo quý %(q)s/%(y)s của đơn vị bị trả lại: bổ sung và gửi lại") % args,
                    unit_report.get_absolute_url(), PendingKind.FIX, report.unit_due_date,
                    detail=unit_report.review_comment[:200]))
            else:
                items.append(PendingItem(
                    _("Gửi báo cáo quý %(q)s/%(y)s của đơn vị cho Khối Dân vận (hạn %(due)s)") % args,
                    unit_report.get_absolute_url(),
                    PendingKind.LATE if report.unit_due_date < today else PendingKind.DUE, report.unit_due_date))
    return items


def _count_waiting_units():
    from django.db.models import Count, Q

    from .models import UnitReportState

    return Count("unit_reports", filter=Q(unit_reports__state=UnitReportState.SUBMITTED))
