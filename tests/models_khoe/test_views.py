"""The movement's pages as users see them: scope, the registration form's refusals, the appraisal, scoring, the
ranking, blocs and rubrics, the recognition round and the certificate."""

import shutil
import subprocess
from decimal import Decimal

import pytest
from django.urls import reverse

from core.numbers import number as plain_number
from meetings.models import Meeting
from models_khoe import services
from models_khoe.models import Criterion, MobilizationModel, RecognitionRound, Status
from tests.support.models_khoe import YEAR, full_points, registration


def form_data(unit, bloc, indicators=1, **extra):
    data = registration(unit, bloc, **extra)
    post = {name: (value.pk if hasattr(value, "pk") else value) for name, value in data.items()}
    for name in ("starts_on", "evaluation_on"):
        post[name] = data[name].strftime("%d/%m/%Y")
    post.update({"ct-TOTAL_FORMS": "3", "ct-INITIAL_FORMS": "0", "ct-MIN_NUM_FORMS": "1", "ct-MAX_NUM_FORMS": "20"})
    # As a browser sends them: the blank rows keep their select's first choice.
    post.update({f"ct-{index}-direction": "increase" for index in range(3)})
    for index in range(indicators):
        post.update({f"ct-{index}-name": f"Số hộ bàn giao mặt bằng đợt {index + 1}",
                     f"ct-{index}-unit_of_measure": "hộ",
                     f"ct-{index}-baseline": "0", f"ct-{index}-target": "12", f"ct-{index}-direction": "increase",
                     f"ct-{index}-method": "Đếm biên bản bàn giao."})
    return post


def text(response):
    return response.content.decode()


def test_the_list_shows_the_wards_models_and_another_ward_gets_404(client_for, register, ward_a, ward_b):
    model = register()
    response = client_for(ward_a.users["officer_mttq"]).get(reverse("models_khoe:model_list"))
    assert response.status_code == 200
    assert model.name in text(response)
    other = client_for(ward_b.users["bloc"])
    assert model.name not in text(other.get(reverse("models_khoe:model_list")))
    assert other.get(model.get_absolute_url()).status_code == 404
    assert other.get(reverse("models_khoe:certificate", args=[model.pk])).status_code == 404


def test_an_officer_registers_through_the_form(client_for, ward_a, blocs_a):
    client = client_for(ward_a.users["officer_ubnd"])
    assert client.get(reverse("models_khoe:model_add")).status_code == 200

    response = client.post(reverse("models_khoe:model_add"), form_data(ward_a.unit("ubnd"), blocs_a[1]))

    model = MobilizationModel.objects.get()
    assert response.status_code == 302
    assert response["Location"] == model.get_absolute_url()
    assert model.indicators.count() == 1
    assert model.status == Status.REGISTERED


def test_the_form_refuses_a_registration_without_an_indicator(client_for, ward_a, blocs_a):
    response = client_for(ward_a.users["officer_ubnd"]).post(
        reverse("models_khoe:model_add"), form_data(ward_a.unit("ubnd"), blocs_a[1], indicators=0))
    assert response.status_code == 400
    assert "Đăng ký chưa có chỉ tiêu đo lường được" in text(response)
    assert not MobilizationModel.objects.exists()


def test_the_form_refuses_a_repeated_name_next_to_the_name(client_for, register, ward_a, blocs_a):
    model = register()
    response = client_for(ward_a.users["officer_ubnd"]).post(
        reverse("models_khoe:model_add"), form_data(ward_a.unit("ubnd"), blocs_a[1], name=model.name.upper()))
    assert response.status_code == 400
    assert "trùng với một mô hình, điển hình UBND phường đã đăng ký năm 2024" in text(response)


def test_an_officer_cannot_register_for_another_unit_through_the_form(client_for, ward_a, blocs_a):
    response = client_for(ward_a.users["officer_ubnd"]).post(
        reverse("models_khoe:model_add"), form_data(ward_a.unit("mttq"), blocs_a[1]))
    assert response.status_code == 400
    assert not MobilizationModel.objects.exists()


