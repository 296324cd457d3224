"""The yearly summary (báo cáo tổng kết năm) of a plan: its year's four quarters, as their reports say them.

A quarter with a report reads the report's figures (the frozen copy once approved); a quarter without one is
computed for its cut-off period through the same area sections registry."""

from django.db import transaction
from django.utils.translation import gettext as _

from plans.models import Task

from . import services
from .models import QuarterlyReport


def year_summary(plan):
    """JSON-ready: the four quarters' sections and narrative, the year's task tally and the limitations found."""
    reports = {report.quarter: report for report in QuarterlyReport.objects.filter(ward=plan.ward, year=plan.year)}
    quarters, limitations = [], []
    for quarter in range(1, 5):
        report = reports.get(quarter)
        if report is not None:
            content = services.report_content(report)
            figures, status = content["figures"], report.status
            limitations += [line.strip() for line in (content.get("limitations") or "").splitlines() if line.strip()]
        else:
            start, end = services.cutoff_period(plan.year, quarter)
            figures, status = services.compute_figures(plan.ward, start, end), ""
        quarters.append({"quarter": quarter, "status": status, "document_code": getattr(report, "document_code", ""),
                         "period": figures.get("period"), "sections": figures.get("sections", [])})
    tasks = Task.objects.filter(plan=plan)
    done, total = tasks.filter(is_done=True).count(), tasks.count()
    missed = list(tasks.filter(is_done=False).select_related("area").order_by("area__order", "order")
                  .values_list("area__number", "title"))
    if missed:
        limitations.append(_("Còn %(n)s nhiệm vụ không hoàn thành trong năm %(y)s, chuyển sang năm sau.")
                           % {"n": len(missed), "y": plan.year})
    return {"year": plan.year, "quarters": quarters, "tasks_total": total, "tasks_done": done,
            "tasks_missed": [[number, title] for number, title in missed],
            "limitations": list(dict.fromkeys(limitations))}


@transaction.atomic
def close_year(plan, user):
    """Close the plan's year, then freeze its summary as the closed plan's tasks now stand."""
    from plans.yearplan import close_plan

    plan = close_plan(plan, user)
    plan.year_summary = year_summary(plan)
    plan.save(update_fields=["year_summary"])
    return plan
