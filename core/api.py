"""Base of every API endpoint: the same access mechanism, audit actor and scope check on save."""

from auditlog.context import set_actor
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.db.models import Manager, QuerySet
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, serializers, viewsets
from rest_framework.response import Response
from rest_framework.settings import api_settings

from . import periods
from .access import CHANGE, VIEW, is_own_record, may_create, user_may
from .filtersets import ModelFilterSet
from .network import client_address
from .params import query_year
from .wards import ward_for_request


class OutOfScopeError(exceptions.PermissionDenied):
    default_detail = _("Bạn chỉ được ghi dữ liệu thuộc đơn vị mình phụ trách.")


class OwnRecordError(exceptions.PermissionDenied):
    default_detail = _("Bạn không được ghi, sửa hoặc xóa hồ sơ về chính mình. Hãy đề nghị lãnh đạo đơn vị hoặc "
                       "Khối Dân vận cập nhật hồ sơ này.")


def as_drf_error(error, key="detail"):
    """A domain rule's Django ValidationError as the API's 400: per field when the rule named fields, else under
    ``key``. Services raise Django's exception so that pages and the API share their rules and messages."""
    if hasattr(error, "error_dict"):
        return exceptions.ValidationError({name: [str(m) for e in errors for m in e.messages]
                                           for name, errors in error.error_dict.items()})
    return exceptions.ValidationError({key: [str(m) for m in error.messages]})


def model_probe(serializer, attrs, model=None, constraints=False, prepare=None):
    """Apply the model's own ``clean()`` (and its constraints, when asked) to API input, as a ModelForm does on a page,
    so a rule written once on the model answers the API with the same message; returns the would-be object.

    The would-be object is the stored row (on an update) with the input's concrete fields laid over it; many-to-many
    values and extra input (files) are left out, as ``clean()`` cannot read them. ``prepare(probe)`` runs before the
    checks."""
    model = model or serializer.Meta.model
    current = serializer.instance
    probe = model(**{field.attname: getattr(current, field.attname)
                     for field in model._meta.concrete_fields} if current is not None else {})
    probe._state.adding = current is None  # so a unique check leaves the row being edited out
    concrete = {field.name for field in model._meta.concrete_fields}
    for name, value in attrs.items():
        if name in concrete:
            setattr(probe, name, value)
    if prepare is not None:
        prepare(probe)  # what a save would derive first (the ward a religion record belongs to)
    try:
        probe.clean()
        if constraints:
            probe.validate_constraints()
    except DjangoValidationError as error:
        raise as_drf_error(error, key=api_settings.NON_FIELD_ERRORS_KEY) from error
    return probe


def run_model_clean(serializer, attrs, model=None, constraints=False):
    """``model_probe`` for a serializer's ``validate()``: the input, once the model's rules accepted it."""
    model_probe(serializer, attrs, model, constraints)
    return attrs


class ModelCleanMixin:
    """A serializer whose input passes its model's own ``clean()`` (see ``model_probe``)."""

    def validate(self, attrs):
        return run_model_clean(self, super().validate(attrs))


def restrict_relations(serializer, user):
    """Narrow every writable relation of ``serializer`` to the rows ``user`` may see, as the browser forms do: the
    browsable API's form would otherwise list every ward's plans or units by name, and a body naming another
    ward's row would only be caught after the save."""
    for field in serializer.fields.values():
        relation = getattr(field, "child_relation", field)
        queryset = getattr(relation, "queryset", None)
        if isinstance(queryset, Manager):  # what ModelSerializer gives its generated relations
            queryset = queryset.all()
        if field.read_only or not isinstance(queryset, QuerySet) or not hasattr(queryset.model, "access_policy"):
            continue
        relation.queryset = queryset & queryset.model._default_manager.restrict(user)


class EvidenceFilesMixin(serializers.Serializer):
    """Optional evidence files on a multipart write, checked by the portal's one upload validator.

    Saved as core Attachments inside the viewset's transaction, so a refused file writes nothing.
    """

    files = serializers.ListField(child=serializers.FileField(), write_only=True, required=False,
                                  label=_("Tệp minh chứng"))

    def validate_files(self, files):
        from core.validators import validate_upload

        for uploaded in files:
            try:
                validate_upload(uploaded)
            except DjangoValidationError as exc:
                raise serializers.ValidationError(exc.messages) from exc
        return files

    def _attach(self, instance, files):
        from core.models import Attachment

        request = self.context.get("request")
        for uploaded in files:
            Attachment.attach(instance, uploaded, user=request.user if request else None)

    def create(self, validated_data):
        files = validated_data.pop("files", [])
        instance = super().create(validated_data)
        self._attach(instance, files)
        return instance

    def update(self, instance, validated_data):
        files = validated_data.pop("files", [])
        instance = super().update(instance, validated_data)
        self._attach(instance, files)
        return instance


