"""Every registered workflow event tells exactly its audience, once, in the portal and by e-mail after commit.

The test is parametrised over the registry itself: an event an app registers later is walked here too, and fails
until it has a scenario below (how to make the transition happen, and who must hear of it).
"""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse

from core.models import Notification
from core.notifications import registered_events
from organisations.demo import ensure_user
from organisations.models import Role, User
from tests.support.accounts import PASSWORD

pytestmark = pytest.mark.django_db

SCENARIOS = {}


def scenario(*keys):
    def decorate(function):
        for key in keys:
            SCENARIOS[key] = function
        return function

    return decorate


# Each scenario gets a helper ``s`` (ward, plan on demand) and the event key, prepares the state before the
# transition, and returns (the transition as a callable, the users who must hear of it).


class Setting:
    def __init__(self, ward_a, request):
        self.w = ward_a
        self._request = request

    @property
    def plan(self):
        return self._request.getfixturevalue("plan_a")

    def user(self, key):
        return self.w.users[key]

    def users_of(self, *unit_keys):
        return list(User.objects.filter(unit__in=[self.w.unit(k) for k in unit_keys], is_active=True))


# --- Quarterly report ---------------------------------------------------------------------------------------

def _draft(s):
    from reports import services

    s.plan  # noqa: B018 - the plan's tasks decide which units report
    report = services.prepare_draft(s.w.ward.pk, 2024, 1)
    report.results = "Kết quả quý I."
    report.save()
    return report


def _submitted(s):
    from reports import workflow

    return workflow.submit(_draft(s), s.user("bloc"))


def _reporting_users(report):
    return list(User.objects.filter(unit__in=report.unit_reports.values("unit"), is_active=True))


@scenario("reports.draft_ready")
def _(s, key):
    from reports.tasks import prepare_draft

    s.plan  # noqa: B018
    return lambda: prepare_draft.delay(s.w.ward.pk, 2024, 1), [s.user("bloc")]


@scenario("reports.unit_report_opened")
def _(s, key):
    from reports import services
    from reports.models import QuarterlyReport

    s.plan  # noqa: B018

    def act():
        services.prepare_draft(s.w.ward.pk, 2024, 1)

    def expected():
        users = _reporting_users(QuarterlyReport.objects.get(ward=s.w.ward, year=2024, quarter=1))
        assert s.user("officer_ubnd") in users and s.user("standing") not in users
        return users

    return act, expected


@scenario("reports.submitted")
def _(s, key):
    from reports import workflow

    report = _draft(s)
    return lambda: workflow.submit(report, s.user("bloc")), [s.user("standing")]


@scenario("reports.returned")
def _(s, key):
    from reports import workflow

    report = _submitted(s)
    return lambda: workflow.return_to_draft(report, s.user("standing"), "Bổ sung số liệu."), [s.user("bloc")]


@scenario("reports.approved")
def _(s, key):
    from reports import workflow

    report = _submitted(s)
    users = _reporting_users(report)
    assert s.user("officer_mttq") in users and s.user("group_leader") not in users
    return lambda: workflow.approve(report, s.user("standing")), [s.user("bloc"), *users]


@scenario("reports.unit_report_due", "reports.unit_report_late")
def _(s, key):
    from reports import services

    report = _draft(s)
    on = date(2024, 3, 3) if key == "reports.unit_report_due" else date(2024, 3, 11)  # unit deadline 10/3
    return lambda: services.unit_reminders(report, on), _reporting_users(report)


@scenario("reports.unit_report_submitted")
def _(s, key):
    from reports import workflow

    unit_report = _draft(s).unit_reports.get(unit=s.w.unit("mttq"))
    return (lambda: workflow.submit_unit_report(unit_report, s.user("officer_mttq"), "Kết quả của MTTQ."),
            [s.user("bloc")])


@scenario("reports.unit_report_returned", "reports.unit_report_accepted")
def _(s, key):
    from reports import workflow

    unit_report = _draft(s).unit_reports.get(unit=s.w.unit("mttq"))
    workflow.submit_unit_report(unit_report, s.user("officer_mttq"), "Kết quả của MTTQ.")
    accept = key == "reports.unit_report_accepted"
    return (lambda: workflow.review_unit_report(unit_report, s.user("bloc"), accept, "" if accept else "Bổ sung."),
            [s.user("officer_mttq")])


# --- Dân vận khéo -------------------------------------------------------------------------------------------

KHEO_TODAY = date(2024, 9, 20)


def _kheo_register(s):
    from models_khoe import services
    from tests.support.models_khoe import indicator, registration

    blocs = services.ensure_default_blocs(s.w.ward)
    return services.register(s.user("officer_ubnd"), data=registration(s.w.unit("ubnd"), blocs[1]),
                             indicators=[indicator()])


