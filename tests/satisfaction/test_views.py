"""Pages of the criteria and the assessment as each role uses them."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from satisfaction.models import Assessment, AssessmentStatus, CriteriaSet, ServiceDesk
from satisfaction.services import criteria as svc
from tests.support.satisfaction import GOOD_ROWS, workbook_bytes

pytestmark = pytest.mark.django_db


def test_bloc_imports_a_set_and_sees_errors_of_a_bad_file(ward_a, client_for):
    client = client_for(ward_a.users["bloc"])
    url = reverse("satisfaction:criteria_set_list")
    meta = {"name": "Bộ tiêu chí tỉnh", "decision_number": "12/QĐ-UBND", "decision_date": "01/03/2024",
            "issuer": "UBND tỉnh"}

    bad = client.post(url, {**meta, "file": SimpleUploadedFile("x.xlsx", b"khong phai excel")})
    good = client.post(url, {**meta, "file": workbook_bytes(GOOD_ROWS)})

    assert bad.status_code == 400 and "không phải bảng tính Excel" in bad.content.decode()
    assert good.status_code == 302
    assert CriteriaSet.objects.get().decision_number == "12/QĐ-UBND"
    example = reverse("satisfaction:criteria_example")
    assert client_for(ward_a.users["officer_ubnd"]).post(example).status_code == 404


def test_example_set_page_is_marked_as_example(ward_a, client_for):
    client = client_for(ward_a.users["bloc"])
    response = client.post(reverse("satisfaction:criteria_example"))
    page = client.get(response["Location"]).content.decode()
    assert "BỘ TIÊU CHÍ MẪU" in page and "15" in page and "50" in page


def test_assessment_journey_through_the_pages(ward_a, plan_a, client_for):
    criteria_set = svc.ensure_example_set(ward_a.ward)
    unit_client = client_for(ward_a.users["officer_ubnd"])
    bloc_client = client_for(ward_a.users["bloc"])
    created = unit_client.post(reverse("satisfaction:assessment_add"), {
        "criteria_set": criteria_set.pk, "unit": ward_a.units["ubnd"].pk, "year": 2024, "quarter": 2})
    assert created.status_code == 302, created.content.decode()[:2000]
    assessment = Assessment.objects.get()
    scores = list(assessment.scores.select_related("criterion"))

    def url(step):
        return reverse(f"satisfaction:assessment_{step}", args=[assessment.pk])

    data = {"submit": "1"}
    for score in scores:
        data[f"score_{score.pk}"] = "9" if score.criterion.code == "4.2" else str(score.criterion.max_points)
        data[f"comment_{score.pk}"] = "Đã thực hiện"

    too_high = unit_client.post(url("score"), {f"score_{scores[0].pk}": "99"})
    submitted = unit_client.post(url("score"), data)
    review = {"complete": "1"}
    for score in scores:
        review[f"review_{score.pk}"] = "accepted"
    reviewed = bloc_client.post(url("review"), review)
    replied = unit_client.post(url("reply"), {"reply": "Thống nhất."})
    gap_score = assessment.scores.get(criterion__code="4.2")
    gap = bloc_client.post(url("gap"), {"score": gap_score.pk})
    final = bloc_client.post(url("finalise"))
    after = unit_client.post(url("score"), data)

    assert too_high.status_code == 400 and "từ 0 đến 5" in too_high.content.decode()
    assert [r.status_code for r in (submitted, reviewed, replied, gap, final)] == [302] * 5
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.FINAL and assessment.total == Decimal("99") and assessment.stars == 4
    assert after.status_code == 400 and "đã chốt" in after.content.decode()
    history = bloc_client.get(reverse("satisfaction:assessment_list")).content.decode()
    assert "Quý 2/2024" in history and "99" in history
    assert client_for(ward_a.users["bloc"]).get(criteria_set.get_absolute_url()).status_code == 200


READ_PAGES = ["results", "desk_list", "action_list", "settings", "campaign_list", "criteria_set_list",
              "assessment_list"]
ADD_PAGES = ["desk_add", "campaign_add", "assessment_add"]
# Every role of the ward reads the area; the Standing Committee and a city viewer only read (no add forms);
# a city viewer has no ward, so no ward settings.
EXPECTED = {
    "bloc": dict.fromkeys(READ_PAGES + ADD_PAGES, 200),
    "officer_ubnd": dict.fromkeys(READ_PAGES + ADD_PAGES, 200),
    "democracy": dict.fromkeys(READ_PAGES + ADD_PAGES, 200),
    "group_leader": dict.fromkeys(READ_PAGES + ADD_PAGES, 200),
    "standing": {**dict.fromkeys(READ_PAGES, 200), **dict.fromkeys(ADD_PAGES, 403)},
    "city_viewer": {**dict.fromkeys(READ_PAGES, 200), "settings": 404, **dict.fromkeys(ADD_PAGES, 403)},
}


@pytest.mark.parametrize("role", list(EXPECTED))
def test_pages_answer_for_each_role_and_stay_in_the_ward(ward_a, ward_b, city_viewer, client_for, role):
    desk = ServiceDesk.objects.create(unit=ward_a.units["ubnd"], name="Quầy 1")
    user = city_viewer if role == "city_viewer" else ward_a.users[role]
    client = client_for(user)

    answers = {name: client.get(reverse(f"satisfaction:{name}")).status_code for name in READ_PAGES + ADD_PAGES}

    assert answers == EXPECTED[role]
    assert client_for(ward_b.users["bloc"]).get(desk.get_absolute_url()).status_code == 404


def test_filters_offer_only_the_wards_own_units_and_desks(ward_a, ward_b, client_for):
    ServiceDesk.objects.create(unit=ward_a.units["ubnd"], name="Quầy An Hòa")
    ServiceDesk.objects.create(unit=ward_b.units["ubnd"], name="Quầy Bình Minh")
    client = client_for(ward_a.users["bloc"])

    campaigns = client.get(reverse("satisfaction:campaign_list")).content.decode()
    actions = client.get(reverse("satisfaction:action_list")).content.decode()

    assert f'<option value="{ward_a.units["mttq"].pk}">' in campaigns
    assert f'<option value="{ward_b.units["mttq"].pk}">' not in campaigns
    assert "Quầy An Hòa" in actions and "Quầy Bình Minh" not in actions


def test_assessment_list_is_paginated_and_filtered(ward_a, client_for):
    criteria_set = svc.ensure_example_set(ward_a.ward)
    for index in range(27):
        svc.start_assessment(ward_a.units["ubnd"], criteria_set, 2000 + index // 4, index % 4 + 1)
    client = client_for(ward_a.users["bloc"])
    url = reverse("satisfaction:assessment_list")

    first = client.get(url)
    second = client.get(url, {"page": 2})
    year = client.get(url, {"year": 2003})

    assert len(first.context["rows"]) == 25 and "Trang 1/2 · 27 mục" in first.content.decode()
    assert [(a.year, a.quarter) for a, _t, _s in second.context["rows"]] == [(2000, 2), (2000, 1)]
    assert [(a.year, a.quarter) for a, _t, _s in year.context["rows"]] == [(2003, 4), (2003, 3), (2003, 2),
                                                                          (2003, 1)]


def test_a_refused_import_shows_the_list_of_sets_again(ward_a, client_for):
    svc.ensure_example_set(ward_a.ward)
    client = client_for(ward_a.users["bloc"])

    refused = client.post(reverse("satisfaction:criteria_set_list"), {"name": "Bộ tỉnh",
                                                                       "decision_number": "9/QĐ"})

    assert refused.status_code == 400
    assert "Bộ tiêu chí MẪU" in refused.content.decode() and CriteriaSet.objects.count() == 1


IMPORT_META = {"name": "Bộ tiêu chí tỉnh", "decision_number": "12/QĐ-UBND", "decision_date": "01/03/2024",
               "issuer": "UBND tỉnh"}


def test_the_criteria_import_refuses_a_decompression_bomb(ward_a, client_for):
    from tests.support.upload_bombs import MB, xlsx_bomb

    response = client_for(ward_a.users["bloc"]).post(
        reverse("satisfaction:criteria_set_list"),
        {**IMPORT_META, "file": SimpleUploadedFile("bo-tieu-chi.xlsx", xlsx_bomb(100 * MB))})

    assert response.status_code == 400
    assert "Tệp “bo-tieu-chi.xlsx” bị từ chối: nội dung giải nén quá lớn" in response.content.decode()
    assert not CriteriaSet.objects.exists()


def test_the_criteria_import_has_the_portals_one_size_limit(ward_a, client_for):
    """It read a 30 MB file while every other upload stops at 10 MB (DANVAN_UPLOAD_MAX_BYTES)."""
    content = workbook_bytes(GOOD_ROWS).read()
    too_large = content + b"\0" * (10 * 1024 * 1024 + 1 - len(content))

    response = client_for(ward_a.users["bloc"]).post(
        reverse("satisfaction:criteria_set_list"),
        {**IMPORT_META, "file": SimpleUploadedFile("bo-tieu-chi.xlsx", too_large)})

    assert response.status_code == 400
    assert "Tệp “bo-tieu-chi.xlsx” dung lượng 10,0\xa0MB, vượt quá giới hạn 10,0\xa0MB." in response.content.decode()
    assert not CriteriaSet.objects.exists()
