"""The quarterly report as a Party document (báo cáo của Đảng ủy), rendered through core.pdf.

An approved report renders only from its frozen copy (figures, text, number, issuer, place and signer), so a
later change to the plan or the units does not alter a document that was issued."""

from datetime import date

from core.pdf import render_pdf

from .models import PdfState
from .services import HEADER_FIELDS, document_header, report_content, report_figures


def party_date(day):
    """The date line's figures as Party documents write them: a zero before days under 10 and months 1 and 2
    ("ngày 05 tháng 02 năm 2024", "ngày 14 tháng 3 năm 2024")."""
    return {"day": f"{day.day:02d}", "month": f"{day.month:02d}" if day.month < 3 else str(day.month),
            "year": day.year}


def report_context(report, visible=None, header=True):
    """The context both the report page and its PDF render: one figures object (``services.report_figures``),
    the document's header, period and date line. ``visible`` (section keys) leaves out the sections a reader may
    not see; None prints them all (the stored PDF). The page, which prints no letterhead, asks for no header."""
    figures = report_figures(report, visible)
    content = figures["content"]
    header = document_header(report) if header else {field: "" for field in HEADER_FIELDS}
    approved_on = date.fromisoformat(content["approved_on"]) if content.get("approved_on") else None
    start, end = (date.fromisoformat(d) for d in content["period"])
    ward_name = content["ward"]
    return {
        "report": report,
        "content": content,
        "ward_name": ward_name,
        "issuer_parent": header["issuer_parent"].upper(),
        "issuer": ward_name.upper(),
        "place": header["place"],
        "approved_on": party_date(approved_on) if approved_on else None,
        "period_start": start,
        "period_end": end,
        "sections": figures["sections"],
        "units": figures["units"],
        "signer_name": header["signer_name"],
        "signer_title": header["signer_title"],
    }


def render_report_pdf(report, visible=None):
    """The report as PDF; with ``visible`` (section keys), only those sections are printed."""
    return render_pdf("reports/pdf/quarterly_report.html", report_context(report, visible))


def pdf_for(user, report):
    """The report's PDF as ``user`` may read it, or None while the worker has not rendered it.

    The stored file prints every section. A reader who may not see one of them (the bloc or a city viewer and
    the religion section) gets the same frozen report rendered without it, so no PDF carries figures that its
    reader could not open on the report page."""
    from io import BytesIO

    from core.areas import sections_for

    if report.pdf_state != PdfState.READY or not report.pdf:
        return None
    visible = {section.key for section in sections_for(user)}
    printed = {section["key"] for section in report_content(report)["figures"].get("sections", [])}
    if printed <= visible:
        return report.pdf.open("rb")
    return BytesIO(render_report_pdf(report, visible))
