"""Send Celery jobs after the transaction commits, without failing the page when the broker is down.

A request that changes data and then queues a job (render a PDF, send reminders) must not answer 500 because
Redis is unreachable: the change is committed, the failure is logged, and the periodic sweep of the job's app
sends it again once the broker is back.
"""

import logging

from django.db import transaction

log = logging.getLogger(__name__)


def send_on_commit(task, *args, **kwargs):
    def send():
        try:
            task.apply_async(args=args, kwargs=kwargs, retry=False)
        except Exception:  # noqa: BLE001 - the broker being down must not fail the request
            log.exception("Could not queue %s%r; the periodic sweep will send it again", task.name, args)

    transaction.on_commit(send)
