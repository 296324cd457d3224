"""The quarterly report as a Party document (báo cáo của Đảng ủy), rendered through core.pdf."""

from datetime import date

from core.pdf import render_pdf

from .services import report_content


def report_context(report):
    content = report_content(report)
    approved_on = date.fromisoformat(content["approved_on"]) if content.get("approved_on") else None
    start, end = (date.fromisoformat(d) for d in content["period"])
    ward_name = content["ward"]
    plan = report.ward.plans.order_by("-starts_on").first()
    return {
        "report": report,
        "content": content,
        "ward_name": ward_name,
        "issuer_parent": report.ward.parent.name.upper() if report.ward.parent_id else "",
        "issuer": ward_name.upper(),
        "place": (plan.place if plan and plan.place else ""),
        "approved_on": approved_on,
        "period_start": start,
        "period_end": end,
        "sections": content["figures"].get("sections", []),
        "units": content["figures"].get("units", []),
        "signer_name": plan.signer_name if plan else "",
        "signer_title": plan.signer_title if plan else "Bí thư",
    }


def render_report_pdf(report):
    return render_pdf("reports/pdf/quarterly_report.html", report_context(report))
