"""The one access mechanism of the portal: what a user may see or change, by unit.

Every scoped model declares an ``AccessPolicy`` and uses ``RestrictedQuerySet`` as its manager's
queryset. ``Model.objects.restrict(user, action)`` narrows any query to the user's scope:

* admins see and change everything;
* a city viewer sees every ward below their city and changes nothing;
* a province's (commune's) administrator reads like a city viewer below their province (in their commune) and
  changes only the organisation data there (units and people: the policy's ``administered``);
* the Standing Committee and the mass-mobilization bloc see their whole ward; the bloc changes it;
* unit officers, steering-committee members and group leaders see and change their unit's subtree
  (and read what the policy marks as readable ward-wide, such as the plan itself);
* data of a sensitive area (religion) is visible only to that area's committee, the Standing
  Committee and admins; everybody else gets an empty queryset, hence 404;
* segregation of duties: nobody changes or deletes a record about themselves (the policy's
  ``subject_fields``: a feedback or a review about a cadre, a violation, a petition about them), even
  inside their scope; they keep reading it where they read it before. A superuser is exempt: the admin
  site (``/quan-tri/``) bypasses the portal's scope anyway, so refusing him here would protect nothing
  and only send repairs there; the change history records what he does.

Apps narrow the scope by overriding ``RestrictedQuerySet.in_scope``, never ``restrict``, so that the
rules applying to every model (segregation of duties) cannot be bypassed by an app's own narrowing.

Browser views (``core.views``) and API viewsets (``core.api``) apply it once; no view filters by unit
on its own.
"""

from dataclasses import dataclass

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import Q

from .roles import Role

VIEW = "view"
CHANGE = "change"


@dataclass(frozen=True)
class AccessPolicy:
    # Lookups from the model to a Unit ("" means the model is the Unit itself). A row is in scope when
    # any of these units lies inside the user's scope.
    unit_fields: tuple[str, ...] = ("unit",)
    # Everybody of the ward may read it (the plan, its areas, the list of units).
    ward_readable: bool = False
    # Sensitive area: only users for whom ``user.may_see_area(area)`` is true reach it at all.
    area: str | None = None
    # Unit-level users of a sensitive area work on the whole ward's data (the committee covers the ward).
    area_covers_ward: bool = True
    # The Standing Committee may change it (assignments, approvals); otherwise it only reads.
    standing_may_change: bool = False
    # Only the Standing Committee (and admins) change it: its members' party cells are its own decision, so the
    # bloc reads them like everybody else of the ward.
    standing_only_change: bool = False
    # Unit-level users may only read it; changes belong to the bloc (the plan's structure).
    bloc_only_change: bool = False
    # The lookups that grant changes, when narrower than unit_fields: a supporting unit reads a task and
    # reports progress on it, but only the lead unit (and the bloc) may edit the task itself.
    change_fields: tuple[str, ...] | None = None
    # A lookup to the ward unit that every unit of the row belongs to ("plan__ward" for a task). A ward-wide or
    # city-wide read then filters on it (one indexed equality or prefix) instead of OR-ing the unit lookups,
    # which on a multi-valued lookup is an IN subquery that defeats the indexes at city scale.
    ward_field: str | None = None
    # Organisation data (units, people) that the province's and the commune's administrators keep current.
    administered: bool = False
    # Lookups from the model to the Person the record is about (a cadre's feedback, a violation's cadre). A user
    # whose login is that person may not change or delete the row (segregation of duties); reading is unchanged.
    subject_fields: tuple[str, ...] = ()


def _is_multi_valued(model, lookup):
    current = model
    for part in lookup.split("__"):
        try:
            field = current._meta.get_field(part)
        except FieldDoesNotExist:
            return False
        if field.many_to_many or field.one_to_many:
            return True
        if not field.is_relation:
            return False
        current = field.related_model
    return False


def scope_q(model, policy, prefix, action=VIEW):
    """A Q object selecting rows of ``model`` whose units lie below the unit path ``prefix``."""
    condition = Q()
    lookups = policy.unit_fields if action == VIEW or policy.change_fields is None else policy.change_fields
    for lookup in lookups:
        path_lookup = f"{lookup}__path__startswith" if lookup else "path__startswith"
        if lookup and _is_multi_valued(model, lookup):
            inner = model._base_manager.filter(**{path_lookup: prefix}).values("pk")
            condition |= Q(pk__in=inner)
        else:
            condition |= Q(**{path_lookup: prefix})
    return condition


