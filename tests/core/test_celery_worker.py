"""Reminders through Celery: a real worker when a broker is configured (CI), the eager path otherwise.

Both paths assert the same thing: who is reminded, and that running the job again (a retry, a second
beat) reminds nobody twice.
"""

from datetime import timedelta

import pytest
from django.conf import settings

from core import periods
from core.models import Notification
from core.notifications import dedup_key_for
from danvan.celery import app
from organisations.demo import ensure_user
from organisations.models import Role
from plans.models import Recurrence, Task
from plans.services import initialise_task
from plans.tasks import send_due_reminders
from tests.support.accounts import PASSWORD
from tests.support.celery_worker import wait_for

pytestmark = pytest.mark.celery_worker


@pytest.fixture
def task_due_tomorrow(ward_a, plan_a):
    area = plan_a.areas.order_by("order").first()
    task = Task.objects.create(
        area=area,
        title="Gửi kế hoạch thực hiện của UBND phường lên Ban Thường vụ",
        lead_unit=ward_a.unit("ubnd"),
        recurrence=Recurrence.ONCE,
        due_date=periods.today() + timedelta(days=1),
    )
    task.supporting_units.add(ward_a.unit("mttq"))
    return initialise_task(task)


def _reminders(task):
    return Notification.objects.filter(dedup_key=dedup_key_for("plans.task_due", task, {}))


def test_reminder_reaches_every_active_user_of_the_lead_unit(celery_worker_process, ward_a, task_due_tomorrow):
    ubnd = ward_a.unit("ubnd")
    deputy = ensure_user("phuong-a.ubnd2", PASSWORD, ubnd, Role.OFFICER)
    former = ensure_user("phuong-a.ubnd-cu", PASSWORD, ubnd, Role.OFFICER)
    former.is_active = False
    former.save(update_fields=["is_active"])
    expected = {ward_a.users["officer_ubnd"].pk, deputy.pk}

    send_due_reminders.delay()

    wait_for(lambda: _reminders(task_due_tomorrow).count() >= len(expected),
             message="the worker did not write the reminders within 30 s")
    reminders = _reminders(task_due_tomorrow)
    assert set(reminders.values_list("recipient", flat=True)) == expected
    due = task_due_tomorrow.current_due_date.strftime("%d/%m/%Y")
    assert all(due in title for title in reminders.values_list("title", flat=True))
    assert not Notification.objects.filter(recipient=ward_a.users["officer_mttq"],
                                           dedup_key=reminders[0].dedup_key).exists()


def test_running_the_job_twice_reminds_nobody_twice(celery_worker_process, ward_a, task_due_tomorrow):
    first = send_due_reminders.delay().get(timeout=30)
    after_first = Notification.objects.count()

    # A retried job and a second beat: both run after the first one finished.
    again = [send_due_reminders.delay(), send_due_reminders.delay()]
    sent_again = [result.get(timeout=30) for result in again]

    assert first > 0
    assert _reminders(task_due_tomorrow).count() == 1
    assert sent_again == [0, 0]
    assert Notification.objects.count() == after_first


def test_beat_schedule_runs_the_registered_reminder_task():
    app.autodiscover_tasks(force=True)  # what a worker does at start: import every app's tasks module
    entries = {name: entry for name, entry in settings.CELERY_BEAT_SCHEDULE.items()
               if entry["task"] == "plans.tasks.send_due_reminders"}

    assert len(entries) == 1
    (entry,) = entries.values()
    assert entry["task"] in app.tasks
    assert app.tasks[entry["task"]].name == send_due_reminders.name
    assert entry["schedule"].remaining_estimate(entry["schedule"].now()) <= timedelta(days=1)
    assert app.conf.beat_schedule == settings.CELERY_BEAT_SCHEDULE
    for other in settings.CELERY_BEAT_SCHEDULE.values():
        assert other["task"] in app.tasks, f"beat names an unknown task {other['task']}"
