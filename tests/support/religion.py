"""Test data helpers shared by the religion tests and others."""

from datetime import timedelta
from decimal import Decimal

from core import periods
from religion import services
from religion.models import (
    ActivityKind,
    CertificateStatus,
    Establishment,
    EstablishmentKind,
    Religion,
    RiskLevel,
    SourceKind,
    WatchReport,
)


def make_establishment(ward, group_key="tdp-1", **fields):
    defaults = {
        "kind": EstablishmentKind.PAGODA, "religion": Religion.BUDDHISM, "name": "Chùa Phúc Khánh",
        "address": "Ngõ 12 phố Thọ Xương", "person_in_charge": "Đại đức Thích Minh Tuệ", "head_title": "Trụ trì",
        "land_area": Decimal("1200.0"), "certificate_status": CertificateStatus.ELIGIBLE,
    }
    defaults.update(fields)
    establishment = Establishment.objects.create(
        ward=ward.ward, residential_group=ward.units[group_key], **defaults
    )
    services.record_initial_certificate(establishment)
    return establishment


def make_watch_report(ward, group_key="tdp-2", risk=RiskLevel.MEDIUM, observed_on=None, **fields):
    defaults = {
        "location": "Sân nhà văn hóa", "activity_kind": ActivityKind.HEALTH_EXERCISE,
        "description": "Nhóm tập dưỡng sinh kết hợp giảng giải tài liệu lạ.", "source_kind": SourceKind.COMMUNITY_GROUP,
        "measures": "Nhắc nhở, theo dõi.",
    }
    defaults.update(fields)
    return WatchReport.objects.create(
        ward=ward.ward, residential_group=ward.units[group_key] if group_key else None, risk_level=risk,
        observed_on=observed_on or periods.today() - timedelta(days=10), **defaults,
    )
