from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.contenttypes.models import ContentType
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from core import periods
from core.access import CHANGE, may_create, remember_access, user_may
from core.models import Attachment
from core.params import query_id, query_int
from core.sorting import Sorting, by_choices, by_unit
from core.spreadsheets import xlsx_response
from core.views import (
    EvidenceSaveMixin,
    ObjectCreateView,
    ObjectDeleteView,
    ObjectDetailView,
    ObjectEditView,
    ObjectListView,
    WardDefaultsView,
    WardYearView,
)
from meetings.models import Meeting

from .filtersets import CitizenReceptionFilterSet, DisclosureFilterSet, PetitionFilterSet, ViolationFilterSet
from .forms import (
    CitizenReceptionForm,
    DisclosureApprovalForm,
    DisclosureForm,
    DisclosureRequirementForm,
    PetitionForm,
    PetitionStepForm,
    ViolationForm,
)
from .models import (
    Disclosure,
    DisclosureChannel,
    DisclosureRequirement,
    Petition,
    PetitionState,
    PetitionStep,
    Violation,
    ViolationSource,
)
from .permissions import may_edit_checklist, may_see_sender
from .services import (
    annotate_disclosures,
    answered_late,
    disclosure_checklist,
    ensure_default_checklist,
    open_cadre_feedback,
    petition_is_overdue,
    quarterly_list,
    quarterly_workbook,
    reception_weeks,
    violations_workbook,
    yearly_minimums,
)

# --- Disclosures -----------------------------------------------------------------------------------------

class DisclosureListView(ObjectListView):
    filterset_class = DisclosureFilterSet
    template_name = "democracy/disclosure_list.html"
    select_related = ("unit", "approver")
    page_title = gettext_lazy("Công khai theo Luật Thực hiện dân chủ ở cơ sở")
    # The status is worked out per row from the dates and the requirement (services.annotate_disclosures): unsorted.
    sort_fields = {"title": "title", "channel": by_choices("channel", DisclosureChannel), "posted": "posted_on",
                   "approved": "approved_on"}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["object_list"] = annotate_disclosures(list(context["object_list"]))
        return context


class DisclosureDetailView(ObjectDetailView):
    model = Disclosure
    select_related = ("unit", "approver", "requirement", "created_by")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        annotate_disclosures([self.object])
        if context["may_change"] and not self.object.is_approved:
            context["approval_form"] = kwargs.get("approval_form") or DisclosureApprovalForm(
                instance=self.object, user=self.request.user)
        return context


class DisclosureCreateView(EvidenceSaveMixin, ObjectCreateView):
    form_class = DisclosureForm
    success_message = gettext_lazy("Đã lưu nội dung công khai. Nội dung chỉ được tính là đã công khai sau khi "
                                   "Chủ tịch UBND phường phê duyệt.")
    creator_field = "created_by"
    today_field = "posted_on"
    user_unit_field = "unit"
    cancel_url = reverse_lazy("democracy:disclosure_list")

    def get_initial(self):
        initial = super().get_initial()
        requirement = query_id(self.request, "requirement")
        if requirement:
            found = DisclosureRequirement.objects.restrict(self.request.user).filter(pk=requirement).first()
            if found:
                initial.update(requirement=found.pk, content_kind=found.content_kind, title=found.title,
                               is_permanent=found.frequency == "permanent")
        return initial


class DisclosureEditView(EvidenceSaveMixin, ObjectEditView):
    form_class = DisclosureForm
    success_message = gettext_lazy("Đã lưu nội dung công khai.")


class DisclosureApproveView(ObjectEditView):
    """Record the chairman's approval (the disclosure counts as posted from then on)."""

    form_class = DisclosureApprovalForm
    template_name = "democracy/disclosure_approve.html"
    success_message = gettext_lazy("Đã ghi nhận phê duyệt của Chủ tịch UBND phường.")


class DisclosureDeleteView(ObjectDeleteView):
    model = Disclosure
    success_url = reverse_lazy("democracy:disclosure_list")




