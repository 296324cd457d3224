from django.http import Http404
from django.utils.translation import gettext_lazy as _

from core.sorting import by_choices, by_unit
from core.views import MayOpenMixin, ObjectCreateView, ObjectDetailView, ObjectEditView, ObjectListView

from .filtersets import PersonFilterSet, UnitFilterSet
from .forms import DocumentSettingsForm, PersonForm, UnitForm
from .models import DocumentSettings, Person, Role, Unit, UnitKind


class UnitListView(ObjectListView):
    filterset_class = UnitFilterSet
    template_name = "organisations/unit_list.html"
    select_related = ("parent",)
    # Without a choice the units stay in their tree (Meta.ordering by path), each indented under its parent.
    sort_fields = {"name": "name", "short_name": "short_name", "kind": by_choices("kind", UnitKind),
                   "parent": by_unit("parent")}

class UnitDetailView(ObjectDetailView):
    model = Unit
    select_related = ("parent", "ward")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["children"] = self.object.children.all()
        context["people"] = Person.objects.restrict(self.request.user).filter(unit=self.object)
        return context

class UnitCreateView(ObjectCreateView):
    form_class = UnitForm
    success_message = _("Đã thêm đơn vị.")
    query_initial = {"parent": "parent"}


class UnitEditView(ObjectEditView):
    form_class = UnitForm
    success_message = _("Đã lưu đơn vị.")


class PersonListView(ObjectListView):
    filterset_class = PersonFilterSet
    template_name = "organisations/person_list.html"
    select_related = ("unit",)
    sort_fields = {"name": "full_name", "position": "position", "unit": by_unit("unit")}


class PersonDetailView(ObjectDetailView):
    model = Person
    select_related = ("unit",)


class PersonCreateView(ObjectCreateView):
    form_class = PersonForm
    success_message = _("Đã thêm cán bộ.")


class PersonEditView(ObjectEditView):
    form_class = PersonForm
    success_message = _("Đã lưu thông tin cán bộ.")


class DocumentSettingsEditView(MayOpenMixin, ObjectEditView):
    """The bloc keeps what the ward's Party documents print in their header and signature (one row per ward)."""

    form_class = DocumentSettingsForm
    template_name = "organisations/document_settings.html"
    denied_message = _("Chỉ Khối Dân vận và quản trị xã, phường sửa thông tin ban hành văn bản.")
    success_message = _("Đã lưu thông tin ban hành văn bản. Văn bản đã phê duyệt giữ nguyên thông tin khi duyệt.")

    @classmethod
    def may_open(cls, user):
        return user.is_authenticated and user.ward is not None and (
            user.is_admin or user.role in (Role.BLOC, Role.COMMUNE_ADMIN))


    def get_object(self, queryset=None):
        ward = self.request.user.ward
        if ward is None:
            raise Http404
        return DocumentSettings.objects.filter(ward=ward).first() or DocumentSettings(ward=ward)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["page_title"] = _("Thông tin ban hành văn bản")
        return context
