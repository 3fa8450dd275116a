"""The Celery application: broker and schedule come from Django's settings."""

import os

from celery import Celery
from celery.signals import worker_process_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("optout")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@worker_process_init.connect
def lower_priority(**_):
    """Each worker process runs WORKER_NICE lower than the web: when they share the CPU, the
    people on the site come first and the emails take what is left (README, "Benchmarks")."""
    from django.conf import settings

    if settings.WORKER_NICE:
        os.nice(settings.WORKER_NICE)