class ChecklistView(WardYearView):
    """The year's required disclosures, period by period: done, awaiting approval, overdue, taken down early."""

    template_name = "democracy/checklist.html"
    title_format = gettext_lazy("Danh mục công khai năm %(year)s")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        ward, year = context["ward"], context["year"]
        rows = disclosure_checklist(ward, year, on=context["today"])
        context.update(
            rows=rows, red=sum(row.red for row in rows),
            has_requirements=DisclosureRequirement.objects.filter(ward=ward).exists(),
            may_change=may_edit_checklist(self.request.user, ward),
            may_add=may_create(self.request.user, Disclosure),
        )
        return context


class ChecklistDefaultsView(WardDefaultsView):
    may_change = may_edit_checklist
    make_defaults = ensure_default_checklist
    denied_message = gettext_lazy("Tài khoản của bạn không được sửa danh mục công khai.")
    done_message = gettext_lazy("Đã tạo danh mục công khai mặc định theo Điều 11 Luật 10/2022.")
    page_name = "democracy:checklist"


class RequirementCreateView(ObjectCreateView):
    form_class = DisclosureRequirementForm
    success_url = reverse_lazy("democracy:checklist")


class RequirementEditView(ObjectEditView):
    form_class = DisclosureRequirementForm
    success_url = reverse_lazy("democracy:checklist")


class QuarterlyListView(WardYearView):
    """What was disclosed in a quarter, with form and dates (art. 13), printable and as Excel."""

    template_name = "democracy/quarterly_list.html"

    def get_quarter(self, now):
        return query_int(self.request, "quarter", periods.quarter_of(now)[1], 1, 4)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        quarter = self.get_quarter(context["today"])
        context["quarter"] = quarter
        context["quarters"] = range(1, 5)
        # The register's own order is by posting date (the Excel file keeps it); a reader may sort the page.
        channels = list(DisclosureChannel.values)
        sorting = Sorting.from_request(self.request, {
            "title": lambda d: d.title, "channel": lambda d: channels.index(d.channel),
            "posted": lambda d: d.posted_on, "until": lambda d: d.posted_until,
        })
        context["sorting"] = sorting
        context["disclosures"] = sorting.sort_rows(
            quarterly_list(context["ward"], context["year"], quarter, user=self.request.user))
        context["page_title"] = _("Danh mục nội dung đã công khai quý %(quarter)s/%(year)s") % {
            "quarter": quarter, "year": context["year"]}
        return context

    def render_to_response(self, context, **kwargs):
        if self.request.GET.get("format") == "xlsx":
            return _quarterly_xlsx(context)
        return super().render_to_response(context, **kwargs)


def _quarterly_xlsx(context):
    content = quarterly_workbook(context["ward"], context["year"], context["quarter"], context["page_title"],
                                 context["disclosures"])
    return xlsx_response(content, f"danh-muc-cong-khai-quy-{context['quarter']}-{context['year']}.xlsx")


class MinimumsView(WardYearView):
    """The law's yearly minimums: a dialogue with residents, each group's year-end conference, weekly reception."""

    template_name = "democracy/minimums.html"
    title_format = gettext_lazy("Yêu cầu tối thiểu hằng năm %(year)s")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["minimums"] = yearly_minimums(context["ward"], context["year"], on=context["today"])
        # The minimums count every meeting of the ward; a meeting links to its page only for those who may open it.
        meetings = []
        for minimum in context["minimums"]:
            for item in minimum.detail if isinstance(minimum.detail, (list, tuple)) else ():
                if isinstance(item, (list, tuple)) and len(item) == 2:
                    meetings.extend(item[1])
                elif isinstance(item, Meeting):
                    meetings.append(item)
        remember_access(self.request.user, meetings)
        return context


# --- Citizen reception ---------------------------------------------------------------------------------

