"""Thin Celery tasks of the domain: each one calls a service. The sending ones are in reminders/tasks.py."""

import logging
import os
import socket

from celery import shared_task
from django.utils import timezone

from optout import services

logger = logging.getLogger(__name__)


@shared_task
def heartbeat():
    """Sent by beat on a schedule; its log line shows that beat and a worker both run."""
    logger.info(
        "heartbeat: worker %s pid %s alive at %s", socket.gethostname(), os.getpid(), timezone.now().isoformat()
    )


@shared_task(soft_time_limit=300, time_limit=360)
def move_missed_windows():
    return services.cases_move_missed_windows(now=timezone.now())


@shared_task(soft_time_limit=1800, time_limit=1900)
def apply_retention():
    report = services.retention_apply(now=timezone.now())
    logger.info("retention: deleted %s finished cases, %s unverified accounts", len(report.cases), len(report.accounts))