def test_the_bloc_returns_then_the_officer_revises_then_the_bloc_approves(client_for, register, ward_a, plan_a):
    model = register()
    bloc, officer = client_for(ward_a.users["bloc"]), client_for(ward_a.users["officer_ubnd"])
    appraise = reverse("models_khoe:appraise", args=[model.pk])

    assert "Thẩm định đăng ký" in text(bloc.get(model.get_absolute_url()))
    assert "Thẩm định đăng ký" not in text(officer.get(model.get_absolute_url()))
    response = bloc.post(appraise, {"decision": "return", "comments": ""})
    assert response.status_code == 400
    assert "Khi trả lại cần ghi ý kiến" in text(response)
    bloc.post(appraise, {"decision": "return", "comments": "Ghi rõ cách đo số hộ."})
    page = text(officer.get(model.get_absolute_url()))
    assert "Ghi rõ cách đo số hộ." in page
    assert reverse("models_khoe:model_edit", args=[model.pk]) in page

    edit = officer.get(reverse("models_khoe:model_edit", args=[model.pk]))
    assert edit.status_code == 200
    assert 'value="Số hộ bàn giao mặt bằng"' in text(edit)
    data = form_data(model.unit, model.bloc, name=model.name, objectives="12/12 hộ trước 30/9.")
    response = officer.post(reverse("models_khoe:model_edit", args=[model.pk]), data)
    assert response.status_code == 302
    versions = text(officer.get(reverse("models_khoe:model_versions", args=[model.pk])))
    assert "Lần gửi 2" in versions
    assert "mục tiêu và tiêu chí đánh giá" in versions.lower()

    assert officer.post(appraise, {"decision": "approve"}).status_code == 403
    assert bloc.post(appraise, {"decision": "approve", "comments": "Đồng ý."}).status_code == 302
    model.refresh_from_db()
    assert model.status == Status.APPROVED
    assert officer.get(reverse("models_khoe:model_edit", args=[model.pk])).status_code == 403


def test_progress_is_entered_from_the_models_page(client_for, approved, ward_a):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.support.browser import small_png

    model = approved()
    client = client_for(ward_a.users["officer_ubnd"])
    indicator = model.indicators.get()

    response = client.post(reverse("models_khoe:value_add", args=[model.pk]),
                           {"indicator": indicator.pk, "measured_on": "30/06/2024", "value": "7"})
    assert response.status_code == 302
    client.post(reverse("models_khoe:activity_add", args=[model.pk]), {
        "held_on": "10/05/2024", "title": "Đối thoại với các hộ", "participants": "30",
        "evidence": [SimpleUploadedFile("anh.png", small_png(), content_type="image/png")]})
    client.post(reverse("models_khoe:publicity_add", args=[model.pk]),
                {"channel": "zalo", "published_on": "12/05/2024", "title": "Nhóm Zalo TDP 2", "reach": "150"})
    bad = client.post(reverse("models_khoe:value_add", args=[model.pk]),
                      {"indicator": indicator.pk, "measured_on": "01/12/2024", "value": "9"})

    assert bad.status_code == 400
    assert "Ngày không được sau hôm nay." in text(bad)
    page = text(client.get(model.get_absolute_url()))
    assert "Đối thoại với các hộ" in page
    assert "Nhóm Zalo TDP 2" in page
    assert "58%" in page
    model.refresh_from_db()
    assert model.status == Status.IN_PROGRESS
    other = client_for(ward_a.users["officer_mttq"])
    assert other.post(reverse("models_khoe:value_add", args=[model.pk]),
                      {"indicator": indicator.pk, "measured_on": "30/06/2024", "value": "8"}).status_code == 403


def test_an_evaluator_scores_from_the_todo_list(client_for, approved, ward_a, evaluators_a):
    model = approved()
    services.start(ward_a.users["officer_ubnd"], model)
    client = client_for(evaluators_a[2])
    todo = text(client.get(reverse("models_khoe:todo")))
    assert model.name in todo
    score_url = reverse("models_khoe:score", args=[model.pk])
    page = client.get(score_url)
    assert page.status_code == 200
    data = {f"criterion_{pk}": str(points) for pk, points in full_points(model.bloc, Decimal("0.8")).items()}
    data["note"] = "Cần thêm ảnh minh chứng"

    response = client.post(score_url, data)

    assert response.status_code == 302
    after = text(client.get(reverse("models_khoe:todo")))
    assert "Không còn mô hình nào cần chấm." in after  # the model moved to what they scored
    assert "80,0" in after
    assert "Cần thêm ảnh minh chứng" in text(client.get(model.get_absolute_url()))
    assert "Cần thêm ảnh minh chứng" not in text(client_for(ward_a.users["bloc"]).get(model.get_absolute_url()))
    assert client_for(ward_a.users["officer_mttq"]).get(score_url).status_code == 403