class ReceptionListView(ObjectListView):
    filterset_class = CitizenReceptionFilterSet
    template_name = "democracy/reception_list.html"
    select_related = ("unit", "receiver")
    page_title = gettext_lazy("Tiếp công dân")
    sort_fields = {"date": "held_on", "receiver": "receiver__full_name", "citizens": "citizens", "cases": "cases"}
    link_access = CHANGE  # a reception's page is its edit form

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.request.user.ward is not None:
            now = periods.today()
            weeks = [w for w in reception_weeks(self.request.user.ward, now.year, now) if w.finished]
            context["weeks_total"] = len(weeks)
            context["weeks_met"] = sum(1 for w in weeks if w.met)
        return context


class ReceptionCreateView(ObjectCreateView):
    form_class = CitizenReceptionForm
    success_url = reverse_lazy("democracy:reception_list")
    success_message = gettext_lazy("Đã lưu buổi tiếp công dân.")
    creator_field = "created_by"
    today_field = "held_on"
    user_unit_field = "unit"
    cancel_url = reverse_lazy("democracy:reception_list")


class ReceptionEditView(ObjectEditView):
    form_class = CitizenReceptionForm
    success_url = reverse_lazy("democracy:reception_list")
    success_message = gettext_lazy("Đã lưu buổi tiếp công dân.")


# --- Petitions -------------------------------------------------------------------------------------------

class PetitionListView(ObjectListView):
    filterset_class = PetitionFilterSet
    template_name = "democracy/petition_list.html"
    select_related = ("handling_unit", "about_unit", "about_cadre")
    page_title = gettext_lazy("Đơn, thư, phản ánh")
    # "Quá hạn" is worked out from the due date, not stored: the state column sorts by the stored state.
    sort_fields = {"received": "received_on", "subject": "subject", "unit": by_unit("handling_unit"),
                   "due": "due_on", "state": by_choices("state", PetitionState)}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        now = periods.today()
        for petition in context["object_list"]:
            petition.overdue = petition_is_overdue(petition, now)
            petition.late = answered_late(petition)
        return context


class PetitionDetailView(ObjectDetailView):
    model = Petition
    select_related = ("handling_unit", "about_unit", "about_cadre", "about_cadre__unit", "created_by")

    def get_context_data(self, **kwargs):
        from accountability.models import CadreFeedback

        context = super().get_context_data(**kwargs)
        petition = self.object
        user = self.request.user
        steps = list(petition.steps.select_related("unit", "created_by"))
        files = {}
        for attachment in Attachment.objects.filter(content_type=ContentType.objects.get_for_model(PetitionStep),
                                                    object_id__in=[s.pk for s in steps]):
            files.setdefault(attachment.object_id, []).append(attachment)
        for step in steps:
            step.files = files.get(step.pk, [])
        context.update(
            steps=steps, show_sender=may_see_sender(user, petition), overdue=petition_is_overdue(petition),
            late=answered_late(petition),
        )
        if context["may_change"]:
            context["step_form"] = kwargs.get("step_form") or PetitionStepForm(user=user,
                                                                               initial={"taken_on": periods.today()})
        feedback_id = petition.cadre_feedback_id
        context["feedback_visible"] = bool(feedback_id) and CadreFeedback.objects.restrict(user).filter(
            pk=feedback_id).exists()
        context["may_open_feedback"] = (
            petition.about_cadre_id is not None and not feedback_id and _may_open_feedback(user, petition)
        )
        return context


def _may_open_feedback(user, petition):
    """The bloc, or the head of the cadre's unit (who may record feedback about the cadre), and admins."""
    from accountability.forms import _cadres_for
    from accountability.models import CadreFeedback
    from accountability.permissions import may_see_cadre_records

    return (may_see_cadre_records(user) and may_create(user, CadreFeedback)
            and _cadres_for(user).filter(pk=petition.about_cadre_id).exists())


class PetitionCreateView(EvidenceSaveMixin, ObjectCreateView):
    form_class = PetitionForm
    success_message = gettext_lazy("Đã tiếp nhận đơn.")
    creator_field = "created_by"
    today_field = "received_on"
    user_unit_field = "handling_unit"
    cancel_url = reverse_lazy("democracy:petition_list")


