"""Which ward a page is about: the user's own, or (for admins and city viewers) one they pick."""

from django.http import Http404


def visible_wards(user):
    from organisations.models import Unit, UnitKind

    return Unit.objects.restrict(user).filter(kind=UnitKind.WARD).order_by("name")


def ward_for_request(request):
    """The user's ward; admins and city viewers choose one of the wards they see with ``?ward=<id>``."""
    user = request.user
    if user.ward is not None:
        return user.ward
    wards = visible_wards(user)
    chosen = request.GET.get("ward")
    if chosen:
        try:
            return wards.get(pk=int(chosen))
        except (ValueError, TypeError) as exc:
            raise Http404 from exc
        except wards.model.DoesNotExist as exc:
            raise Http404 from exc
    ward = wards.first()
    if ward is None:
        raise Http404
    return ward


def year_from_request(request, default):
    try:
        year = int(request.GET.get("year", default))
    except (TypeError, ValueError):
        return default
    return year if 2000 <= year <= 2100 else default
