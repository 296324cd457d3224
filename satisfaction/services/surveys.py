"""Survey campaigns: the default SIPAS questionnaire, answers from the public link or paper, results per
dimension and question, the campaign index, comparison with the previous campaign, Excel and SVG charts."""

import uuid
from contextlib import nullcontext
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from auditlog.context import disable_auditlog
from django.db import IntegrityError, transaction
from django.db.models import Avg, Count, Q
from django.utils.html import escape
from django.utils.translation import gettext as _

from core.numbers import number, percent, percentage
from core.params import whole_number
from core.spreadsheets import append_row, new_workbook, workbook_bytes

from ..models import (
    SIPAS_DIMENSIONS,
    Answer,
    Dimension,
    Question,
    QuestionKind,
    ResponseChannel,
    SurveyCampaign,
    SurveyResponse,
)

# Questions of the default questionnaire, one list per SIPAS element (1–5: Rất không hài lòng … Rất hài lòng).
DEFAULT_QUESTIONS = (
    ("Nơi ngồi chờ tại Bộ phận một cửa có đủ chỗ ngồi, sạch sẽ, thoáng mát",
     "Trang thiết bị phục vụ người dân đầy đủ, dễ sử dụng"),
    ("Thủ tục hành chính được niêm yết công khai, đầy đủ, chính xác",
     "Thành phần hồ sơ và phí, lệ phí đúng quy định"),
    ("Công chức có thái độ giao tiếp lịch sự, tôn trọng người dân",
     "Công chức hướng dẫn kê khai hồ sơ tận tình, chu đáo, dễ hiểu"),
    ("Kết quả giải quyết đúng quy định, thông tin chính xác",
     "Nhận kết quả đúng hẹn"),
    ("Dễ dàng góp ý, phản ánh, kiến nghị",
     "Góp ý, phản ánh được tiếp nhận và trả lời kịp thời"),
)
SCALE_LABELS = ("Rất không hài lòng", "Không hài lòng", "Bình thường", "Hài lòng", "Rất hài lòng")


@transaction.atomic
def use_default_questionnaire(campaign):
    """The five SIPAS dimensions with two 1–5 questions each, one multiple-choice and one free-text question."""
    order = 0
    for dim_order, (name, questions) in enumerate(zip(SIPAS_DIMENSIONS, DEFAULT_QUESTIONS, strict=True)):
        dimension = Dimension.objects.create(campaign=campaign, name=name, order=dim_order)
        for text in questions:
            order += 1
            Question.objects.create(campaign=campaign, dimension=dimension, text=text, kind=QuestionKind.SCALE,
                                    required=True, order=order)
    Question.objects.create(
        campaign=campaign, text="Ông/bà biết thông tin về thủ tục hành chính qua kênh nào?",
        kind=QuestionKind.MULTIPLE, order=order + 1,
        choices=["Niêm yết tại trụ sở", "Cổng dịch vụ công", "Đài truyền thanh phường", "Tổ dân phố, Zalo", "Khác"],
    )
    Question.objects.create(campaign=campaign, text="Ông/bà có góp ý gì để phường phục vụ tốt hơn?",
                            kind=QuestionKind.TEXT, order=order + 2)
    return campaign


# --- Answers --------------------------------------------------------------------------------------

class SurveyError(Exception):
    def __init__(self, errors):
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors  # {question id or "paper_number": Vietnamese message}


def _clean_answer(question, raw):
    """Raw form data -> (scale_value, choice_values, text), or raise ValueError with a Vietnamese message."""
    if question.kind == QuestionKind.SCALE:
        value = str(raw or "").strip()
        if not value:
            return None
        if value not in {"1", "2", "3", "4", "5"}:
            raise ValueError(_("Chọn (hoặc gõ) một số từ 1 đến 5."))
        return (int(value), [], "")
    if question.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
        values = raw if isinstance(raw, (list, tuple)) else str(raw or "").replace(",", " ").split()
        picked = []
        for value in values:
            value = str(value).strip()
            if not value:
                continue
            choice = whole_number(value, minimum=1, maximum=len(question.choices))
            if choice is None:
                raise ValueError(_("Lựa chọn phải là số từ 1 đến %(n)s.") % {"n": len(question.choices)})
            if choice not in picked:
                picked.append(choice)
        if not picked:
            return None
        if question.kind == QuestionKind.SINGLE and len(picked) > 1:
            raise ValueError(_("Câu hỏi này chỉ chọn một."))
        return (None, sorted(picked), "")
    text = str(raw or "").strip()[:2000]
    return (None, [], text) if text else None


