"""One FilterSet per model, used by the browser lists and the API lists alike."""

import django_filters
from auditlog.models import LogEntry
from django.utils.translation import gettext_lazy as _

from core.filtersets import BoundedFilterSet, PortalFilterSet, UnitChoiceFilter, date_range
from core.search import search_queryset

from .models import (
    ActivityKind,
    CertificateStatus,
    CertificateStep,
    ConstructionWork,
    Establishment,
    EstablishmentKind,
    EventKind,
    EventRegistration,
    HeadChange,
    HeritageRank,
    Inspection,
    InspectionResult,
    InvitationStatus,
    KeyPerson,
    KeyPersonRole,
    MonkInvitationRequest,
    PermitState,
    Religion,
    ReligiousEvent,
    RiskLevel,
    SourceKind,
    WatchFollowUp,
    WatchReport,
    WatchStatus,
    WorkKind,
    WorkStage,
    annotate_head_flag,
)
from .services import WITHOUT_PERMIT_Q, stage_q


def _residential_groups(request):
    from organisations.models import Unit, UnitKind

    if request is None:
        return Unit.objects.none()
    return Unit.objects.restrict(request.user).filter(kind=UnitKind.RESIDENTIAL_GROUP)


def _establishments(request):
    return Establishment.objects.restrict(request.user) if request else Establishment.objects.none()


class ResidentialGroupFilter(UnitChoiceFilter):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("queryset", _residential_groups)
        kwargs.setdefault("label", _("Tổ dân phố"))
        super().__init__(*args, **kwargs)


class EstablishmentChoiceFilter(django_filters.ModelChoiceFilter):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("queryset", _establishments)
        kwargs.setdefault("label", _("Cơ sở thờ tự"))
        super().__init__(*args, **kwargs)


YES_NO = [("1", _("Có")), ("0", _("Không"))]


class EstablishmentFilterSet(PortalFilterSet):
    kind = django_filters.ChoiceFilter(label=_("Loại cơ sở"), choices=EstablishmentKind.choices)
    religion = django_filters.ChoiceFilter(label=_("Tôn giáo, tín ngưỡng"), choices=Religion.choices)
    residential_group = ResidentialGroupFilter()
    certificate_status = django_filters.ChoiceFilter(label=_("Giấy chứng nhận QSDĐ"), choices=CertificateStatus.choices)
    heritage_rank = django_filters.ChoiceFilter(
        label=_("Xếp hạng di tích"), choices=[c for c in HeritageRank.choices if c[0]],
    )
    flagged = django_filters.ChoiceFilter(
        label=_("Thay người đứng đầu chưa được chấp thuận"), choices=YES_NO, method="filter_flagged",
    )

    class Meta:
        model = Establishment
        fields = ["q", "kind", "religion", "residential_group", "certificate_status", "heritage_rank", "flagged",
                  "is_active"]

    def filter_flagged(self, queryset, name, value):
        if value in ("", None):
            return queryset
        return annotate_head_flag(queryset).filter(head_flag=value == "1")


class CertificateStepFilterSet(PortalFilterSet):
    search_fields = ("note",)
    establishment = EstablishmentChoiceFilter()
    status = django_filters.ChoiceFilter(label=_("Tình trạng"), choices=CertificateStatus.choices)
    recorded_after, recorded_before = date_range("recorded_on")

    class Meta:
        model = CertificateStep
        fields = ["establishment", "status", "recorded_after", "recorded_before"]


class HeadChangeFilterSet(PortalFilterSet):
    search_fields = ("new_head", "previous_head")
    establishment = EstablishmentChoiceFilter()

    class Meta:
        model = HeadChange
        fields = ["establishment"]


class InvitationFilterSet(PortalFilterSet):
    status = django_filters.ChoiceFilter(label=_("Trạng thái"), choices=InvitationStatus.choices)
    establishment = EstablishmentChoiceFilter()
    submitted_after, submitted_before = date_range("submitted_on", _("Tiếp nhận từ ngày"), _("Tiếp nhận đến ngày"))

    class Meta:
        model = MonkInvitationRequest
        fields = ["q", "status", "establishment", "submitted_after", "submitted_before"]