def limit_choices(serializer, **querysets):
    """Related choices limited to what the requesting user may see: no linking to another ward's rows."""
    request = serializer.context.get("request")
    if request is None or not request.user.is_authenticated:  # the schema generator's anonymous request
        return
    for name, make in querysets.items():
        field = serializer.fields.get(name)
        if field is None or field.read_only:
            continue
        target = field.child_relation if isinstance(field, serializers.ManyRelatedField) else field
        target.queryset = make(request.user)


def visible_units(user):
    from organisations.models import Unit

    return Unit.objects.restrict(user)


def visible_people(user):
    from organisations.models import Person

    return Person.objects.restrict(user)


class ScopedQuerysetMixin:
    # The queryset of a scoped viewset: ``Model.objects.restrict(user, action)``, reads in the view scope and writes
    # in the change scope (an object outside the scope answers 404). ``model`` is the serializer's model unless the
    # viewset names another. (No docstring: the API schema shows a viewset's inherited docstring as its description.)

    model = None
    # The model's one FilterSet, shared with its browser list (a viewset names another only for a reason).
    filterset_class = ModelFilterSet()
    select_related = ()
    prefetch_related = ()

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        model = getattr(getattr(cls.__dict__.get("serializer_class"), "Meta", None), "model", None)
        if "model" not in cls.__dict__ and model is not None:
            cls.model = model

    def get_queryset(self):
        action = VIEW if self.request.method in ("GET", "HEAD", "OPTIONS") else CHANGE
        queryset = self.model._default_manager.restrict(self.request.user, action)
        if self.select_related:
            queryset = queryset.select_related(*self.select_related)
        if self.prefetch_related:
            queryset = queryset.prefetch_related(*self.prefetch_related)
        return queryset


class ScopedModelViewSet(ScopedQuerysetMixin, viewsets.ModelViewSet):
    """A model viewset whose queryset is ``Model.objects.restrict(user, action)``.

    Reads use the view scope, writes the change scope: an object outside the scope answers 404.
    Writes run in a transaction that re-checks the saved object's scope and rolls back when it left.
    """

    # A user who may not add such rows anywhere is told so (403) before any validation of the body; a viewset
    # whose creation goes through a service with rules of its own (evaluators, approvals) turns this off.
    check_create_scope = True
    create_denied_message = _("Bạn chỉ được xem, không được thêm mới mục này.")
    # The model's field that records who created a row ("created_by"), set from the requesting user.
    creator_field = None

    def get_serializer(self, *args, **kwargs):
        serializer = super().get_serializer(*args, **kwargs)
        restrict_relations(getattr(serializer, "child", serializer), self.request.user)
        return serializer

    def _actor(self):
        # The middleware's actor is anonymous for token requests (DRF authenticates in the view), so the view sets
        # it, with the same client address the middleware would record.
        return set_actor(self.request.user, remote_addr=client_address(self.request) or None)

    def _save_in_scope(self, serializer, **extra):
        with transaction.atomic(), self._actor():
            instance = serializer.save(**extra)
            if not user_may(self.request.user, instance, CHANGE):
                raise OwnRecordError if is_own_record(self.request.user, instance) else OutOfScopeError
            self.after_save(instance)
        return instance

    def after_save(self, instance):
        """Hook for derived data that must follow a save (inside the same transaction)."""

    def create(self, request, *args, **kwargs):
        if self.check_create_scope and not may_create(request.user, self.model):
            raise exceptions.PermissionDenied(self.create_denied_message)
        return super().create(request, *args, **kwargs)

    def perform_create(self, serializer):
        self._save_in_scope(serializer, **self.create_extra())

    def create_extra(self):
        """Fields set on a row created through the API: by default who created it, in ``creator_field``."""
        return {self.creator_field: self.request.user} if self.creator_field else {}

    def perform_update(self, serializer):
        self._save_in_scope(serializer)

    def perform_destroy(self, instance):
        with transaction.atomic(), self._actor():
            instance.delete()


class ScopedReadOnlyViewSet(ScopedQuerysetMixin, viewsets.ReadOnlyModelViewSet):
    pass


class PeriodSerializer(serializers.Serializer):
    # A period of a ward's yearly rows (a quarter, a half-year, the year): its label, its first and last day. (No
    # docstring: the API schema would show it as the description of every period serializer.)

    label = serializers.CharField()
    start = serializers.DateField()
    end = serializers.DateField()


def ward_year_rows(request, rows_for, serializer_class):
    """The response of a ward's yearly rows (``?ward=``, ``?year=``, this year by default): ``rows_for(ward, year,
    on=today)`` as ``serializer_class`` lists them."""
    now = periods.today()
    rows = rows_for(ward_for_request(request), query_year(request, default=now.year), on=now)
    return Response(serializer_class(rows, many=True).data)