def record_response(campaign, raw_answers, *, channel, client_id=None, paper_number="", user=None):
    """Check every answer, then store the response in one transaction. ``raw_answers``: {question id: value}.

    A response with the same client id (a double click, a re-sent form) or the same paper number is stored once:
    the second call raises SurveyError naming the duplicate."""
    questions = list(campaign.questions.all())
    errors, cleaned = {}, {}
    for question in questions:
        try:
            value = _clean_answer(question, raw_answers.get(question.pk))
        except ValueError as exc:
            errors[question.pk] = str(exc)
            continue
        if value is None:
            if question.required:
                errors[question.pk] = _("Câu hỏi này cần trả lời.")
            continue
        cleaned[question.pk] = value
    paper_number = (paper_number or "").strip()
    if channel == ResponseChannel.PAPER and not paper_number:
        errors["paper_number"] = _("Nhập số phiếu giấy (để không nhập trùng một phiếu hai lần).")
    if not cleaned and not errors:
        errors["form"] = _("Phiếu chưa có câu trả lời nào.")
    if errors:
        raise SurveyError(errors)
    # A citizen's answers are their own record; an officer's paper entry is logged (it names who typed it).
    audit_off = disable_auditlog() if channel == ResponseChannel.ONLINE else nullcontext()
    try:
        with audit_off, transaction.atomic():
            response = SurveyResponse.objects.create(
                campaign=campaign, client_id=client_id or uuid.uuid4(), channel=channel, paper_number=paper_number,
                entered_by=user if user is not None and user.is_authenticated else None,
            )
            Answer.objects.bulk_create([
                Answer(response=response, question_id=qid, scale_value=scale, choice_values=choices, text=text)
                for qid, (scale, choices, text) in cleaned.items()
            ])
    except IntegrityError as exc:
        if paper_number and SurveyResponse.objects.filter(campaign=campaign, paper_number=paper_number).exists():
            raise SurveyError({"paper_number": _("Phiếu số %(n)s đã được nhập.") % {"n": paper_number}}) from exc
        raise SurveyError({"form": _("Phiếu này đã được gửi.")}) from exc
    return response


# --- Results --------------------------------------------------------------------------------------

