"""Survey campaigns: results per dimension and question, campaign index, comparison, answers, export, chart."""

from datetime import date
from decimal import Decimal
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from satisfaction.models import QuestionKind, ResponseChannel, SurveyCampaign, SurveyResponse
from satisfaction.services import surveys as svc

pytestmark = pytest.mark.django_db


def campaign_for(ward, title="Khảo sát quý II/2024", starts=date(2024, 5, 1), ends=date(2024, 5, 31)):
    campaign = SurveyCampaign.objects.create(unit=ward.units["bcd-qcdc"], title=title, starts_on=starts, ends_on=ends)
    return svc.use_default_questionnaire(campaign)


def answer_all(campaign, scale_by_dimension, n=1, channel=ResponseChannel.ONLINE, extra=None):
    """Each response gives every question of a dimension the score listed for it."""
    for i in range(n):
        raw = {}
        for question in campaign.questions.select_related("dimension"):
            if question.kind == QuestionKind.SCALE:
                raw[question.pk] = str(scale_by_dimension[question.dimension.order])
        raw.update(extra or {})
        svc.record_response(campaign, raw, channel=channel,
                            paper_number=f"{i + 1}" if channel == ResponseChannel.PAPER else "")


def test_default_questionnaire_has_the_five_sipas_dimensions(ward_a):
    campaign = campaign_for(ward_a)
    assert [d.name for d in campaign.dimensions.all()] == list(svc.SIPAS_DIMENSIONS)
    assert campaign.questions.filter(kind=QuestionKind.SCALE).count() == 10
    assert campaign.questions.filter(kind=QuestionKind.MULTIPLE).count() == 1


def test_results_per_dimension_and_question_on_known_data(ward_a):
    campaign = campaign_for(ward_a)
    answer_all(campaign, {0: 5, 1: 4, 2: 2, 3: 4, 4: 3}, n=3)
    answer_all(campaign, {0: 5, 1: 2, 2: 4, 3: 4, 4: 1}, n=1)

    result = svc.campaign_results(campaign)

    assert result.responses == 4
    by_name = {d.name: d for d in result.dimensions}
    access = by_name["Tiếp cận dịch vụ"]
    assert (access.count, access.index, access.mean) == (8, Decimal("100.0"), Decimal("5.00"))
    procedures = by_name["Thủ tục hành chính"]
    assert (procedures.index, procedures.mean) == (Decimal("75.0"), Decimal("3.50"))
    cadres = by_name["Công chức giải quyết công việc"]
    assert cadres.index == Decimal("25.0")
    feedback = by_name["Tiếp nhận, xử lý góp ý, phản ánh, kiến nghị"]
    assert feedback.index == Decimal("0.0") and feedback.mean == Decimal("2.50")
    first_question = procedures.questions[0]
    assert first_question.distribution == [0, 1, 0, 3, 0] and first_question.index == Decimal("75.0")
    # 40 answers of 1–5, of which 4 or 5: 8 + 6 + 2 + 8 + 0 = 24 -> 60 %
    assert result.index == Decimal("60.0")


def test_comparison_with_the_previous_campaign(ward_a):
    before = campaign_for(ward_a, "Khảo sát quý I", date(2024, 2, 1), date(2024, 2, 28))
    answer_all(before, {0: 3, 1: 3, 2: 3, 3: 3, 4: 3}, n=2)
    now = campaign_for(ward_a)
    answer_all(now, {0: 5, 1: 5, 2: 3, 3: 3, 4: 3}, n=2)

    result = svc.campaign_results(now)

    assert result.previous == before and result.previous_index == Decimal("0.0")
    assert result.change == Decimal("40.0")
    assert result.dimensions[0].change == Decimal("100.0") and result.dimensions[2].change == Decimal("0.0")


def test_choice_and_text_answers_and_validation(ward_a):
    campaign = campaign_for(ward_a)
    multiple = campaign.questions.get(kind=QuestionKind.MULTIPLE)
    free = campaign.questions.get(kind=QuestionKind.TEXT)
    answer_all(campaign, {0: 4, 1: 4, 2: 4, 3: 4, 4: 4}, extra={multiple.pk: "1 3", free.pk: "Cần thêm ghế chờ."})

    with pytest.raises(svc.SurveyError) as refused:
        svc.record_response(campaign, {multiple.pk: "9"}, channel=ResponseChannel.ONLINE)
    result = svc.campaign_results(campaign)
    other = {r.question.pk: r for r in result.others}

    assert "từ 1 đến 5" in refused.value.errors[multiple.pk]
    assert any("cần trả lời" in e for e in refused.value.errors.values())
    assert other[multiple.pk].distribution[0][1] == 1 and other[multiple.pk].distribution[2][1] == 1
    assert other[free.pk].texts == ["Cần thêm ghế chờ."]


