"""Settings of the Celery worker that the fault tests kill in the middle of a report job.

The portal's settings, with two test-only changes:
* a short broker visibility timeout, so that a message held by a worker killed with SIGKILL goes back to the
  queue in seconds rather than the two hours production waits for its longest job;
* with HARDENING_SLOW_REPORT_SAVE=<seconds>, the worker pauses right after the quarterly report row is written
  inside the job's transaction and logs "hardening: report job paused", so the test kills it mid-job.
"""

import os

from danvan.settings import *  # noqa: F403

CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": int(os.environ.get("HARDENING_VISIBILITY_TIMEOUT", "3")),
    # kombu sweeps unacked messages every interval × throttle seconds (10 × 10 by default): every second here.
    "unacked_restore_interval": 1,
    "unacked_restore_throttle": 1,
}

_PAUSE = float(os.environ.get("HARDENING_SLOW_REPORT_SAVE", "0") or 0)
if _PAUSE:
    from celery.signals import task_prerun

    def _pause_after_report_save(sender=None, instance=None, **kwargs):
        import sys
        import time

        print("hardening: report job paused", flush=True)
        sys.stdout.flush()
        time.sleep(_PAUSE)

    @task_prerun.connect(weak=False)
    def _connect_pause(**kwargs):
        from django.db.models.signals import post_save

        from reports.models import QuarterlyReport

        post_save.connect(_pause_after_report_save, sender=QuarterlyReport, weak=False,
                          dispatch_uid="hardening-slow-report-save")
