"""The movement's PDFs, rendered through the portal's one PDF helper (core.pdf): the certificate of a recognised
model or exemplar, and the proposal to the city of the best ones. One template per document."""

from core import documents
from core.pdf import render_pdf

from .models import Kind


def _issuer(round_, **form):
    """The header and signer every Party document of the ward prints (core.documents), with the ward's name: as
    frozen at the round's first recognition, today's before that."""
    header = round_.document_header or documents.live_header(round_.ward)
    return {**documents.document_context(header, **form), "ward_name": round_.ward.name}


def holder_line(model):
    """Whose model or exemplar it is, naming the unit once: a position that already names the unit ("Tổ trưởng
    Tổ dân phố số 1") is not followed by the unit again."""
    unit = model.unit.name
    if model.kind != Kind.INDIVIDUAL:
        return f"của {unit}"
    position = (model.responsible_position or "").strip()
    line = f"của đồng chí {model.responsible_name}"
    if position:
        line += f", {position}"
    if unit.casefold() not in position.casefold():
        line += f" – {unit}"
    return line


def certificate_context(recognition):
    model = recognition.model
    round_ = recognition.round
    return {
        **_issuer(round_, number_code=recognition.certificate_code, doc_type="GCN", day=round_.decided_on,
                  year=round_.year),
        "holder": holder_line(model),
        "recognition": recognition,
        "model": model,
        "round": round_,
        "is_individual": model.kind == Kind.INDIVIDUAL,
        "title_kind": "Điển hình" if model.kind == Kind.INDIVIDUAL else "Mô hình",
    }


def render_certificate(recognition):
    return render_pdf("models_khoe/pdf/certificate.html", certificate_context(recognition))


def render_proposal(round_, user=None):
    recognitions = list(round_.recognitions.filter(proposed_to_city=True)
                        .select_related("model", "model__unit", "model__bloc")
                        .order_by("model__bloc__order", "model__field", "rank", "certificate_number"))
    # The proposal goes out with its number written by hand at the office: the number line stays blank.
    form = {"doc_type": "TTr", "day": round_.decided_on, "year": round_.year}
    return render_pdf("models_khoe/pdf/proposal.html", {**_issuer(round_, **form), "round": round_,
                                                          "recognitions": recognitions})