def test_a_score_above_the_maximum_is_refused_on_the_sheet(client_for, approved, ward_a, evaluators_a):
    model = approved()
    services.start(ward_a.users["officer_ubnd"], model)
    criterion = model.bloc.criteria.order_by("order").first()
    data = {f"criterion_{pk}": str(points) for pk, points in full_points(model.bloc).items()}
    data[f"criterion_{criterion.pk}"] = str(criterion.max_points + 5)
    response = client_for(evaluators_a[0]).post(reverse("models_khoe:score", args=[model.pk]), data)
    assert response.status_code == 400
    assert f"Tối đa {plain_number(criterion.max_points)} điểm." in text(response)


def test_the_ranking_page_shows_ranks_per_bloc_and_field(client_for, evaluated, ward_a):
    first = evaluated(name="Mô hình điểm cao", share=Decimal("0.9"))
    second = evaluated(name="Mô hình điểm thấp", share=Decimal("0.7"))
    page = text(client_for(ward_a.users["officer_mttq"]).get(reverse("models_khoe:ranking") + f"?nam={YEAR}"))
    assert page.index(first.name) < page.index(second.name)
    assert "90,00" in page and "70,00" in page
    assert "Khối chính quyền và lực lượng vũ trang · Kinh tế" in page


def test_the_bloc_recognises_from_the_models_page_and_the_certificate_downloads(client_for, evaluated, ward_a):
    model = evaluated(name="Dân vận khéo: “Ngõ sáng, nhà an” ở tổ dân phố số 2")
    client = client_for(ward_a.users["bloc"])
    assert client_for(ward_a.users["officer_ubnd"]).post(reverse("models_khoe:recognise", args=[model.pk]), {
        "achievement": "x"}).status_code == 403

    response = client.post(reverse("models_khoe:recognise", args=[model.pk]),
                           {"achievement": "12/12 hộ bàn giao mặt bằng đúng hạn.", "proposed_to_city": "on"})

    assert response.status_code == 302
    pdf = client_for(ward_a.users["officer_ubnd"]).get(reverse("models_khoe:certificate", args=[model.pk]))
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf_text(b"".join(pdf.streaming_content) if pdf.streaming else pdf.content).count(model.name) == 1


def pdf_text(content):
    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext is missing: apt-get install -y poppler-utils")
    result = subprocess.run(["pdftotext", "-layout", "-", "-"], input=content, capture_output=True, check=True)
    return " ".join(result.stdout.decode("utf-8").split())


def test_the_certificate_text_keeps_every_diacritic(evaluated, ward_a):
    import unicodedata

    from models_khoe.pdf import render_certificate

    name = "Vận động hội viên “Phụ nữ tự tin, khởi nghiệp” ở Tổ dân phố số 4"
    model = evaluated(name=unicodedata.normalize("NFD", name), kind="individual", responsible_name="Nguyễn Thị Hằng")
    recognition = services.recognise(ward_a.users["bloc"], model, achievement="Tốt.")

    content = pdf_text(render_certificate(recognition))

    assert unicodedata.normalize("NFC", name) in content
    assert "GIẤY CHỨNG NHẬN" in content
    assert "Điển hình “Dân vận khéo” tiêu biểu năm 2024" in content
    assert "của đồng chí Nguyễn Thị Hằng" in content
    assert "ĐẢNG ỦY PHƯỜNG AN HÒA" in content
    assert "Số 01-GCN/ĐU" in content


