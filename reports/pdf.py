"""The quarterly report as a Party document (báo cáo của Đảng ủy), rendered through core.pdf.

An approved report renders only from its frozen copy (figures, text, number, issuer, place and signer), so a
later change to the plan or the units does not alter a document that was issued."""

from datetime import date

from core import documents
from core.documents import party_date  # noqa: F401  (the date line's rule, kept importable from here)
from core.pdf import render_pdf

from .models import PdfState
from .services import REPORT_DOC_TYPE, document_header, report_content, report_figures

EMPTY_DRAFT_SECTION = "(Khối Dân vận chưa soạn nội dung mục này.)"
EMPTY_APPROVED_SECTION = "Không có."


def _section_text(texts, draft):
    """The paragraphs of a narrative part; a part left empty says so instead of leaving its heading bare."""
    found = [line for text in texts for line in documents.paragraphs(text)]
    return found or [EMPTY_DRAFT_SECTION if draft else EMPTY_APPROVED_SECTION]


def report_context(report, visible=None, header=True):
    """The context both the report page and its PDF render: one figures object (``services.report_figures``),
    the document's header, period and date line. ``visible`` (section keys) leaves out the sections a reader may
    not see; None prints them all (the stored PDF). The page, which prints no letterhead, asks for no header."""
    figures = report_figures(report, visible)
    content = figures["content"]
    approved_on = date.fromisoformat(content["approved_on"]) if content.get("approved_on") else None
    start, end = (date.fromisoformat(d) for d in content["period"])
    draft = not content.get("document_code")
    context = {
        "report": report,
        "content": content,
        "ward_name": content["ward"],
        "period_start": start,
        "period_end": end,
        "sections": figures["sections"],
        "units": figures["units"],
        "is_draft": draft,
    }
    if header:
        next_steps = _section_text([content.get("next_steps")], draft)
        context.update({
            **documents.document_context(document_header(report), draft=draft,
                                         number_code=content.get("document_code", ""), doc_type=REPORT_DOC_TYPE,
                                         day=approved_on, year=report.year),
            "results_paragraphs": documents.paragraphs(content.get("results")),
            "limitation_paragraphs": _section_text([content.get("limitations"), content.get("causes")], draft),
            # The last paragraph goes with the signature block so that block never stands alone on a page.
            "next_step_paragraphs": next_steps[:-1],
            "closing_paragraph": next_steps[-1],
        })
    return context


def render_report_pdf(report, visible=None):
    """The report as PDF; with ``visible`` (section keys), only those sections are printed."""
    return render_pdf("reports/pdf/quarterly_report.html", report_context(report, visible))


def pdf_for(user, report):
    """The report's PDF as ``user`` may read it, or None while the worker has not rendered it; a draft's, marked
    as such, at any time.

    The stored file prints every section. A reader who may not see one of them (the bloc or a city viewer and
    the religion section) gets the same frozen report rendered without it, so no PDF carries figures that its
    reader could not open on the report page."""
    from io import BytesIO

    from core.areas import sections_for

    if not report.is_frozen:
        # A draft is printed for the Standing Committee's meeting as it stands: marked "DỰ THẢO" on every page,
        # with no number, date or signer, rendered on request (it is never stored).
        visible = {section.key for section in sections_for(user)}
        return BytesIO(render_report_pdf(report, visible))
    if report.pdf_state != PdfState.READY or not report.pdf:
        return None
    visible = {section.key for section in sections_for(user)}
    printed = {section["key"] for section in report_content(report)["figures"].get("sections", [])}
    if printed <= visible:
        return report.pdf.open("rb")
    return BytesIO(render_report_pdf(report, visible))
