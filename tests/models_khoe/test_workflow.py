"""Each transition of a model's path, who may make it, and the refusals with their Vietnamese reasons."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from core.models import Notification
from core.numbers import number as plain_number
from models_khoe import services
from models_khoe.models import Appraisal, Decision, MobilizationModel, RegistrationVersion, Status
from organisations.demo import ensure_user
from organisations.models import Role
from plans.models import AreaKind, ProgressUpdate
from tests.support.accounts import PASSWORD
from tests.support.models_khoe import YEAR, full_points, indicator, registration


def messages_of(error):
    return " ".join(error.value.messages)


# --- Registration ---------------------------------------------------------------------------------------

def test_officer_registers_a_model_of_their_unit(register, ward_a):
    # Act
    model = register()

    # Assert
    assert model.status == Status.REGISTERED
    assert model.version == 1
    assert model.ward == ward_a.ward
    assert model.indicators.count() == 1
    version = RegistrationVersion.objects.get(model=model)
    assert version.number == 1
    values = {row["name"]: row["value"] for row in version.content["fields"]}
    assert values["name"] == model.name
    assert values["starts_on"] == "01/03/2024"
    assert version.content["indicators"][0]["target"] == "12"
    assert Notification.objects.filter(recipient=ward_a.users["bloc"], title__contains="chờ thẩm định").exists()


def test_an_individual_exemplar_is_registered_by_a_person_of_the_unit(register, ward_a):
    model = register(kind="individual", responsible_name="Nguyễn Thị Hằng", responsible_position="Tổ trưởng",
                     name="Người tổ trưởng gần dân")
    assert model.get_kind_display() == "Điển hình (cá nhân)"


def test_a_registration_without_a_measurable_indicator_is_refused(register):
    with pytest.raises(ValidationError) as error:
        register(indicators=[])
    assert "chưa có chỉ tiêu đo lường được" in messages_of(error)
    assert not MobilizationModel.objects.exists()


def test_an_indicator_without_a_target_or_method_is_refused(register):
    with pytest.raises(ValidationError) as error:
        register(indicators=[indicator(method="", unit_of_measure="")])
    assert "Chỉ tiêu 1 còn thiếu: đơn vị tính, cách đo." in messages_of(error)


def test_an_indicator_whose_target_equals_its_baseline_is_refused(register):
    with pytest.raises(ValidationError) as error:
        register(indicators=[indicator(baseline="5", target="5")])
    assert "chỉ tiêu phấn đấu phải khác giá trị ban đầu" in messages_of(error)


def test_a_name_repeating_another_of_the_same_year_and_unit_is_refused(register):
    register(name="Dân vận khéo trong thu gom rác thải")
    with pytest.raises(ValidationError) as error:
        register(name="  dân vận KHÉO trong   thu gom rác thải ")
    assert "trùng với một mô hình, điển hình UBND phường đã đăng ký năm 2024" in messages_of(error)
    assert MobilizationModel.objects.count() == 1


def test_the_same_name_is_accepted_for_another_year_or_another_unit(register, ward_a):
    register(name="Dân vận khéo trong thu gom rác thải")
    register(name="Dân vận khéo trong thu gom rác thải", year=YEAR + 1)
    register(name="Dân vận khéo trong thu gom rác thải", user=ward_a.users["officer_mttq"], unit=ward_a.unit("mttq"))
    assert MobilizationModel.objects.count() == 3


@pytest.mark.parametrize("who", ["officer_mttq", "standing", "bloc", "group_leader"])
def test_only_the_units_own_officers_register_for_it(register, ward_a, who):
    with pytest.raises(PermissionDenied) as error:
        register(user=ward_a.users[who])
    assert "Chỉ cán bộ của đơn vị" in str(error.value)


def test_a_group_leader_registers_for_their_residential_group(register, ward_a, blocs_a):
    model = register(user=ward_a.users["group_leader"], unit=ward_a.unit("tdp-1"), bloc=blocs_a[2])
    assert model.unit == ward_a.unit("tdp-1")


def test_an_officer_of_another_ward_cannot_register_for_this_ward(register, ward_a, ward_b):
    with pytest.raises(PermissionDenied):
        register(user=ward_b.users["officer_ubnd"])


def test_suggested_bloc_follows_the_kind_of_unit(ward_a, blocs_a):
    assert services.suggested_bloc(ward_a.unit("ubnd"), blocs_a) == blocs_a[1]
    assert services.suggested_bloc(ward_a.unit("hoi-pn"), blocs_a) == blocs_a[0]
    assert services.suggested_bloc(ward_a.unit("tdp-2"), blocs_a) == blocs_a[2]


def test_default_blocs_are_created_once_with_a_rubric_of_100_points(ward_a):
    first = services.ensure_default_blocs(ward_a.ward)
    again = services.ensure_default_blocs(ward_a.ward)
    assert [b.pk for b in first] == [b.pk for b in again]
    assert len(first) == 3
    assert services.max_total(first[0]) == Decimal("100")


# --- Appraisal ---------------------------------------------------------------------------------------------

def test_the_bloc_returns_a_registration_with_comments(register, ward_a):
    model = register()

    appraisal = services.return_for_revision(ward_a.users["bloc"], model, "Chỉ tiêu chưa rõ nguồn số liệu.")

    model.refresh_from_db()
    assert model.status == Status.RETURNED
    assert appraisal.decision == Decision.RETURNED
    assert appraisal.version == 1
    assert Notification.objects.filter(recipient=ward_a.users["officer_ubnd"], title__contains="trả lại").exists()


def test_returning_without_a_comment_is_refused(register, ward_a):
    model = register()
    with pytest.raises(ValidationError) as error:
        services.return_for_revision(ward_a.users["bloc"], model, "   ")
    assert "cần ghi ý kiến" in messages_of(error)
    assert not Appraisal.objects.exists()


@pytest.mark.parametrize("who", ["officer_ubnd", "standing", "officer_mttq", "group_leader"])
def test_only_the_bloc_appraises(register, ward_a, plan_a, who):
    model = register()
    with pytest.raises(PermissionDenied):
        services.approve(ward_a.users[who], model)
    with pytest.raises(PermissionDenied):
        services.return_for_revision(ward_a.users[who], model, "Sửa lại.")
    model.refresh_from_db()
    assert model.status == Status.REGISTERED


def test_the_bloc_of_another_ward_cannot_appraise(register, ward_b, plan_a):
    model = register()
    with pytest.raises(PermissionDenied):
        services.approve(ward_b.users["bloc"], model)


def test_the_officer_revises_a_returned_registration_as_a_new_version(register, ward_a):
    model = register()
    services.return_for_revision(ward_a.users["bloc"], model, "Ghi rõ cách đo.")
    data = registration(model.unit, model.bloc, name=model.name, objectives="12/12 hộ bàn giao trước 30/9/2024.")
    data.pop("year")

    services.revise(ward_a.users["officer_ubnd"], model, data=data,
                    indicators=[indicator(method="Biên bản bàn giao có xác nhận của Tổ trưởng TDP.")])

    model.refresh_from_db()
    assert model.status == Status.REGISTERED
    assert model.version == 2
    versions = list(model.versions.order_by("number"))
    assert [v.number for v in versions] == [1, 2]
    changes = services.version_changes(versions[0].content, versions[1].content)
    assert "mục tiêu và tiêu chí đánh giá" in changes
    assert "chỉ tiêu đo lường" in changes
    assert "tên mô hình, điển hình" not in changes


@pytest.mark.parametrize("who", ["officer_mttq", "bloc", "standing"])
def test_only_the_units_officers_revise(register, ward_a, who):
    model = register()
    services.return_for_revision(ward_a.users["bloc"], model, "Ghi rõ cách đo.")
    data = registration(model.unit, model.bloc)
    with pytest.raises(PermissionDenied):
        services.revise(ward_a.users[who], model, data=data, indicators=[indicator()])


def test_a_revision_keeps_refusing_vague_or_repeated_registrations(register, ward_a):
    register(name="Mô hình thứ nhất")
    model = register(name="Mô hình thứ hai")
    with pytest.raises(ValidationError):
        services.revise(ward_a.users["officer_ubnd"], model, data={"name": "Mô hình thứ hai"}, indicators=[])
    with pytest.raises(ValidationError) as error:
        services.revise(ward_a.users["officer_ubnd"], model, data={"name": "mô hình thứ nhất"},
                        indicators=[indicator()])
    assert "trùng" in messages_of(error)


def test_approval_assigns_the_model_as_a_task_of_the_plans_area_3(register, ward_a, plan_a):
    model = register()

    services.approve(ward_a.users["bloc"], model, "Đồng ý.")

    model.refresh_from_db()
    assert model.status == Status.APPROVED
    assert model.approved_on == date(2024, 9, 20)
    task = model.task
    assert task.area.kind == AreaKind.SKILFUL_MOBILIZATION
    assert task.plan == plan_a
    assert task.lead_unit == ward_a.unit("ubnd")
    assert task.due_date == model.evaluation_on
    assert model.name in task.title
    assert Notification.objects.filter(recipient=ward_a.users["officer_ubnd"], title__contains="phê duyệt").exists()


def test_approval_without_a_plan_is_refused_with_the_reason(register, ward_a):
    model = register()
    with pytest.raises(ValidationError) as error:
        services.approve(ward_a.users["bloc"], model)
    assert "chưa có kế hoạch năm 2024" in messages_of(error)
    model.refresh_from_db()
    assert model.status == Status.REGISTERED


def test_a_returned_registration_cannot_be_approved_before_it_is_revised(register, ward_a, plan_a):
    model = register()
    services.return_for_revision(ward_a.users["bloc"], model, "Sửa chỉ tiêu.")
    with pytest.raises(ValidationError):
        services.approve(ward_a.users["bloc"], model)


def test_an_approved_registration_can_no_longer_be_revised(approved, ward_a):
    model = approved()
    with pytest.raises(ValidationError) as error:
        services.revise(ward_a.users["officer_ubnd"], model, data={}, indicators=[indicator()])
    assert "đã được phê duyệt" in messages_of(error)


# --- Progress -----------------------------------------------------------------------------------------------

def test_the_first_indicator_value_starts_the_model_and_moves_its_task(approved, ward_a):
    model = approved()
    ind = model.indicators.get()

    services.record_indicator_value(ward_a.users["officer_ubnd"], ind, value=Decimal("6"),
                                    measured_on=date(2024, 6, 30))

    model.refresh_from_db()
    assert model.status == Status.IN_PROGRESS
    update = ProgressUpdate.objects.get(task=model.task)
    assert update.percent == 50
    result = services.indicator_results(model)[0]
    assert (result.percent, result.met) == (50, False)


def test_activities_publicity_and_evidence_are_recorded(approved, ward_a):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.support.browser import small_png

    model = approved()
    officer = ward_a.users["officer_ubnd"]
    photo = SimpleUploadedFile("doi-thoai.png", small_png(), content_type="image/png")

    activity = services.record_activity(officer, model, held_on=date(2024, 5, 10), title="Đối thoại với 12 hộ",
                                        participants=40, files=[photo])
    services.record_publicity(officer, model, channel="radio", published_on=date(2024, 5, 12),
                              title="Phát trên Đài truyền thanh phường", reach=3000)
    services.attach_evidence(officer, model, [SimpleUploadedFile("bien-ban.png", small_png(), "image/png")])

    assert model.activities.get() == activity
    assert model.publicity.get().get_channel_display() == "Đài truyền thanh"
    assert services.public_photos(model).count() == 2


@pytest.mark.parametrize("who", ["officer_mttq", "standing", "group_leader"])
def test_only_the_unit_or_the_bloc_reports_progress(approved, ward_a, who):
    model = approved()
    with pytest.raises(PermissionDenied):
        services.record_indicator_value(ward_a.users[who], model.indicators.get(), value=Decimal("3"),
                                        measured_on=date(2024, 6, 1))
    services.record_activity(ward_a.users["bloc"], model, held_on=date(2024, 6, 1), title="Kiểm tra thực tế")


def test_progress_before_approval_or_in_the_future_is_refused(register, approved, ward_a):
    pending = register(name="Mô hình chưa duyệt")
    with pytest.raises(ValidationError) as error:
        services.record_activity(ward_a.users["officer_ubnd"], pending, held_on=date(2024, 6, 1), title="Họp")
    assert "chưa được phê duyệt" in messages_of(error)
    model = approved()
    with pytest.raises(ValidationError) as error:
        services.record_indicator_value(ward_a.users["officer_ubnd"], model.indicators.get(), value=Decimal("1"),
                                        measured_on=date(2024, 12, 1))
    assert "không được sau hôm nay" in messages_of(error)


def test_a_decreasing_indicator_is_met_at_or_below_its_target(approved, ward_a):
    model = approved(indicators=[indicator(name="Số vụ vi phạm trật tự đô thị", baseline="20", target="5",
                                           direction="decrease")])
    ind = model.indicators.get()
    services.record_indicator_value(ward_a.users["officer_ubnd"], ind, value=Decimal("8"),
                                    measured_on=date(2024, 6, 1))
    assert services.indicator_results(model)[0].percent == 80
    services.record_indicator_value(ward_a.users["officer_ubnd"], ind, value=Decimal("5"),
                                    measured_on=date(2024, 9, 1))
    assert services.indicator_results(model)[0].met


# --- Scoring --------------------------------------------------------------------------------------------------

def test_three_evaluators_score_and_the_model_becomes_evaluated(approved, ward_a, evaluators_a):
    model = approved()
    services.record_indicator_value(ward_a.users["officer_ubnd"], model.indicators.get(), value=Decimal("12"),
                                    measured_on=date(2024, 9, 1))
    shares = [Decimal("0.9"), Decimal("0.8"), Decimal("0.7")]

    for user, share in zip(evaluators_a[:2], shares, strict=False):
        services.record_score(user, model, full_points(model.bloc, share), note="Ghi chú riêng")
    model.refresh_from_db()
    assert model.status == Status.IN_PROGRESS
    assert not services.evaluation_summary(model).is_ranked

    services.record_score(evaluators_a[2], model, full_points(model.bloc, shares[2]))

    model.refresh_from_db()
    assert model.status == Status.EVALUATED
    summary = services.evaluation_summary(model)
    assert (summary.count, summary.required, summary.average) == (3, 3, Decimal("80.00"))


def test_an_evaluator_rescoring_replaces_their_own_score(approved, ward_a, evaluators_a):
    model = approved()
    services.start(ward_a.users["officer_ubnd"], model)
    services.record_score(evaluators_a[0], model, full_points(model.bloc, Decimal("0.5")))
    services.record_score(evaluators_a[0], model, full_points(model.bloc, Decimal("0.6")))
    assert services.evaluation_summary(model).average == Decimal("60.00")
    assert model.evaluations.count() == 1


def test_scoring_is_refused_to_non_evaluators_own_unit_and_wrong_stage(approved, register, ward_a, blocs_a,
                                                                      evaluators_a):
    model = approved()
    services.start(ward_a.users["officer_ubnd"], model)
    points = full_points(model.bloc)
    with pytest.raises(PermissionDenied) as error:
        services.record_score(ward_a.users["bloc"], model, points)
    assert "không được phân công" in str(error.value)
    own = ensure_user("phuong-a.ubnd2", PASSWORD, ward_a.unit("ubnd"), Role.OFFICER)
    services.assign_evaluator(ward_a.users["bloc"], blocs_a[1], YEAR, own)
    with pytest.raises(PermissionDenied) as error:
        services.record_score(own, model, points)
    assert "chính đơn vị mình" in str(error.value)
    pending = register(name="Chưa duyệt")
    with pytest.raises(ValidationError):
        services.record_score(evaluators_a[0], pending, points)


def test_scores_must_cover_every_criterion_within_its_maximum(approved, ward_a, evaluators_a):
    model = approved()
    services.start(ward_a.users["officer_ubnd"], model)
    criteria = list(model.bloc.criteria.order_by("order"))
    points = full_points(model.bloc)
    points.pop(criteria[0].pk)
    points[criteria[1].pk] = criteria[1].max_points + 1
    with pytest.raises(ValidationError) as error:
        services.record_score(evaluators_a[0], model, points)
    text = messages_of(error)
    assert f"Chưa chấm tiêu chí “{criteria[0].name}”" in text
    assert f"phải từ 0 đến {plain_number(criteria[1].max_points)}" in text


def test_an_evaluators_note_is_theirs_alone(evaluated, ward_a, evaluators_a):
    from models_khoe.models import Evaluation

    evaluated()
    officer = evaluators_a[2]
    Evaluation.objects.filter(evaluator=officer).update(note="Còn thiếu minh chứng ảnh")

    assert list(Evaluation.objects.restrict(officer).values_list("evaluator", flat=True)) == [officer.pk]
    assert list(Evaluation.objects.restrict(officer, "change").values_list("evaluator", flat=True)) == [officer.pk]
    assert Evaluation.objects.restrict(evaluators_a[0]).count() == 3  # the Standing Committee reads the scores
    assert Evaluation.objects.restrict(ward_a.users["officer_ubnd"]).count() == 0
    assert Evaluation.objects.restrict(ward_a.users["bloc"]).count() == 3
    assert Evaluation.objects.restrict(ward_a.users["bloc"], "change").count() == 0


def test_the_evaluators_todo_lists_what_they_have_not_scored(approved, ward_a, evaluators_a):
    first = approved(name="Mô hình A")
    second = approved(name="Mô hình B")
    for model in (first, second):
        services.start(ward_a.users["officer_ubnd"], model)
    services.record_score(evaluators_a[0], first, full_points(first.bloc))

    assert list(services.todo_for(evaluators_a[0])) == [second]
    assert list(services.todo_for(evaluators_a[1])) == [first, second]
    assert list(services.todo_for(ward_a.users["officer_ubnd"])) == []


def test_evaluators_are_assigned_by_the_bloc_only_and_from_the_ward(ward_a, ward_b, blocs_a):
    with pytest.raises(PermissionDenied):
        services.assign_evaluator(ward_a.users["officer_ubnd"], blocs_a[0], YEAR, ward_a.users["standing"])
    with pytest.raises(ValidationError):
        services.assign_evaluator(ward_a.users["bloc"], blocs_a[0], YEAR, ward_b.users["standing"])
    assignment = services.assign_evaluator(ward_a.users["bloc"], blocs_a[0], YEAR, ward_a.users["standing"])
    assert Notification.objects.filter(recipient=ward_a.users["standing"], title__contains="chấm").exists()
    services.remove_evaluator(ward_a.users["bloc"], assignment)


def test_an_evaluator_who_scored_cannot_be_removed(evaluated, ward_a, evaluators_a):
    from models_khoe.models import EvaluatorAssignment

    evaluated()
    assignment = EvaluatorAssignment.objects.get(evaluator=evaluators_a[0])
    with pytest.raises(ValidationError):
        services.remove_evaluator(ward_a.users["bloc"], assignment)


def test_the_rubric_is_locked_while_models_of_the_bloc_are_being_scored(approved, ward_a, evaluators_a):
    model = approved()
    assert not services.rubric_locked(model.bloc)
    services.start(ward_a.users["officer_ubnd"], model)
    services.record_score(evaluators_a[0], model, full_points(model.bloc))
    assert services.rubric_locked(model.bloc)


# --- Recognition and replication --------------------------------------------------------------------------------

def test_the_bloc_recognises_an_evaluated_model_in_october(evaluated, ward_a):
    model = evaluated()

    recognition = services.recognise(ward_a.users["bloc"], model, achievement="12/12 hộ bàn giao mặt bằng.",
                                     proposed_to_city=True)

    model.refresh_from_db()
    assert model.status == Status.RECOGNISED
    assert recognition.round.decided_on == date(YEAR, 10, 15)
    assert recognition.certificate_code == "01-GCN/ĐU"
    assert recognition.average_score == Decimal("90.00")
    assert recognition.rank == 1
    assert model.task.updates.filter(percent=100).exists()
    second = evaluated(name="Mô hình thứ hai")
    assert services.recognise(ward_a.users["bloc"], second, achievement="Tốt.").certificate_number == 2


def test_recognition_is_refused_before_evaluation_and_to_others_than_the_bloc(approved, evaluated, ward_a):
    pending = approved(name="Đang làm")
    with pytest.raises(ValidationError):
        services.recognise(ward_a.users["bloc"], pending, achievement="x")
    model = evaluated()
    for who in ("officer_ubnd", "standing"):
        with pytest.raises(PermissionDenied):
            services.recognise(ward_a.users[who], model, achievement="x")
    with pytest.raises(ValidationError):
        services.recognise(ward_a.users["bloc"], model, achievement=" ")


def test_the_round_is_dated_in_october():
    from models_khoe.models import RecognitionRound

    round_ = RecognitionRound(year=YEAR, decided_on=date(YEAR, 11, 2))
    with pytest.raises(ValidationError) as error:
        round_.clean()
    assert "tháng 10/2024" in messages_of(error)


def test_the_ceremony_is_a_meeting_of_the_ward(evaluated, ward_a):
    model = evaluated()
    recognition = services.recognise(ward_a.users["bloc"], model, achievement="Tốt.")
    round_ = recognition.round
    round_.ceremony_on = date(YEAR, 10, 15)
    round_.ceremony_place = "Hội trường Đảng ủy phường"

    meeting = services.schedule_ceremony(ward_a.users["bloc"], round_)

    assert meeting.organiser == ward_a.unit("khoi-dan-van")
    assert "biểu dương" in meeting.title
    assert meeting.get_status_display() == "Dự kiến"
    assert list(meeting.participating_units.all()) == [ward_a.unit("ubnd")]
    assert services.schedule_ceremony(ward_a.users["bloc"], round_).pk == meeting.pk


def test_replication_is_recorded_for_a_recognised_model(evaluated, ward_a):
    model = evaluated()
    with pytest.raises(ValidationError) as error:
        services.record_replication(ward_a.users["bloc"], model, adopting_unit=ward_a.unit("tdp-2"),
                                    started_on=date(2024, 9, 1), results="Áp dụng.")
    assert "đã được công nhận" in messages_of(error)
    services.recognise(ward_a.users["bloc"], model, achievement="Tốt.")

    replication = services.record_replication(
        ward_a.users["group_leader"], model, adopting_unit=ward_a.unit("tdp-1"), started_on=date(2024, 9, 1),
        results="8 hộ bàn giao mặt bằng ngõ 12.", beneficiaries=8,
    )
    services.record_replication(ward_a.users["bloc"], model, adopting_unit=ward_a.unit("tdp-2"),
                                started_on=date(2024, 9, 5), results="Áp dụng cho dự án chỉnh trang.")

    model.refresh_from_db()
    assert model.status == Status.REPLICATED
    assert replication.adopting_unit == ward_a.unit("tdp-1")
    assert [r.adopting_unit.code for r in model.replications.all()] == ["phuong-a-tdp-1", "phuong-a-tdp-2"]


def test_replication_refusals(evaluated, ward_a, ward_b):
    model = evaluated()
    services.recognise(ward_a.users["bloc"], model, achievement="Tốt.")
    args = {"started_on": date(2024, 9, 1), "results": "Áp dụng."}
    with pytest.raises(PermissionDenied):
        services.record_replication(ward_a.users["officer_mttq"], model, adopting_unit=ward_a.unit("tdp-1"), **args)
    with pytest.raises(PermissionDenied):
        services.record_replication(ward_a.users["bloc"], model, adopting_unit=ward_b.unit("tdp-1"), **args)
    with pytest.raises(ValidationError) as error:
        services.record_replication(ward_a.users["bloc"], model, adopting_unit=ward_a.unit("ubnd"), **args)
    assert "phải khác đơn vị" in messages_of(error)
    services.record_replication(ward_a.users["bloc"], model, adopting_unit=ward_a.unit("tdp-1"), **args)
    with pytest.raises(ValidationError) as error:
        services.record_replication(ward_a.users["group_leader"], model, adopting_unit=ward_a.unit("tdp-1"), **args)
    assert "đã được ghi nhận" in messages_of(error)
