"""Who hears of a situation report (báo cáo nắm tình hình) and its answer, declared once."""

from django.urls import reverse
from django.utils.translation import gettext as _

from core.notifications import Event, PendingItem, PendingKind

AREA = "communitygroups"


def _author(report, ctx):
    return [report.author] if report.author_id else []


def _sent_audience(report, ctx):
    from .services import report_recipients

    return report_recipients(report)


EVENTS = [
    Event(
        key="communitygroups.report_sent",
        label="Tổ gửi báo cáo nắm tình hình (→ Khối Dân vận và UBND phường)", area=AREA,
        audience=_sent_audience,
        title=lambda report, ctx: _("Báo cáo nắm tình hình (%(urgency)s): %(title)s")
        % {"urgency": report.get_urgency_display(), "title": report.title},
        body=lambda report, ctx: _("%(group)s báo cáo ngày %(date)s, lĩnh vực %(topic)s.") % {
            "group": report.group, "date": report.reported_on.strftime("%d/%m/%Y"),
            "topic": report.get_topic_display()},
    ),
    Event(
        key="communitygroups.report_acknowledged", label="Báo cáo được tiếp nhận (→ người báo cáo)", area=AREA,
        audience=_author,
        title=lambda report, ctx: _("Báo cáo “%(title)s” đã được tiếp nhận") % {"title": report.title},
        body=lambda report, ctx: _("Người tiếp nhận: %(user)s.") % {"user": ctx["actor"]},
    ),
    Event(
        key="communitygroups.report_answered", label="Báo cáo được trả lời (→ người báo cáo)", area=AREA,
        audience=_author,
        title=lambda report, ctx: _("Báo cáo “%(title)s” đã được trả lời") % {"title": report.title},
        body=lambda report, ctx: report.answer[:500],
        dedup=lambda report, ctx: report.answered_at.isoformat(),
    ),
]



def pending_for(user):
    """Situation reports of the user's ward still waiting to be taken in, for those who answer them (one query)."""
    from organisations.models import Role

    from .models import ReportStatus, SituationReport

    ward = user.ward
    if ward is None or user.role not in (Role.BLOC, Role.STANDING, Role.OFFICER):
        return []
    reports = SituationReport.objects.filter(group__residential_group__ward=ward, status=ReportStatus.SENT)
    if user.role == Role.OFFICER:
        # Officers answer only as the People's Committee the report was sent to.
        reports = reports.filter(peoples_committee__isnull=False,
                                 peoples_committee__path__in=_ancestor_paths(user.unit.path))
    count = reports.count()
    if not count:
        return []
    return [PendingItem(_("%(n)s báo cáo nắm tình hình của các tổ chờ tiếp nhận") % {"n": count},
                        f"{reverse('communitygroups:report_list')}?status={ReportStatus.SENT}", PendingKind.APPROVE)]


def _ancestor_paths(path):
    parts = [part for part in path.split("/") if part]
    return ["".join(f"{part}/" for part in parts[:index]) for index in range(1, len(parts) + 1)]
