"""Which ward a page is about: the one chosen with ``?ward=<id>`` among the wards the user sees, else the user's own,
else (for admins and city viewers) the first they see. The one answer for every page and API view of the portal."""

from django.http import Http404

from .params import whole_number


def visible_wards(user):
    from organisations.models import Unit, UnitKind

    return Unit.objects.restrict(user).filter(kind=UnitKind.WARD).order_by("name")


def ward_for_request(request, wards=None):
    """The ward of this request; a choice outside ``wards`` (by default the wards the user sees) answers 404.

    Forms that post for a ward carry it in a ``ward`` field, so the body is read when the address has none."""
    user_ward = request.user.ward
    # Every user sees their own ward, so only a narrower list handed in (religion's) needs asking.
    own_ward_visible = wards is None
    if wards is None:
        wards = visible_wards(request.user)
    chosen = request.GET.get("ward") or (request.POST.get("ward") if request.method == "POST" else None)
    if chosen:
        try:
            return wards.get(pk=whole_number(chosen, minimum=1))
        except wards.model.DoesNotExist as exc:
            raise Http404 from exc
    if user_ward is not None and (own_ward_visible or wards.filter(pk=user_ward.pk).exists()):
        return user_ward
    ward = wards.first()
    if ward is None:
        raise Http404
    return ward


def has_own_ward(user):
    """True for users who belong to a ward; a city viewer (or a city-level admin) has none, so pages about "my
    ward" (its settings, its recognition round) do not open for them, and links to them are not shown."""
    return bool(user and user.is_authenticated and user.ward is not None)


def own_ward_or_404(user):
    """The user's own ward, for pages that are only about it; 404 for users above the wards."""
    if not has_own_ward(user):
        raise Http404
    return user.ward