def test_the_round_page_saves_the_ceremony_as_a_meeting_and_the_proposal(client_for, evaluated, ward_a):
    model = evaluated()
    recognition = services.recognise(ward_a.users["bloc"], model, achievement="12/12 hộ bàn giao.")
    client = client_for(ward_a.users["bloc"])
    url = reverse("models_khoe:round_detail", args=[YEAR])
    assert client.get(reverse("models_khoe:round_latest"))["Location"] == url

    edit_url = reverse("models_khoe:round_edit", args=[YEAR])
    proposal_url = reverse("models_khoe:round_proposal_edit", args=[YEAR])
    bad = client.post(edit_url, {"decided_on": "02/11/2024"})
    assert bad.status_code == 400
    assert "tháng 10/2024" in text(bad)
    client.post(edit_url, {"decision_number": "125-QĐ/ĐU", "decided_on": "14/10/2024",
                           "ceremony_on": "15/10/2024", "ceremony_place": "Hội trường Đảng ủy phường"})
    client.post(proposal_url, {"proposed": [str(recognition.pk)]})

    round_ = RecognitionRound.objects.get()
    assert round_.decision_number == "125-QĐ/ĐU"
    assert Meeting.objects.get(pk=round_.ceremony_id).place == "Hội trường Đảng ủy phường"
    recognition.refresh_from_db()
    assert recognition.proposed_to_city
    page = text(client_for(ward_a.users["officer_mttq"]).get(url))
    assert model.name in page
    assert client_for(ward_a.users["officer_mttq"]).post(proposal_url).status_code == 403
    proposal = client.get(reverse("models_khoe:round_proposal", args=[YEAR]))
    assert "TỜ TRÌNH" in pdf_text(proposal.content)
    assert model.name.split()[0] in pdf_text(proposal.content)


def test_the_bloc_edits_the_rubric_until_scoring_starts(client_for, approved, ward_a, blocs_a, evaluators_a):
    bloc = blocs_a[1]
    client = client_for(ward_a.users["bloc"])
    criteria = list(bloc.criteria.order_by("order", "pk"))
    url = reverse("models_khoe:bloc_criteria", args=[bloc.pk])
    data = {"tc-TOTAL_FORMS": str(len(criteria) + 1), "tc-INITIAL_FORMS": str(len(criteria)),
            "tc-MIN_NUM_FORMS": "0", "tc-MAX_NUM_FORMS": "1000"}
    for index, criterion in enumerate(criteria):
        data.update({f"tc-{index}-id": criterion.pk, f"tc-{index}-order": criterion.order,
                     f"tc-{index}-name": criterion.name, f"tc-{index}-max_points": "10",
                     f"tc-{index}-guidance": "", f"tc-{index}-is_active": "on"})
    data.update({f"tc-{len(criteria)}-order": "9", f"tc-{len(criteria)}-name": "Ứng dụng chuyển đổi số",
                 f"tc-{len(criteria)}-max_points": "50", f"tc-{len(criteria)}-is_active": "on"})

    assert client_for(ward_a.users["officer_ubnd"]).post(url, data).status_code == 404
    assert client.post(url, data).status_code == 302

    assert services.max_total(bloc) == Decimal("100")
    assert Criterion.objects.filter(bloc=bloc, name="Ứng dụng chuyển đổi số").exists()
    model = approved()
    services.start(ward_a.users["officer_ubnd"], model)
    services.record_score(evaluators_a[0], model, full_points(bloc))
    client.post(url, {**data, f"tc-{len(criteria)}-max_points": "10"})
    assert services.max_total(bloc) == Decimal("100")


def test_the_bloc_assigns_evaluators_from_the_bloc_page(client_for, ward_a, blocs_a):
    bloc = blocs_a[0]
    client = client_for(ward_a.users["bloc"])
    assign_url = reverse("models_khoe:evaluator_assign", args=[bloc.pk])
    response = client.post(assign_url, {"nc-year": str(YEAR), "nc-evaluator": ward_a.users["standing"].pk})
    assert response.status_code == 302
    assert bloc.evaluator_assignments.filter(evaluator=ward_a.users["standing"]).exists()
    page = text(client_for(ward_a.users["officer_ubnd"]).get(bloc.get_absolute_url()))
    assert str(ward_a.users["standing"]) in page
    assert assign_url not in page