def scope_prefix(user, policy, action):
    """The unit path below which the user may act, or None for nothing and "" for everything."""
    if not user or not user.is_authenticated:
        return None
    if user.is_superuser or user.role == Role.ADMIN:
        return ""
    if policy.area and not user.may_see_area(policy.area):
        return None
    unit = user.unit
    if unit is None:
        return None
    if user.role == Role.CITY_VIEWER:
        return unit.path if action == VIEW else None
    if user.role == Role.PROVINCE_ADMIN:
        return unit.path if action == VIEW or policy.administered else None
    ward = unit.ward or unit
    if user.role == Role.COMMUNE_ADMIN:
        return ward.path if action == VIEW or policy.administered else None
    if user.role == Role.STANDING:
        if action == VIEW or policy.standing_may_change:
            return ward.path
        return None
    if user.role == Role.BLOC:
        return None if action != VIEW and policy.standing_only_change else ward.path
    # Unit-level roles: officers, steering-committee members, group leaders.
    if action == VIEW and policy.ward_readable:
        return ward.path
    if action != VIEW and policy.bloc_only_change:
        return None
    if policy.area and policy.area_covers_ward:
        return ward.path
    return unit.path


def own_subject_q(policy, user):
    """A Q object selecting the rows about ``user`` themselves, or None when the rule does not apply."""
    person_id = getattr(user, "person_id", None)
    if not policy.subject_fields or person_id is None or user.is_superuser:
        return None
    condition = Q()
    for lookup in policy.subject_fields:
        condition |= Q(**{lookup: person_id})
    return condition


class RestrictedQuerySet(models.QuerySet):
    def restrict(self, user, action=VIEW):
        """The rows ``user`` may see (VIEW) or change and delete (CHANGE)."""
        policy = getattr(self.model, "access_policy", None)
        if policy is None:
            raise TypeError(f"{self.model.__name__} has no access_policy")
        queryset = self.in_scope(user, action)
        if action != VIEW:
            own = own_subject_q(policy, user)
            if own is not None:
                queryset = queryset.exclude(own)
        return queryset

    def in_scope(self, user, action=VIEW):
        """The rows inside the user's scope by unit; apps override this to narrow it further."""
        policy = self.model.access_policy
        prefix = scope_prefix(user, policy, action)
        if prefix is None:
            return self.none()
        if prefix == "":
            return self
        if policy.ward_field and action == VIEW:
            # Reads only: a change is checked against the unit lookups themselves, so that a row whose units
            # were moved out of the scope is refused even though its ward column did not change.
            if user.role in (Role.CITY_VIEWER, Role.PROVINCE_ADMIN):
                return self.filter(**{f"{policy.ward_field}__path__startswith": prefix})
            ward = user.unit.ward or user.unit
            if prefix == ward.path:
                return self.filter(**{policy.ward_field: ward})
        return self.filter(scope_q(self.model, policy, prefix, action))


RestrictedManager = models.Manager.from_queryset(RestrictedQuerySet)


def user_may(user, obj, action=CHANGE):
    """True when ``obj`` (already saved) lies inside the user's scope for ``action``."""
    return type(obj)._default_manager.restrict(user, action).filter(pk=obj.pk).exists()


def remember_access(user, objects, action=VIEW):
    """Answer ``user_may`` for many objects at once (one query per model) and remember the answer on each object,
    so that a list's links (``user|may_view:obj``, ``user|may_change:obj``) cost no query per row."""
    by_model = {}
    for obj in objects:
        if obj is not None and obj.pk is not None:
            by_model.setdefault(type(obj), []).append(obj)
    for model, items in by_model.items():
        allowed = set(model._default_manager.restrict(user, action).filter(pk__in=[obj.pk for obj in items])
                      .values_list("pk", flat=True))
        for obj in items:
            obj.__dict__.setdefault("_remembered_access", {})[(user.pk, action)] = obj.pk in allowed
    return objects


def may(user, obj, action=VIEW):
    """``user_may`` for links on a page: the answer ``remember_access`` kept on the object, else one query."""
    if obj is None or getattr(obj, "pk", None) is None or not user or not user.is_authenticated:
        return False
    remembered = getattr(obj, "_remembered_access", {}).get((user.pk, action))
    return remembered if remembered is not None else user_may(user, obj, action)


def is_own_record(user, obj):
    """True when ``obj`` (already saved) is about the user themselves, so that a refusal can say so."""
    own = own_subject_q(type(obj).access_policy, user)
    return own is not None and type(obj)._base_manager.filter(own, pk=obj.pk).exists()


def may_create(user, model):
    """True when the user may write rows of ``model`` somewhere (the object itself is checked on save)."""
    return scope_prefix(user, model.access_policy, CHANGE) is not None


def works_for(user, unit):
    """The user works for ``unit`` (their own unit or one below it) and may write for it; readers such as the
    Standing Committee, a city viewer or an administrator of organisation data do not."""
    if not user or not user.is_authenticated:
        return False
    if user.is_admin:
        return True
    if user.role == Role.STANDING or user.is_overseer or user.unit_id is None:
        return False
    return unit.path.startswith(user.unit.path)


def is_ward_bloc(user, ward):
    """The mass-mobilization bloc of ``ward`` (or an administrator): it organises the ward's work and reviews it."""
    if not user or not user.is_authenticated:
        return False
    if user.is_admin:
        return True
    return user.role == Role.BLOC and user.ward is not None and user.ward.pk == ward.pk
