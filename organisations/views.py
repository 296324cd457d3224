from django.utils.translation import gettext_lazy as _

from core.views import ObjectCreateView, ObjectDetailView, ObjectEditView, ObjectListView

from .filtersets import PersonFilterSet, UnitFilterSet
from .forms import PersonForm
from .models import Person, Unit


class UnitListView(ObjectListView):
    model = Unit
    filterset_class = UnitFilterSet
    template_name = "organisations/unit_list.html"
    select_related = ("parent",)

class UnitDetailView(ObjectDetailView):
    model = Unit
    select_related = ("parent", "ward")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["children"] = self.object.children.all()
        context["people"] = Person.objects.restrict(self.request.user).filter(unit=self.object)
        return context

class PersonListView(ObjectListView):
    model = Person
    filterset_class = PersonFilterSet
    template_name = "organisations/person_list.html"
    select_related = ("unit",)

class PersonDetailView(ObjectDetailView):
    model = Person
    select_related = ("unit",)

class PersonCreateView(ObjectCreateView):
    model = Person
    form_class = PersonForm
    template_name = "core/object_form.html"
    success_message = _("Đã thêm cán bộ.")

class PersonEditView(ObjectEditView):
    model = Person
    form_class = PersonForm
    template_name = "core/object_form.html"
    success_message = _("Đã lưu thông tin cán bộ.")