@scenario("models_khoe.registered")
def _(s, key):
    from models_khoe import services
    from tests.support.models_khoe import indicator, registration

    blocs = services.ensure_default_blocs(s.w.ward)
    return (lambda: services.register(s.user("officer_ubnd"), data=registration(s.w.unit("ubnd"), blocs[1]),
                                      indicators=[indicator()]),
            [s.user("bloc")])


@scenario("models_khoe.revised")
def _(s, key):
    from models_khoe import services
    from tests.support.models_khoe import indicator, registration

    model = _kheo_register(s)
    services.return_for_revision(s.user("bloc"), model, "Chỉ tiêu chưa rõ.")
    data = registration(s.w.unit("ubnd"), model.bloc, objectives="12 hộ bàn giao trước 30/9.")
    return (lambda: services.revise(s.user("officer_ubnd"), model, data=data, indicators=[indicator()]),
            [s.user("bloc")])


@scenario("models_khoe.approved", "models_khoe.returned")
def _(s, key):
    from models_khoe import services

    s.plan  # noqa: B018 - approval assigns a task of the plan's area 3
    model = _kheo_register(s)
    if key == "models_khoe.approved":
        return lambda: services.approve(s.user("bloc"), model), [s.user("officer_ubnd")]
    return lambda: services.return_for_revision(s.user("bloc"), model, "Chỉ tiêu chưa rõ."), [s.user("officer_ubnd")]


def _evaluators(s):
    return [s.user("standing"), s.user("officer_mttq"),
            ensure_user("phuong-a.giamkhao", PASSWORD, s.w.unit("hoi-pn"), Role.OFFICER)]


@scenario("models_khoe.evaluator_assigned")
def _(s, key):
    from models_khoe import services

    blocs = services.ensure_default_blocs(s.w.ward)
    return (lambda: services.assign_evaluator(s.user("bloc"), blocs[1], 2024, s.user("officer_mttq")),
            [s.user("officer_mttq")])


@scenario("models_khoe.evaluator_reminder")
def _(s, key):
    from models_khoe import services

    s.plan  # noqa: B018
    model = _kheo_register(s)
    services.approve(s.user("bloc"), model)
    model.refresh_from_db()
    services.start(s.user("officer_ubnd"), model)  # only models under way are scored
    services.assign_evaluator(s.user("bloc"), model.bloc, 2024, s.user("officer_mttq"))
    return lambda: services.remind_evaluators(on=KHEO_TODAY), [s.user("officer_mttq")]


@scenario("models_khoe.recognised")
def _(s, key):
    from models_khoe import services
    from tests.support.models_khoe import full_points

    s.plan  # noqa: B018
    model = _kheo_register(s)
    services.approve(s.user("bloc"), model)
    model.refresh_from_db()
    for ind in model.indicators.all():
        services.record_indicator_value(s.user("officer_ubnd"), ind, value=Decimal("12"),
                                        measured_on=date(2024, 9, 1))
    for evaluator in _evaluators(s):
        services.assign_evaluator(s.user("bloc"), model.bloc, 2024, evaluator)
        services.record_score(evaluator, model, full_points(model.bloc, Decimal("0.9")))
    model.refresh_from_db()
    return (lambda: services.recognise(s.user("bloc"), model, achievement="12 hộ bàn giao mặt bằng đúng hạn."),
            [s.user("officer_ubnd")])


# --- Community groups' situation reports --------------------------------------------------------------------

def _situation_report(s):
    from communitygroups.models import CommunityGroup, ReportTopic, SituationReport

    group = CommunityGroup.objects.create(residential_group=s.w.unit("tdp-1"))
    return SituationReport.objects.create(group=group, reported_on=date(2024, 9, 2), topic=ReportTopic.SECURITY_ORDER,
                                          title="Tranh chấp lối đi ngõ 5", description="Hai hộ tranh chấp lối đi.",
                                          author=s.user("group_leader"))


@scenario("communitygroups.report_sent")
def _(s, key):
    from communitygroups import services

    report = _situation_report(s)
    return lambda: services.notify_new_report(report), [s.user("bloc"), s.user("officer_ubnd")]


@scenario("communitygroups.report_acknowledged", "communitygroups.report_answered")
def _(s, key):
    from communitygroups import services

    report = _situation_report(s)
    if key == "communitygroups.report_acknowledged":
        return lambda: services.acknowledge_report(report, s.user("bloc")), [s.user("group_leader")]
    return lambda: services.answer_report(report, "Tổ hòa giải làm việc ngày 5/9.", s.user("bloc")), [
        s.user("group_leader")]


# --- Religion: thỉnh sư -------------------------------------------------------------------------------------

