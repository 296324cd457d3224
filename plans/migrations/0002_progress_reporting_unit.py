"""Give every progress report the unit that wrote it.

Only the reporting unit (and the bloc) may now change or delete a report, so a report without a unit could be
corrected by nobody below an admin. Reports written before the portal recorded it take their author's unit, or,
without an author, the task's lead unit (the unit the report is owed by).
"""

from django.db import migrations
from django.db.models import OuterRef, Subquery


def fill_reporting_unit(apps, schema_editor):
    ProgressUpdate = apps.get_model("plans", "ProgressUpdate")
    User = apps.get_model("organisations", "User")
    Task = apps.get_model("plans", "Task")
    missing = ProgressUpdate.objects.filter(unit__isnull=True)
    missing.filter(author__unit__isnull=False).update(
        unit=Subquery(User.objects.filter(pk=OuterRef("author_id")).values("unit_id")[:1]))
    missing.filter(unit__isnull=True).update(
        unit=Subquery(Task.objects.filter(pk=OuterRef("task_id")).values("lead_unit_id")[:1]))


class Migration(migrations.Migration):

    dependencies = [
        ("organisations", "0001_initial"),
        ("plans", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(fill_reporting_unit, migrations.RunPython.noop, elidable=True),
    ]
