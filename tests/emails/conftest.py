import pytest
import redis
from django.conf import settings

from config.celery import app


@pytest.fixture
def broker():
    """Tasks through Redis, as in production: nothing runs until a worker takes them."""
    client = redis.Redis.from_url(settings.CELERY_BROKER_URL)
    client.delete("celery")
    app.conf.task_always_eager = False
    yield client
    app.conf.task_always_eager = settings.CELERY_TASK_ALWAYS_EAGER
    client.delete("celery")
