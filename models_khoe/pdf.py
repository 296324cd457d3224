"""The movement's PDFs, rendered through the portal's one PDF helper (core.pdf): the certificate of a recognised
model or exemplar, and the proposal to the city of the best ones. One template per document."""

from core.pdf import render_pdf

from .models import Kind
from .services import ward_label


def _issuer(ward):
    plan = ward.plans.order_by("-starts_on").first()
    return {
        "issuer_parent": ward.parent.name.upper() if ward.parent_id else "",
        "issuer": ward.name.upper(),
        "ward_name": ward.name,
        "place": (plan.place if plan and plan.place else "") or ward_label(ward),
        "signer_name": plan.signer_name if plan else "",
        "signer_title": (plan.signer_title if plan and plan.signer_title else "Bí thư").upper(),
    }


def certificate_context(recognition):
    model = recognition.model
    round_ = recognition.round
    return {
        **_issuer(round_.ward),
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
    return render_pdf("models_khoe/pdf/proposal.html", {**_issuer(round_.ward), "round": round_,
                                                          "recognitions": recognitions})