@scenario("religion.invitation_received")
def _(s, key):
    from tests.support.religion import make_establishment

    establishment = make_establishment(s.w)
    client = s._request.getfixturevalue("client_for")(s.user("religion"))
    form = {"establishment": establishment.pk, "monk_name": "Thích Minh Đức", "monk_origin": "Chùa Vĩnh Nghiêm",
            "proposed_role": "Trụ trì", "requested_by": "Ban Trị sự GHPGVN thành phố", "submitted_on": "02/09/2024",
            "reason": "Trụ trì cũ viên tịch."}

    def act():
        response = client.post(reverse("religion:invitation_add"), form)
        assert response.status_code == 302, response.content.decode()[:2000]

    return act, [s.user("standing")]  # the committee member who recorded it is not told of their own act


@scenario("religion.invitation_moved")
def _(s, key):
    from religion import services
    from religion.models import InvitationStatus, MonkInvitationRequest
    from tests.support.religion import make_establishment

    invitation = MonkInvitationRequest.objects.create(
        ward=s.w.ward, establishment=make_establishment(s.w), monk_name="Thích Minh Đức", requested_by="Ban Trị sự",
        submitted_on=date(2024, 9, 2))
    return (lambda: services.transition_invitation(invitation, InvitationStatus.UNDER_REVIEW, on=date(2024, 9, 3),
                                                   user=s.user("standing")),
            [s.user("religion")])


@scenario("religion.watch_report_from_group")
def _(s, key):
    from communitygroups import services
    from communitygroups.models import ReportTopic

    report = _situation_report(s)
    report.topic = ReportTopic.RELIGIOUS_ACTIVITY
    report.save()
    # The bloc turns it over; the religion committee and the Standing Committee hear of it, nobody else.
    return lambda: services.turn_into_watch_report(report, s.user("bloc")), [s.user("religion"), s.user("standing")]


# --- Meetings' conclusions, the plan's tasks, the units' plans, satisfaction, petitions --------------------

@scenario("meetings.conclusion_due", "meetings.conclusion_overdue")
def _(s, key):
    from meetings import services
    from tests.support.meetings import make_conclusion, make_meeting

    on = date(2024, 3, 1)
    meeting = make_meeting(s.w.unit("dang-uy"))
    due = on + timedelta(days=2) if key == "meetings.conclusion_due" else on - timedelta(days=1)
    make_conclusion(meeting, s.w.unit("mttq"), due)
    return lambda: services.remind_conclusions(on=on), [s.user("officer_mttq")]


@scenario("plans.task_due", "plans.task_overdue")
def _(s, key):
    from plans import tasks
    from plans.models import Task

    on = date(2024, 5, 1)
    s._request.getfixturevalue("set_today")(on)
    Task.objects.filter(plan=s.plan).update(is_done=True)
    task = Task.objects.filter(plan=s.plan, lead_unit=s.w.unit("mttq")).first()
    due = on + timedelta(days=3) if key == "plans.task_due" else on - timedelta(days=3)
    Task.objects.filter(pk=task.pk).update(is_done=False, current_due_date=due)
    return lambda: tasks.send_due_reminders(days_ahead=7), [s.user("officer_mttq")]


@scenario("accountability.plan_due", "accountability.plan_overdue")
def _(s, key):
    from accountability.models import UnitPlanRound
    from accountability.services import remind_round, sync_round_units

    plan_round = UnitPlanRound.objects.create(ward=s.w.ward, title="Kế hoạch thực hiện năm 2024",
                                              opened_on=date(2024, 2, 20), deadline=date(2024, 3, 10))
    sync_round_units(plan_round, [s.w.unit("ubnd"), s.w.unit("mttq")])
    on = date(2024, 3, 5) if key == "accountability.plan_due" else date(2024, 3, 12)
    return lambda: remind_round(plan_round, on=on), [s.user("officer_ubnd"), s.user("officer_mttq")]


@scenario("accountability.plan_submitted")
def _(s, key):
    from accountability.models import UnitPlanRound, UnitPlanSubmission
    from accountability.services import plan_submitted, sync_round_units

    plan_round = UnitPlanRound.objects.create(ward=s.w.ward, title="Kế hoạch thực hiện năm 2024",
                                              opened_on=date(2024, 2, 20), deadline=date(2024, 3, 10))
    sync_round_units(plan_round, [s.w.unit("mttq")])
    submission = UnitPlanSubmission.objects.get(round=plan_round)

    def act():
        submission.submitted_on = date(2024, 3, 8)
        submission.save()
        plan_submitted(submission, False, s.user("officer_mttq"))

    return act, [s.user("bloc")]


