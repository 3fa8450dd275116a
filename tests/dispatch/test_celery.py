"""The Celery path, for real: Redis as the broker, a worker thread, the beat task."""

import time
from io import StringIO

import pytest
import redis
from celery.contrib.testing.worker import start_worker
from django.conf import settings
from django.core.management import call_command

from config.celery import app
from optout.models import Reminder
from reminders.tasks import dispatch_due_reminders

pytestmark = pytest.mark.django_db(transaction=True)


def wait_for(condition, timeout=30.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


@pytest.fixture(autouse=True)
def through_the_broker():
    """Here tasks go through Redis to a worker, as in production (the test settings run them in place)."""
    app.conf.task_always_eager = False
    yield
    app.conf.task_always_eager = settings.CELERY_TASK_ALWAYS_EAGER


@pytest.fixture
def broker():
    client = redis.Redis.from_url(settings.CELERY_BROKER_URL)
    client.delete("celery")
    yield client
    client.delete("celery")


def worker():
    return start_worker(
        app, pool="solo", concurrency=1, perform_ping_check=False, loglevel="WARNING", shutdown_timeout=10
    )


@pytest.mark.slow
def test_a_real_worker_on_redis_runs_dispatch_due_reminders_end_to_end(smtp_server, broker):
    call_command("seed_demo", users=3, due_now=True, stdout=StringIO())

    with worker():
        dispatch_due_reminders.delay()
        assert wait_for(lambda: len(smtp_server.messages) == 3)

    assert Reminder.objects.filter(status="sent").count() == 3


@pytest.mark.slow
def test_redis_flushed_between_two_beat_ticks_loses_nothing(smtp_server, broker):
    call_command("seed_demo", users=3, due_now=True, stdout=StringIO())
    dispatch_due_reminders.delay()  # first tick: the message waits in Redis…
    assert broker.llen("celery") == 1
    broker.flushdb()  # …and Redis restarts empty (it keeps nothing on disk)

    with worker():
        dispatch_due_reminders.delay()  # the next tick
        assert wait_for(lambda: len(smtp_server.messages) == 3)
        time.sleep(0.5)

    assert len(smtp_server.messages) == 3
    assert Reminder.objects.filter(status="sent").count() == 3


@pytest.mark.slow
def test_a_message_queued_under_the_tasks_old_name_is_still_run(smtp_server, broker):
    """Beat's messages queued before the mail side had its own app keep their name after a deploy."""
    call_command("seed_demo", users=2, due_now=True, stdout=StringIO())
    app.send_task("optout.tasks.dispatch_due_reminders")
    assert broker.llen("celery") == 1

    with worker():
        assert wait_for(lambda: len(smtp_server.messages) == 2)

    assert Reminder.objects.filter(status="sent").count() == 2
