"""The task's percentage in templates, always from ``plans.schedule.task_percent`` (the one rule the plan page,
the task page, the Excel export, the API and the quarterly report share)."""

from django import template

from plans.schedule import task_percent as _task_percent

register = template.Library()


@register.filter
def task_percent(task):
    return _task_percent(task)