def test_replication_is_recorded_by_the_adopting_residential_group(client_for, evaluated, ward_a):
    model = evaluated()
    services.recognise(ward_a.users["bloc"], model, achievement="Tốt.")
    client = client_for(ward_a.users["group_leader"])
    response = client.post(reverse("models_khoe:replication_add", args=[model.pk]), {
        "adopting_unit": ward_a.unit("tdp-1").pk, "started_on": "01/09/2024",
        "results": "Áp dụng cho ngõ 5 với 6 hộ.", "beneficiaries": "6"})
    assert response.status_code == 302
    model.refresh_from_db()
    assert model.status == Status.REPLICATED
    assert "Áp dụng cho ngõ 5 với 6 hộ." in text(client.get(model.get_absolute_url()))


def test_a_change_to_a_model_is_recorded_and_shown_in_its_change_history(client_for, register, ward_a):
    from auditlog.models import LogEntry

    officer = ward_a.users["officer_ubnd"]
    model = register(name="Dân vận khéo ở tổ dân phố số 2")
    client = client_for(officer)
    data = form_data(model.unit, model.bloc, name="Dân vận khéo trong bàn giao mặt bằng tổ dân phố số 2")

    response = client.post(reverse("models_khoe:model_edit", args=[model.pk]), data)

    assert response.status_code == 302
    entry = LogEntry.objects.get_for_object(model).filter(action=LogEntry.Action.UPDATE).latest("timestamp")
    assert entry.actor == officer
    assert entry.changes_dict["name"] == ["Dân vận khéo ở tổ dân phố số 2",
                                          "Dân vận khéo trong bàn giao mặt bằng tổ dân phố số 2"]
    page = text(client_for(ward_a.users["bloc"]).get(model.get_absolute_url()))
    history = page[page.index("Lịch sử thay đổi"):]
    assert "Dân vận khéo ở tổ dân phố số 2 → Dân vận khéo trong bàn giao mặt bằng tổ dân phố số 2" in history
    assert str(officer) in history


def test_the_yearly_pages_open_on_the_current_year_and_offer_the_years_with_models(client_for, evaluated, ward_a,
                                                                                    set_today):
    from datetime import date

    evaluated(name="Mô hình của năm trước")
    set_today(date(YEAR + 2, 12, 3))
    client = client_for(ward_a.users["bloc"])

    ranking = client.get(reverse("models_khoe:ranking"))
    recognition = client.get(reverse("models_khoe:round_latest"))

    assert ranking.context["year"] == YEAR + 2
    assert list(ranking.context["years"]) == [YEAR + 2, YEAR]
    assert "Mô hình của năm trước" not in text(ranking)
    assert "Mô hình của năm trước" in text(client.get(reverse("models_khoe:ranking"), {"nam": YEAR}))
    assert recognition.status_code == 302
    assert recognition["Location"] == reverse("models_khoe:round_detail", args=[YEAR + 2])


def test_the_certificate_names_the_holders_unit_once_under_the_party_header(evaluated, ward_a):
    from models_khoe.pdf import render_certificate

    unit = ward_a.unit("ubnd")
    model = evaluated(kind="individual", responsible_name="Nguyễn Thị Hằng", responsible_position=f"Cán bộ {unit.name}")
    recognition = services.recognise(ward_a.users["bloc"], model, achievement="Tốt.")

    content = " ".join(pdf_text(render_certificate(recognition)).split())

    assert content.count(unit.name) == 1
    assert "ĐẢNG BỘ THÀNH PHỐ THỬ NGHIỆM" in content
    assert "Số 01-GCN/ĐU" in content


def test_a_certificate_keeps_the_header_and_signer_of_its_recognition(evaluated, ward_a):
    """A new Secretary after a congress changes the ward's document settings; the certificates already issued
    still carry the signer who signed them."""
    from models_khoe.pdf import render_certificate
    from organisations.models import DocumentSettings

    DocumentSettings.objects.update_or_create(ward=ward_a.ward, defaults={"signer_name": "Nguyễn Văn Thành"})
    recognition = services.recognise(ward_a.users["bloc"], evaluated(), achievement="Tốt.")
    DocumentSettings.objects.filter(ward=ward_a.ward).update(signer_name="Lê Thị Mai")

    content = pdf_text(render_certificate(recognition))

    assert "Nguyễn Văn Thành" in content and "Lê Thị Mai" not in content
