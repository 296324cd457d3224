"""Satisfaction survey campaigns (đợt khảo sát): questionnaire by dimension, public link or paper entry."""

import secrets

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.access import AccessPolicy
from core.models import ScopedModel, WardFromUnit, acting_user_field, creation_time_field, date_order_constraint
from core.search import SearchableModel

# SIPAS (Decision 2640/QĐ-BNV, 2017): the five elements of public administrative services.
SIPAS_DIMENSIONS = (
    "Tiếp cận dịch vụ",
    "Thủ tục hành chính",
    "Công chức giải quyết công việc",
    "Kết quả giải quyết công việc",
    "Tiếp nhận, xử lý góp ý, phản ánh, kiến nghị",
)


def new_survey_token():
    return secrets.token_urlsafe(9)


class SurveyCampaign(WardFromUnit, SearchableModel, ScopedModel):
    detail_url_name = "satisfaction:campaign_detail"
    search_fields = ("title", "description", "unit__name")
    access_policy = AccessPolicy(unit_fields=("unit",), ward_readable=True)

    ward = models.ForeignKey("organisations.Unit", verbose_name=_("phường"), on_delete=models.PROTECT,
                             related_name="+", editable=False)
    unit = models.ForeignKey("organisations.Unit", verbose_name=_("đơn vị tổ chức"), on_delete=models.PROTECT,
                             related_name="survey_campaigns")
    title = models.CharField(_("tên đợt khảo sát"), max_length=255)
    description = models.TextField(_("giới thiệu"), blank=True,
                                   help_text=_("Hiện ở đầu phiếu khảo sát trực tuyến."))
    starts_on = models.DateField(_("ngày bắt đầu"))
    ends_on = models.DateField(_("ngày kết thúc"))
    is_open = models.BooleanField(_("mở nhận phiếu trực tuyến"), default=True)
    public_token = models.CharField(_("mã đường dẫn công khai"), max_length=32, unique=True,
                                    default=new_survey_token, editable=False)
    created_at = creation_time_field(_("thời điểm tạo"))

    class Meta:
        verbose_name = _("đợt khảo sát")
        ordering = ["-starts_on", "-pk"]
        indexes = [models.Index(fields=["ward", "ends_on"], name="survey_ward_end_idx")]
        constraints = [
            date_order_constraint("ends_on", "starts_on", "survey_ends_after_start",
                                  _("Ngày kết thúc phải sau ngày bắt đầu.")),
        ]

    def __str__(self):
        return self.title


class Dimension(ScopedModel):
    shown_on = "campaign"
    access_policy = AccessPolicy(unit_fields=("campaign__unit",), ward_readable=True)

    campaign = models.ForeignKey(SurveyCampaign, verbose_name=_("đợt khảo sát"), on_delete=models.CASCADE,
                                 related_name="dimensions")
    name = models.CharField(_("yếu tố"), max_length=255)
    order = models.PositiveIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("yếu tố khảo sát")
        ordering = ["campaign", "order", "pk"]

    def __str__(self):
        return self.name


class QuestionKind(models.TextChoices):
    SCALE = "scale", _("Thang điểm 1–5")
    SINGLE = "single", _("Chọn một")
    MULTIPLE = "multiple", _("Chọn nhiều")
    TEXT = "text", _("Trả lời tự do")


class Question(ScopedModel):
    shown_on = "campaign"
    access_policy = AccessPolicy(unit_fields=("campaign__unit",), ward_readable=True)

    campaign = models.ForeignKey(SurveyCampaign, verbose_name=_("đợt khảo sát"), on_delete=models.CASCADE,
                                 related_name="questions")
    dimension = models.ForeignKey(Dimension, verbose_name=_("yếu tố"), null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="questions")
    text = models.CharField(_("câu hỏi"), max_length=500)
    kind = models.CharField(_("loại câu hỏi"), max_length=16, choices=QuestionKind.choices, default=QuestionKind.SCALE)
    choices = models.JSONField(_("các lựa chọn"), default=list, blank=True,
                               help_text=_("Với câu hỏi chọn một / chọn nhiều: mỗi dòng một lựa chọn."))
    required = models.BooleanField(_("bắt buộc trả lời"), default=False)
    order = models.PositiveIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("câu hỏi khảo sát")
        ordering = ["campaign", "order", "pk"]

    def __str__(self):
        return self.text


class ResponseChannel(models.TextChoices):
    ONLINE = "online", _("Trực tuyến")
    PAPER = "paper", _("Phiếu giấy")


class SurveyResponse(ScopedModel):
    shown_on = "campaign"
    access_policy = AccessPolicy(unit_fields=("campaign__unit",))

    campaign = models.ForeignKey(SurveyCampaign, verbose_name=_("đợt khảo sát"), on_delete=models.CASCADE,
                                 related_name="responses")
    client_id = models.UUIDField(_("mã phiếu"), unique=True, editable=False)
    channel = models.CharField(_("kênh"), max_length=8, choices=ResponseChannel.choices)
    paper_number = models.CharField(_("số phiếu giấy"), max_length=32, blank=True)
    entered_by = acting_user_field(editable=True)
    created_at = creation_time_field(_("thời điểm"))

    class Meta:
        verbose_name = _("phiếu khảo sát")
        ordering = ["campaign", "-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "paper_number"], condition=~models.Q(paper_number=""),
                                    name="survey_paper_number_unique",
                                    violation_error_message=_("Số phiếu này đã được nhập.")),
        ]

    def __str__(self):
        if self.paper_number:
            return _("Phiếu số %(n)s – %(c)s") % {"n": self.paper_number, "c": self.campaign}
        return _("Phiếu trực tuyến %(d)s – %(c)s") % {"d": self.created_at.strftime("%d/%m/%Y"), "c": self.campaign}


class Answer(ScopedModel):
    shown_on = "response"
    access_policy = AccessPolicy(unit_fields=("response__campaign__unit",))

    response = models.ForeignKey(SurveyResponse, verbose_name=_("phiếu"), on_delete=models.CASCADE,
                                 related_name="answers")
    question = models.ForeignKey(Question, verbose_name=_("câu hỏi"), on_delete=models.CASCADE,
                                 related_name="answers")
    scale_value = models.PositiveSmallIntegerField(_("điểm (1–5)"), null=True, blank=True,
                                                   validators=[MinValueValidator(1), MaxValueValidator(5)])
    choice_values = models.JSONField(_("lựa chọn"), default=list, blank=True)
    text = models.TextField(_("trả lời"), blank=True)

    class Meta:
        verbose_name = _("câu trả lời")
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="answer_unique_per_question",
                                    violation_error_message=_("Câu hỏi đã được trả lời trong phiếu này.")),
            models.CheckConstraint(condition=models.Q(scale_value__isnull=True)
                                   | models.Q(scale_value__gte=1, scale_value__lte=5),
                                   name="answer_scale_range", violation_error_message=_("Điểm phải từ 1 đến 5.")),
        ]
        indexes = [models.Index(fields=["question", "scale_value"], name="answer_question_scale_idx")]

    def __str__(self):
        return f"{self.question_id}: {self.scale_value or self.choice_values or self.text[:40]}"
