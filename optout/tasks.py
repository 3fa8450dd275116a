"""Thin Celery tasks: each one calls a service or the dispatcher."""

import logging
import os
import socket

from celery import shared_task
from django.utils import timezone

logger = logging.getLogger(__name__)


@shared_task
def heartbeat():
    """Sent by beat on a schedule; its log line shows that beat and a worker both run."""
    logger.info(
        "heartbeat: worker %s pid %s alive at %s", socket.gethostname(), os.getpid(), timezone.now().isoformat()
    )
