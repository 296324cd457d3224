"""Who may do what on a plan and its tasks. Services, pages and the API read these rules from here."""

from core.access import CHANGE, VIEW, scope_prefix, scope_q, user_may

from .models import ProgressUpdate, Task


def may_report_progress(user, task):
    """Lead and supporting units report progress on a task (the bloc too); readers such as the
    Standing Committee or a city viewer do not. Nobody reports on a plan whose year is closed: its summary is
    frozen."""
    if task.plan.closed_at is not None:
        return False
    prefix = scope_prefix(user, ProgressUpdate.access_policy, CHANGE)
    if prefix is None:
        return False
    if prefix == "":
        return True
    return Task.objects.filter(pk=task.pk).filter(scope_q(Task, Task.access_policy, prefix, VIEW)).exists()


def may_bind(user, task):
    """The bloc (and admins) decide which records feed a task: those who may change the plan."""
    return user_may(user, task.plan, CHANGE)


def may_plan_next_year(user, plan):
    """Only those who change the plan (the bloc, admins) close its year or make the next year's plan."""
    return user_may(user, plan, CHANGE)
