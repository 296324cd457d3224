"""Small view mixins shared by the meetings, accountability and democracy apps (on top of core.views)."""

from core.models import Attachment


class InvalidFormStatusMixin:
    """A form with errors answers 400, so clients and tests see that nothing was written."""

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 400
        return response


class EvidenceSaveMixin:
    """Save the form, then attach the validated files of its evidence field (inside the view's transaction)."""

    evidence_field = "evidence"

    def save_object(self, form):
        obj = super().save_object(form)
        for uploaded in form.cleaned_data.get(self.evidence_field) or []:
            Attachment.attach(obj, uploaded, user=self.request.user)
        return obj
