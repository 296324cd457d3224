"""Browser forms offer only the related records their user may see (core.forms.restrict_form_fields), as the API's
relation fields do: another ward's tasks never appear in a choice list."""

import pytest

from core.forms import ScopedModelForm
from plans.models import CellAssignment, Task

pytestmark = pytest.mark.django_db


class AssignmentForm(ScopedModelForm):
    class Meta:
        model = CellAssignment
        fields = ["plan", "party_cell", "member"]


def test_related_choices_are_those_the_user_may_see(ward_a, ward_b, plan_a, plan_b):
    form = AssignmentForm(user=ward_a.users["bloc"])

    plans = set(form.fields["plan"].queryset)
    assert plan_a in plans and plan_b not in plans
    cells = set(form.fields["party_cell"].queryset.values_list("ward_id", flat=True))
    assert cells == {ward_a.ward.pk}


def test_without_a_user_the_form_is_not_narrowed(plan_a, plan_b):
    assert set(AssignmentForm().fields["plan"].queryset) >= {plan_a, plan_b}
    assert Task.objects.exists()