def test_a_paper_form_number_is_entered_once(ward_a):
    campaign = campaign_for(ward_a)
    answer_all(campaign, {0: 4, 1: 4, 2: 4, 3: 4, 4: 4}, channel=ResponseChannel.PAPER)
    with pytest.raises(svc.SurveyError) as refused:
        answer_all(campaign, {0: 4, 1: 4, 2: 4, 3: 4, 4: 4}, channel=ResponseChannel.PAPER)
    assert "đã được nhập" in refused.value.errors["paper_number"]
    assert SurveyResponse.objects.count() == 1


def test_quarter_survey_index_counts_campaigns_ending_in_the_quarter(ward_a):
    campaign = campaign_for(ward_a)
    answer_all(campaign, {0: 5, 1: 5, 2: 1, 3: 1, 4: 5}, n=1)
    assert svc.quarter_survey_index(ward_a.ward, date(2024, 4, 1), date(2024, 6, 30)) == Decimal("60.0")
    assert svc.quarter_survey_index(ward_a.ward, date(2024, 1, 1), date(2024, 3, 31)) is None


def test_excel_export_and_svg_chart(ward_a):
    campaign = campaign_for(ward_a)
    answer_all(campaign, {0: 5, 1: 4, 2: 2, 3: 4, 4: 3}, n=2)

    workbook = load_workbook(BytesIO(svc.export_results(campaign)))
    chart = svc.dimension_chart_svg(svc.campaign_results(campaign).dimensions[0])

    rows = list(workbook["Theo yếu tố"].iter_rows(values_only=True))
    assert ("Tiếp cận dịch vụ", 4, 5.0, 100.0, None) in rows
    assert chart.startswith("<svg") and "100,0%" in chart and "<script" not in chart and "style=" not in chart


def test_public_link_answers_once_and_officer_paper_entry(ward_a, client, client_for):
    campaign = campaign_for(ward_a)
    scale = list(campaign.questions.filter(kind=QuestionKind.SCALE))
    data = {f"q{q.pk}": "4" for q in scale}
    data["client_id"] = "0b5f2f0e-3e3a-4b58-9a3e-3b3c9d2a1f10"
    url = reverse("satisfaction:survey_public", args=[campaign.public_token])

    assert client.get(url).status_code == 200
    first = client.post(url, data)
    again = client.post(url, data)

    assert first.status_code == 200 and "cảm ơn" in first.content.decode()
    assert again.status_code == 200
    assert SurveyResponse.objects.filter(channel=ResponseChannel.ONLINE).count() == 1

    officer = client_for(ward_a.users["democracy"])
    paper = {f"q{q.pk}": "5" for q in scale}
    paper["paper_number"] = "17"
    entry = officer.post(reverse("satisfaction:paper_entry", args=[campaign.pk]), paper)
    assert entry.status_code == 302
    assert SurveyResponse.objects.get(paper_number="17").entered_by == ward_a.users["democracy"]
    outsider = client_for(ward_a.users["officer_mttq"])
    assert outsider.post(reverse("satisfaction:paper_entry", args=[campaign.pk]), paper).status_code == 404


def test_a_single_choice_question_is_answered_on_the_public_link_and_counted(ward_a, client, client_for):
    campaign = campaign_for(ward_a)
    officer = client_for(ward_a.users["democracy"])
    added = officer.post(reverse("satisfaction:questionnaire", args=[campaign.pk]), {
        "text": "Ông/bà đến phường lần thứ mấy cho hồ sơ này?", "kind": QuestionKind.SINGLE, "order": 50,
        "choices_text": "Lần đầu\nLần thứ hai\nTừ ba lần trở lên"})
    single = campaign.questions.get(kind=QuestionKind.SINGLE)
    scale = {f"q{q.pk}": "4" for q in campaign.questions.filter(kind=QuestionKind.SCALE)}
    url = reverse("satisfaction:survey_public", args=[campaign.public_token])

    form = client.get(url).content.decode()
    answers = [client.post(url, {**scale, f"q{single.pk}": choice}) for choice in ("1", "1", "3")]
    two = client.post(url, {**scale, f"q{single.pk}": ["1", "2"]})
    results = {r.question.pk: r for r in svc.campaign_results(campaign).others}
    page = officer.get(campaign.get_absolute_url()).content.decode()

    assert added.status_code == 302 and single.choices == ["Lần đầu", "Lần thứ hai", "Từ ba lần trở lên"]
    assert f'type="radio" name="q{single.pk}" value="3"> Từ ba lần trở lên' in form
    assert [a.status_code for a in answers] == [200, 200, 200]
    assert two.status_code == 400 and "chỉ chọn một" in two.content.decode()
    assert SurveyResponse.objects.filter(campaign=campaign).count() == 3
    assert results[single.pk].count == 3
    assert results[single.pk].distribution == [("Lần đầu", 2, Decimal("66.7")), ("Lần thứ hai", 0, Decimal("0.0")),
                                               ("Từ ba lần trở lên", 1, Decimal("33.3"))]
    assert "<td>Lần đầu</td><td>2</td><td>66,7%</td>" in page