class WorkFilterSet(PortalFilterSet):
    work_kind = django_filters.ChoiceFilter(label=_("Loại công việc"), choices=WorkKind.choices)
    permit_state = django_filters.ChoiceFilter(label=_("Giấy phép"), choices=PermitState.choices)
    stage = django_filters.ChoiceFilter(label=_("Tiến độ"), choices=WorkStage.choices, method="filter_stage")
    without_permit = django_filters.ChoiceFilter(
        label=_("Thi công chưa có phép"), choices=YES_NO, method="filter_without_permit",
    )
    establishment = EstablishmentChoiceFilter()
    residential_group = ResidentialGroupFilter()

    class Meta:
        model = ConstructionWork
        fields = ["q", "work_kind", "permit_state", "stage", "without_permit", "establishment", "residential_group"]

    def filter_stage(self, queryset, name, value):
        return queryset.filter(stage_q(value)) if value else queryset

    def filter_without_permit(self, queryset, name, value):
        if value in ("", None):
            return queryset
        return queryset.filter(WITHOUT_PERMIT_Q) if value == "1" else queryset.exclude(WITHOUT_PERMIT_Q)


class InspectionFilterSet(PortalFilterSet):
    search_fields = ("findings", "inspectors")
    work = django_filters.NumberFilter(label=_("Mã công trình"), field_name="work_id")
    result = django_filters.ChoiceFilter(label=_("Kết quả"), choices=InspectionResult.choices)

    class Meta:
        model = Inspection
        fields = ["work", "result"]


class EventFilterSet(PortalFilterSet):
    event_kind = django_filters.ChoiceFilter(label=_("Loại"), choices=EventKind.choices)
    registration = django_filters.ChoiceFilter(label=_("Đăng ký"), choices=EventRegistration.choices)
    establishment = EstablishmentChoiceFilter()
    starts_after, starts_before = date_range("starts_on")

    class Meta:
        model = ReligiousEvent
        fields = ["q", "event_kind", "registration", "establishment", "starts_after", "starts_before"]


class WatchReportFilterSet(PortalFilterSet):
    status = django_filters.ChoiceFilter(label=_("Trạng thái"), choices=WatchStatus.choices)
    risk_level = django_filters.ChoiceFilter(label=_("Mức độ rủi ro"), choices=RiskLevel.choices)
    activity_kind = django_filters.ChoiceFilter(label=_("Loại hoạt động"), choices=ActivityKind.choices)
    residential_group = ResidentialGroupFilter()
    source_kind = django_filters.ChoiceFilter(label=_("Nguồn tin"), choices=SourceKind.choices)
    observed_after, observed_before = date_range("observed_on", _("Phát hiện từ ngày"), _("Phát hiện đến ngày"))

    class Meta:
        model = WatchReport
        fields = ["q", "status", "risk_level", "activity_kind", "residential_group", "source_kind", "observed_after",
                  "observed_before"]


class FollowUpFilterSet(PortalFilterSet):
    search_fields = ("action_taken",)
    report = django_filters.NumberFilter(label=_("Mã báo cáo"), field_name="report_id")

    class Meta:
        model = WatchFollowUp
        fields = ["report"]


class KeyPersonFilterSet(PortalFilterSet):
    religion = django_filters.ChoiceFilter(label=_("Tôn giáo, tín ngưỡng"), choices=Religion.choices)
    religious_role = django_filters.ChoiceFilter(label=_("Vai trò"), choices=KeyPersonRole.choices)
    establishment = EstablishmentChoiceFilter()
    residential_group = ResidentialGroupFilter()

    class Meta:
        model = KeyPerson
        fields = ["q", "religion", "religious_role", "establishment", "residential_group", "is_active"]


ACTION_CHOICES = [
    (LogEntry.Action.ACCESS, _("Xem")),
    (LogEntry.Action.CREATE, _("Tạo mới")),
    (LogEntry.Action.UPDATE, _("Sửa")),
    (LogEntry.Action.DELETE, _("Xóa")),
]


def _record_types():
    from .services import religion_content_types

    return sorted(((ct.pk, ct.model_class()._meta.verbose_name.capitalize()) for ct in religion_content_types()),
                  key=lambda item: str(item[1]))


class AccessLogFilterSet(BoundedFilterSet):
    """Filters of the religion access log (reads and changes)."""

    action = django_filters.ChoiceFilter(label=_("Thao tác"), choices=ACTION_CHOICES)
    record_type = django_filters.ChoiceFilter(label=_("Loại hồ sơ"), field_name="content_type_id",
                                              choices=_record_types)
    actor = django_filters.CharFilter(label=_("Người thực hiện"), method="filter_actor")
    after = django_filters.DateFilter(label=_("Từ ngày"), field_name="timestamp", lookup_expr="date__gte")
    before = django_filters.DateFilter(label=_("Đến ngày"), field_name="timestamp", lookup_expr="date__lte")

    class Meta:
        model = LogEntry
        fields = ["action", "record_type", "actor", "after", "before"]

    def filter_actor(self, queryset, name, value):
        return search_queryset(queryset, value, ("actor__username", "actor__first_name", "actor__last_name"))
