"""Thin Celery tasks: each one calls the dispatcher or a service.

No reminder is ever a Celery ETA or countdown task: the Reminder rows in the
database say what is due, and beat runs `dispatch_due_reminders` every minute.
"""

import logging
import os
import socket

from celery import shared_task
from django.utils import timezone

from optout import dispatch, services

logger = logging.getLogger(__name__)


@shared_task
def heartbeat():
    """Sent by beat on a schedule; its log line shows that beat and a worker both run."""
    logger.info(
        "heartbeat: worker %s pid %s alive at %s", socket.gethostname(), os.getpid(), timezone.now().isoformat()
    )


#: A dispatch pass claims no new batch after this long, well within its soft time limit
#: (a 9 o'clock burst larger than one pass can send is finished by the next passes).
DISPATCH_PASS_SECONDS = 240


@shared_task(soft_time_limit=300, time_limit=360)
def dispatch_due_reminders():
    outcome = dispatch.dispatch_due(max_seconds=DISPATCH_PASS_SECONDS)
    return {"sent": outcome.sent, "retried": outcome.retried, "failed": outcome.failed}


@shared_task(soft_time_limit=300, time_limit=360)
def move_missed_windows():
    return services.cases_move_missed_windows(now=timezone.now())


@shared_task(soft_time_limit=1800, time_limit=1900)
def apply_retention():
    report = services.retention_apply(now=timezone.now())
    logger.info("retention: deleted %s finished cases, %s unverified accounts", len(report.cases), len(report.accounts))