@scenario("satisfaction.corrective_action_opened")
def _(s, key):
    from satisfaction.models import Level, Service, ServiceDesk
    from satisfaction.services import check_thresholds, settings_for
    from tests.support.satisfaction import make_ratings

    config = settings_for(s.w.ward)
    config.minimum_ratings = 1
    config.save()
    desk = ServiceDesk.objects.create(unit=s.w.unit("ubnd"), name="Quầy số 1")
    desk.services.add(Service.objects.create(ward=s.w.ward, name="Hộ tịch"))
    make_ratings(desk, date(2024, 5, 6), {Level.NOT_YET_SATISFIED: 2})
    # No head of the People's Committee has an account: every account of the unit is told.
    return lambda: check_thresholds(s.w.ward, date(2024, 5, 1), date(2024, 5, 31)), [s.user("officer_ubnd")]


@scenario("democracy.petition_due", "democracy.petition_overdue")
def _(s, key):
    from democracy.models import Petition, PetitionKind
    from democracy.services import remind_petitions

    on = date(2024, 9, 20)
    due = on + timedelta(days=2) if key == "democracy.petition_due" else on - timedelta(days=2)
    Petition.objects.create(handling_unit=s.w.unit("ubnd"), received_on=date(2024, 9, 3), due_on=due,
                            kind=PetitionKind.FEEDBACK, channel="group", subject="Phản ánh đèn đường hỏng",
                            sender_name="Lê Văn Tám")
    return lambda: remind_petitions(on=on), [s.user("officer_ubnd")]


EVENT_KEYS = [event.key for event in registered_events()]


@pytest.fixture(autouse=True)
def _kheo_year(set_today):
    """The movement's year is 2024: registrations in spring, scoring in September."""
    set_today(KHEO_TODAY)


def test_every_area_registers_its_events():
    areas = {event.area for event in registered_events()}
    assert {"reports", "models_khoe", "communitygroups", "religion", "meetings", "plans", "accountability",
            "satisfaction", "democracy"} <= areas


@pytest.mark.parametrize("key", EVENT_KEYS)
def test_each_event_notifies_exactly_its_audience_once_in_the_portal_and_by_mail_after_commit(
        key, ward_a, request, django_capture_on_commit_callbacks):
    assert key in SCENARIOS, f"{key} is registered but has no scenario in this test: add one"
    act, expected = SCENARIOS[key](Setting(ward_a, request), key)
    Notification.objects.all().delete()
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        act()
        mails_before_commit = list(mail.outbox)

    expected = expected() if callable(expected) else expected
    expected_ids = sorted({user.pk for user in expected})
    assert expected_ids, "a scenario must name somebody to tell"
    sent = Notification.objects.filter(dedup_key__startswith=f"{key}:")
    assert sorted(sent.values_list("recipient_id", flat=True)) == expected_ids  # each once, nobody else
    titles = set(sent.values_list("title", flat=True))
    mails = [message for message in mail.outbox if message.subject in titles]
    assert sorted(address for message in mails for address in message.to) == sorted(
        user.email for user in User.objects.filter(pk__in=expected_ids))
    assert mails_before_commit == []  # mail leaves once the change is committed, not before
    assert all(n.link for n in sent)


def test_mail_waits_for_the_commit_and_a_rolled_back_change_tells_nobody(ward_a, plan_a):
    from django.db import transaction

    from reports import services, workflow

    report = services.prepare_draft(ward_a.ward.pk, 2024, 1)
    report.results = "Kết quả quý I."
    report.save()
    mail.outbox.clear()

    with pytest.raises(RuntimeError), transaction.atomic():
        workflow.submit(report, ward_a.users["bloc"])
        raise RuntimeError("the page failed after the submission")

    assert not Notification.objects.filter(dedup_key__startswith="reports.submitted:").exists()
    assert mail.outbox == []


def test_the_return_tells_the_bloc_the_standing_committees_comment(ward_a, plan_a, django_capture_on_commit_callbacks):
    from reports import services, workflow

    report = services.prepare_draft(ward_a.ward.pk, 2024, 1)
    report.results = "Kết quả quý I."
    report.save()
    workflow.submit(report, ward_a.users["bloc"])

    with django_capture_on_commit_callbacks(execute=True):
        workflow.return_to_draft(report, ward_a.users["standing"], "Bổ sung kết quả Chủ nhật xanh.")

    notification = Notification.objects.get(recipient=ward_a.users["bloc"], dedup_key__startswith="reports.returned:")
    assert notification.title == "Ban Thường vụ trả lại báo cáo quý 1/2024 để chỉnh sửa"
    assert "Bổ sung kết quả Chủ nhật xanh." in notification.body
    message = next(m for m in mail.outbox if m.subject == notification.title)
    assert "Bổ sung kết quả Chủ nhật xanh." in message.body