class PetitionEditView(EvidenceSaveMixin, ObjectEditView):
    form_class = PetitionForm
    success_message = gettext_lazy("Đã lưu đơn.")


class PetitionStepCreateView(EvidenceSaveMixin, ObjectCreateView):
    form_class = PetitionStepForm
    template_name = "democracy/step_form.html"
    success_message = gettext_lazy("Đã ghi bước xử lý.")

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.petition = get_object_or_404(Petition.objects.restrict(request.user, CHANGE), pk=kwargs["petition_pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = PetitionStep(petition=self.petition)
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["petition"] = self.petition
        return context

    def save_object(self, form):
        form.instance.created_by = self.request.user
        step = super().save_object(form)
        if self.petition.state == PetitionState.RECEIVED:
            self.petition.state = PetitionState.IN_PROGRESS
            self.petition.save(update_fields=["state", "search_text"])
        return step

    def get_success_url(self):
        return f"{self.petition.get_absolute_url()}#xu-ly"


class PetitionOpenFeedbackView(LoginRequiredMixin, View):
    """From a petition about a cadre, open a cadre feedback record (area 1)."""

    def post(self, request, pk):
        from django.db import transaction

        petition = get_object_or_404(Petition.objects.restrict(request.user).select_related("about_cadre"), pk=pk)
        if petition.about_cadre_id is None or not _may_open_feedback(request.user, petition):
            raise Http404
        with transaction.atomic():
            feedback = open_cadre_feedback(petition, request.user)
        messages.success(request, _("Đã mở phản ánh về cán bộ %(name)s.") % {"name": petition.about_cadre.full_name})
        return HttpResponseRedirect(feedback.get_absolute_url())


# --- Violations ----------------------------------------------------------------------------------------

class ViolationListView(ObjectListView):
    filterset_class = ViolationFilterSet
    template_name = "democracy/violation_list.html"
    select_related = ("unit", "person")
    page_title = gettext_lazy("Vi phạm Luật Thực hiện dân chủ ở cơ sở")
    sort_fields = {"date": "found_on", "unit": by_unit("unit"), "article": "article",
                   "source": by_choices("source", ViolationSource), "remedied": "remedied_on"}


class ViolationExportView(ViolationListView):
    """The filtered list as an Excel workbook for the Organisation Board (Ban Tổ chức Đảng ủy)."""

    def get(self, request, *args, **kwargs):
        self.filterset = self.get_filterset(self.get_filterset_class())
        queryset = self.filterset.qs if self.filterset.is_valid() else self.filterset.queryset.none()
        queryset = queryset.select_related("unit", "person").order_by("unit__path", "found_on", "pk")
        year = self.filterset.form.cleaned_data.get("evaluation_year") if self.filterset.is_valid() else None
        content = violations_workbook(queryset, ward=request.user.ward, year=year)
        return xlsx_response(content, f"vi-pham-dan-chu-co-so-{year or periods.today().year}.xlsx")


class ViolationDetailView(ObjectDetailView):
    model = Violation
    select_related = ("unit", "person", "petition", "created_by")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        petition = self.object.petition
        context["petition_visible"] = petition is not None and user_may(self.request.user, petition, "view")
        return context


class ViolationCreateView(EvidenceSaveMixin, ObjectCreateView):
    form_class = ViolationForm
    success_message = gettext_lazy("Đã ghi nhận vi phạm.")
    creator_field = "created_by"
    today_field = "found_on"
    cancel_url = reverse_lazy("democracy:violation_list")

    def get_initial(self):
        initial = super().get_initial()
        petition = query_id(self.request, "petition")
        if petition:
            found = Petition.objects.restrict(self.request.user).filter(pk=petition).first()
            if found:
                initial.update(petition=found.pk, source="petition", unit=found.about_unit_id,
                               person=found.about_cadre_id)
        return initial


class ViolationEditView(EvidenceSaveMixin, ObjectEditView):
    form_class = ViolationForm
    success_message = gettext_lazy("Đã lưu vi phạm.")

