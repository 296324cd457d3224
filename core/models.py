"""Shared models: evidence attachments and in-portal notifications."""

import operator
import os
import uuid
from functools import reduce
from operator import attrgetter

from auditlog.registry import auditlog
from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.signals import class_prepared
from django.dispatch import receiver
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .access import RestrictedManager
from .validators import EXTENSIONS, validate_upload


class ScopedModel(models.Model):
    """A record that belongs to a unit: read and changed through ``restrict()``, every change in the history.

    Core registers every subclass with the audit log once (``register_scoped_models``), so an app cannot add a
    scoped model and forget its history. ``audit_options`` are the keyword arguments for ``auditlog.register``;
    a derived ``search_text`` is never recorded. ``audit_options = None`` keeps a model out of the history (only
    for figures computed from other records)."""

    audit_options = {}
    # The URL name of the row's own page ("religion:work_detail"): a model that names one gets a get_absolute_url
    # that reverses it with the row's pk (a row without a page of its own keeps its own get_absolute_url, or none).
    detail_url_name = None
    # Or the row is shown on the page of a related row ("campaign", "group.criteria_set"), at ``page_anchor``.
    shown_on = None
    page_anchor = ""

    objects = RestrictedManager()

    class Meta:
        abstract = True

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if cls.__dict__.get("detail_url_name"):
            cls.get_absolute_url = _own_page_url
        elif cls.__dict__.get("shown_on"):
            cls.get_absolute_url = _shown_on_url


class DerivedStatus:
    """A status that a rule works out rather than a column stores (a task's, a conclusion's, a submission's): a list
    reads the ``status_code`` its queryset's ``with_status()`` annotates, in the same query; a single row derives it
    with ``derive_status()``. ``status_choices`` label the values."""

    status_choices = None

    def derive_status(self):
        raise NotImplementedError

    @property
    def status(self):
        return self.__dict__.get("status_code") or self.derive_status()

    def get_status_display(self):
        return self.status_choices(self.status).label


class WardFromUnit:
    """A record of a unit that also names its ward (for the ward's lists and figures): on save the ward follows the
    unit (the unit's ward, or the unit itself when it is the ward). With ``keep_ward`` a ward already set stays."""

    keep_ward = False

    def save(self, *args, **kwargs):
        if self.unit_id and not (self.keep_ward and self.ward_id):
            self.ward_id = self.unit.ward_id or self.unit_id
        super().save(*args, **kwargs)


def _own_page_url(row):
    return reverse(row.detail_url_name, args=[row.pk])


def _shown_on_url(row):
    return f"{attrgetter(row.shown_on)(row).get_absolute_url()}{row.page_anchor}"


def acting_user_field(verbose_name=None, *, editable=False):
    """The account that did something to a row (entered, approved, closed it …): kept when the account is deleted
    (SET_NULL), set by the page or the API and, unless ``editable``, never offered in a form. ``verbose_name``
    defaults to “người nhập”."""
    return models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=verbose_name or _("người nhập"), null=True,
                             blank=True, on_delete=models.SET_NULL, related_name="+", editable=editable)


def creation_time_field(verbose_name=None):
    """When a row was entered, set once on creation; ``verbose_name`` defaults to “thời điểm nhập”."""
    return models.DateTimeField(verbose_name or _("thời điểm nhập"), auto_now_add=True)


@receiver(class_prepared)
def name_plural_as_singular(sender, **kwargs):
    """A Vietnamese noun has no plural form: a scoped model whose Meta names no ``verbose_name_plural`` uses its
    ``verbose_name`` (Django would add an English "s"). The name is recorded as if the Meta gave it, so the
    migrations see the same options."""
    meta = sender._meta
    if issubclass(sender, ScopedModel) and "verbose_name" in meta.original_attrs \
            and "verbose_name_plural" not in meta.original_attrs:
        meta.verbose_name_plural = meta.original_attrs["verbose_name_plural"] = meta.verbose_name


def active_or_defaults(model, ward, build):
    """A ward's active rows of ``model`` in their order; until the ward has saved any, the defaults ``build(ward)``
    (unsaved rows) stand for them. A ward that switched every row off has none."""
    saved = list(model.objects.filter(ward=ward, is_active=True).order_by("order", "pk"))
    if saved or model.objects.filter(ward=ward).exists():
        return saved
    return build(ward)


def save_defaults_once(model, ward, build):
    """Give a ward its default rows of ``model`` (``build(ward)``: unsaved rows) when it has none yet; the rows
    saved, one by one so the history records each ([] when the ward already had rows)."""
    if model.objects.filter(ward=ward).exists():
        return []
    created = build(ward)
    for row in created:
        row.save()
    return created