def _mean(value):
    return None if value is None else Decimal(str(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@dataclass
class QuestionResult:
    question: Question
    count: int = 0
    mean: Decimal | None = None
    satisfied: int = 0
    distribution: list = field(default_factory=list)  # scale: counts for 1..5; choices: (label, count, share)
    texts: list = field(default_factory=list)

    @property
    def index(self):
        return percentage(self.satisfied, self.count)


class SatisfactionIndex:
    """The satisfaction index of a question, a dimension or a campaign: the share of its 1–5 answers that are 4
    (Hài lòng) or 5 (Rất hài lòng), and its change since the previous campaign (``previous_index``)."""

    @property
    def index(self):
        return percentage(self.satisfied, self.count)

    @property
    def change(self):
        if self.index is None or self.previous_index is None:
            return None
        return self.index - self.previous_index


@dataclass
class DimensionResult(SatisfactionIndex):
    name: str
    questions: list
    count: int = 0
    satisfied: int = 0
    mean: Decimal | None = None
    previous_index: Decimal | None = None


@dataclass
class CampaignResult(SatisfactionIndex):
    campaign: SurveyCampaign
    responses: int
    dimensions: list
    others: list  # questions outside any dimension (choices, free text)
    count: int
    satisfied: int
    previous: SurveyCampaign | None = None
    previous_index: Decimal | None = None


def _scale_stats(answers):
    return answers.filter(scale_value__isnull=False).aggregate(
        count=Count("pk"), satisfied=Count("pk", filter=Q(scale_value__gte=4)), mean=Avg("scale_value"))


def campaign_results(campaign, compare=True):
    questions = list(campaign.questions.select_related("dimension"))
    answers = Answer.objects.filter(response__campaign=campaign)
    per_question = {
        row["question"]: row for row in answers.filter(scale_value__isnull=False).order_by().values("question")
        .annotate(count=Count("pk"), satisfied=Count("pk", filter=Q(scale_value__gte=4)), mean=Avg("scale_value"))
    }
    distribution = {}
    for row in answers.filter(scale_value__isnull=False).order_by().values("question", "scale_value").annotate(
            n=Count("pk")):
        distribution.setdefault(row["question"], [0] * 5)[row["scale_value"] - 1] = row["n"]
    choice_answers, text_answers = {}, {}
    for qid, values, text in answers.filter(
            question__kind__in=[QuestionKind.SINGLE, QuestionKind.MULTIPLE, QuestionKind.TEXT]).values_list(
            "question", "choice_values", "text"):
        if text:
            text_answers.setdefault(qid, []).append(text)
        if values:
            choice_answers.setdefault(qid, []).append(values)
    results = {}
    for question in questions:
        result = QuestionResult(question)
        if question.kind == QuestionKind.SCALE:
            row = per_question.get(question.pk)
            if row:
                result.count, result.satisfied, result.mean = row["count"], row["satisfied"], _mean(row["mean"])
            result.distribution = distribution.get(question.pk, [0] * 5)
        elif question.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
            picked = choice_answers.get(question.pk, [])
            result.count = len(picked)
            counts = [0] * len(question.choices)
            for values in picked:
                for value in values:
                    if 1 <= value <= len(counts):
                        counts[value - 1] += 1
            result.distribution = [(label, n, percentage(n, result.count)) for label, n in zip(question.choices, counts,
                                                                                          strict=True)]
        else:
            result.texts = text_answers.get(question.pk, [])
            result.count = len(result.texts)
        results[question.pk] = result

    per_dimension = {
        row["question__dimension"]: row for row in answers.filter(scale_value__isnull=False).order_by()
        .values("question__dimension").annotate(count=Count("pk"), satisfied=Count("pk", filter=Q(scale_value__gte=4)),
                                                mean=Avg("scale_value"))
    }
    dimensions = []
    for dimension in campaign.dimensions.all():
        dim_questions = [results[q.pk] for q in questions if q.dimension_id == dimension.pk]
        stats = per_dimension.get(dimension.pk, {"count": 0, "satisfied": 0, "mean": None})
        dimensions.append(DimensionResult(dimension.name, dim_questions, stats["count"], stats["satisfied"],
                                          _mean(stats["mean"])))
    others = [results[q.pk] for q in questions if q.dimension_id is None]
    overall = _scale_stats(answers)
    result = CampaignResult(campaign, campaign.responses.count(), dimensions, others, overall["count"],
                            overall["satisfied"])
    if compare:
        previous = previous_campaign(campaign)
        if previous is not None:
            before = campaign_results(previous, compare=False)
            result.previous, result.previous_index = previous, before.index
            by_name = {d.name: d.index for d in before.dimensions}
            for dimension in result.dimensions:
                dimension.previous_index = by_name.get(dimension.name)
    return result


def previous_campaign(campaign):
    return (SurveyCampaign.objects.filter(ward=campaign.ward, ends_on__lt=campaign.starts_on)
            .order_by("-ends_on", "-pk").first())


def quarter_survey_index(ward, start, end):
    """Index of every 1–5 answer of the ward's campaigns that ended within the quarter (None without any)."""
    stats = _scale_stats(Answer.objects.filter(response__campaign__ward=ward, response__campaign__ends_on__gte=start,
                                               response__campaign__ends_on__lte=end))
    return percentage(stats["satisfied"], stats["count"])


# --- Chart and Excel ------------------------------------------------------------------------------

def dimension_chart_svg(dimension, width=640):
    """A bar per question: the share of 4–5 answers, with the mean score. Plain SVG, no script, no style attribute."""
    bar_left, row_height, top = 310, 34, 4
    bar_width = width - bar_left - 120
    rows = dimension.questions
    height = top + row_height * max(len(rows), 1) + 10
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {width} {height}" role="img" '
             f'aria-label="{escape(dimension.name)}">']
    for index, row in enumerate(rows):
        y = top + index * row_height
        text = row.question.text if len(row.question.text) <= 48 else row.question.text[:46] + "…"
        parts.append(f'<text x="0" y="{y + 18}">{escape(text)}<title>{escape(row.question.text)}</title></text>')
        parts.append(f'<rect class="axis" x="{bar_left}" y="{y + 4}" width="{bar_width}" height="20" fill="#f1f1f1"/>')
        share = row.index
        if share is not None:
            w = round(float(share) * bar_width / 100, 1)
            parts.append(f'<rect class="bar" x="{bar_left}" y="{y + 4}" width="{w}" height="20" fill="#2e7d32"/>')
            mean = f" · {number(row.mean, 2)}" if row.mean is not None else ""
            label = percent(share) + mean
            parts.append(f'<text x="{bar_left + bar_width + 4}" y="{y + 18}">{escape(label)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def export_results(campaign) -> bytes:
    from openpyxl.styles import Font

    result = campaign_results(campaign)
    workbook = new_workbook()
    sheet = workbook.active
    sheet.title = _("Theo yếu tố")
    append_row(sheet, [_("Đợt khảo sát"), campaign.title])
    append_row(sheet, [_("Thời gian"), f"{campaign.starts_on:%d/%m/%Y} – {campaign.ends_on:%d/%m/%Y}"])
    append_row(sheet, [_("Số phiếu"), result.responses])
    append_row(sheet, [_("Chỉ số hài lòng (%)"), float(result.index) if result.index is not None else None])
    if result.previous:
        append_row(sheet, [_("Đợt trước"), result.previous.title,
                           float(result.previous_index) if result.previous_index is not None else None])
    append_row(sheet, [])
    append_row(sheet, [_("Yếu tố"), _("Số câu trả lời"), _("Điểm trung bình"), _("Tỷ lệ hài lòng (%)"),
                       _("Đợt trước (%)")])
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    for dimension in result.dimensions:
        append_row(sheet, [dimension.name, dimension.count, float(dimension.mean) if dimension.mean else None,
                           float(dimension.index) if dimension.index is not None else None,
                           float(dimension.previous_index) if dimension.previous_index is not None else None])
    sheet.column_dimensions["A"].width = 50
    questions = workbook.create_sheet(_("Theo câu hỏi"))
    append_row(questions, [_("Yếu tố"), _("Câu hỏi"), _("Số câu trả lời"), _("Điểm trung bình"),
                           _("Tỷ lệ hài lòng (%)"), *[f"{n} – {label}" for n, label in enumerate(SCALE_LABELS, 1)]])
    for dimension in result.dimensions:
        for row in dimension.questions:
            append_row(questions, [dimension.name, row.question.text, row.count,
                                   float(row.mean) if row.mean is not None else None,
                                   float(row.index) if row.index is not None else None, *row.distribution])
    for row in result.others:
        if row.question.kind == QuestionKind.TEXT:
            continue
        append_row(questions, ["", row.question.text, row.count])
        for label, n, share in row.distribution:
            append_row(questions, ["", f"   {label}", n, None, float(share) if share is not None else None])
    questions.column_dimensions["B"].width = 70
    texts = workbook.create_sheet(_("Ý kiến"))
    append_row(texts, [_("Câu hỏi"), _("Ý kiến")])
    for row in result.others:
        for text in row.texts:
            append_row(texts, [row.question.text, text])
    texts.column_dimensions["B"].width = 90
    return workbook_bytes(workbook)