def register_scoped_models():
    """Register every concrete scoped model with the audit log (core's ``ready()`` calls this once)."""
    for model in apps.get_models():
        if not issubclass(model, ScopedModel) or model.audit_options is None:
            continue
        options = dict(model.audit_options)
        if any(field.name == "search_text" for field in model._meta.concrete_fields):
            options["exclude_fields"] = ["search_text", *options.get("exclude_fields", [])]
        auditlog.register(model, **options)


def attachment_path(instance, filename):
    """The stored name: a random one with the extension the content proved (``mime_type``), never the
    uploader's, so a GIF named .html is stored, and served by any web server, as a .gif."""
    extension = EXTENSIONS.get(instance.mime_type, ".bin")
    return f"evidence/{instance.content_type.app_label}/{uuid.uuid4().hex}{extension}"


class Attachment(models.Model):
    """An evidence file (minutes, photos, documents) attached to any object of any area."""

    content_type = models.ForeignKey(ContentType, verbose_name=_("loại đối tượng"), on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField(_("mã đối tượng"))
    target = GenericForeignKey("content_type", "object_id")
    file = models.FileField(_("tệp"), upload_to=attachment_path, validators=[validate_upload])
    original_name = models.CharField(_("tên tệp gốc"), max_length=255)
    mime_type = models.CharField(_("định dạng"), max_length=128)
    size = models.PositiveBigIntegerField(_("dung lượng"))
    description = models.CharField(_("mô tả"), max_length=255, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tải lên"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("thời điểm tải lên"), auto_now_add=True)

    class Meta:
        verbose_name = _("tệp minh chứng")
        verbose_name_plural = _("tệp minh chứng")
        ordering = ["uploaded_at"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="attachment_target_idx")]

    def __str__(self):
        return self.original_name

    def get_absolute_url(self):
        return reverse("core:attachment_download", args=[self.pk])

    @property
    def is_image(self):
        return self.mime_type.startswith("image/")

    @property
    def download_name(self):
        """The original name for the browser to save under, with the extension the content proved: a GIF
        uploaded as “anh.html” is saved as “anh.gif”, so it never opens as a web page on the user's computer."""
        stem, extension = os.path.splitext(self.original_name)
        proven = EXTENSIONS.get(self.mime_type)
        if proven is None or extension.lower() == proven or (proven == ".jpg" and extension.lower() == ".jpeg"):
            return self.original_name
        return f"{stem or self.original_name}{proven}"

    @classmethod
    def attach(cls, target, uploaded, user=None, description=""):
        mime_type = validate_upload(uploaded)
        return cls.objects.create(
            content_type=ContentType.objects.get_for_model(target),
            object_id=target.pk,
            file=uploaded,
            original_name=os.path.basename(uploaded.name)[:255],
            mime_type=mime_type,
            size=uploaded.size,
            description=description,
            uploaded_by=user if user is not None and user.is_authenticated else None,
        )

    @classmethod
    def for_object(cls, target):
        return cls.objects.filter(
            content_type=ContentType.objects.get_for_model(target), object_id=target.pk
        ).select_related("uploaded_by")


class Notification(models.Model):
    """A message to one user shown in the portal (and sent by e-mail when the user has an address)."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nhận"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    title = models.CharField(_("tiêu đề"), max_length=255)
    body = models.TextField(_("nội dung"), blank=True)
    link = models.CharField(_("liên kết"), max_length=500, blank=True)
    # Same key for the same reminder: sending it twice (a retried or duplicated job) adds nothing.
    dedup_key = models.CharField(_("khóa chống trùng"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("thời điểm"), auto_now_add=True)
    read_at = models.DateTimeField(_("đã đọc lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("thông báo")
        verbose_name_plural = _("thông báo")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "dedup_key"],
                condition=~models.Q(dedup_key=""),
                name="notification_unique_per_key",
                violation_error_message=_("Thông báo này đã được gửi."),
            )
        ]

    def __str__(self):
        return self.title


def date_order_constraint(later, earlier, name, message, *, may_be_empty=(), strict=False):
    """A named check that the date (or time) ``later`` is not before ``earlier`` (after it, with ``strict``).

    ``may_be_empty`` names the fields that may be left empty, in the order the condition tests them: a row with one
    of them empty passes. ``message`` is the Vietnamese error a form shows."""
    conditions = [models.Q(**{f"{field}__isnull": True}) for field in may_be_empty]
    conditions.append(models.Q(**{f"{later}__{'gt' if strict else 'gte'}": models.F(earlier)}))
    return models.CheckConstraint(condition=reduce(operator.or_, conditions), name=name,
                                  violation_error_message=message)


def filled_when_constraint(field, when, name, message, *, nullable=False):
    """A named check that ``field`` is filled in whenever the row is in the state ``when`` ({"kind": "dialogue"}):
    not "" (or, for a ``nullable`` field, not empty)."""
    filled = models.Q(**{f"{field}__isnull": False}) if nullable else ~models.Q(**{field: ""})
    return models.CheckConstraint(condition=~models.Q(**when) | filled, name=name, violation_error_message=message)
