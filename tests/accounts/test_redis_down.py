"""Redis is optional for signing in: while it cannot be reached, the cache uses the database.

Redis is made unreachable the plain way: the cache points at a port where nothing listens.
Sign-in, the dashboard and a case page still work, the rate limits still hold, a log line
and a metric say so; nothing is a 500.
"""

import logging

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from optout.models import Tick
from tests.factories import PASSWORD, UserFactory
from tests.helpers import open_case
from tests.smtp import free_port

pytestmark = pytest.mark.django_db

TOKEN = "metrics-token-redis-down-0c6f1f1e"


@pytest.fixture
def redis_down(settings):
    settings.CACHES = {
        "default": {"BACKEND": settings.CACHES["default"]["BACKEND"], "LOCATION": f"redis://127.0.0.1:{free_port()}/0"}
    }
    settings.METRICS_TOKEN = TOKEN
    return settings


def sign_in(client, user, password=PASSWORD):
    return client.post(reverse("account_login"), {"login": user.email, "password": password})


def test_signing_in_and_the_signed_in_pages_work_while_redis_is_unreachable(redis_down, caplog):
    user = UserFactory()
    case = open_case(user)
    client = Client(raise_request_exception=False)

    with caplog.at_level(logging.WARNING, logger="config.cache"):
        response = sign_in(client, user)

    assert response.status_code == 302 and response["Location"] == reverse("dashboard")
    assert client.get(reverse("dashboard")).status_code == 200
    assert client.get(reverse("case_detail", args=[case.pk])).status_code == 200
    assert "cache: Redis unreachable (ConnectionError), using the database cache" in caplog.text
    metrics = Client().get("/metrics", HTTP_AUTHORIZATION=f"Bearer {TOKEN}").content.decode()
    assert "optout_cache_redis_unreachable_seconds " in metrics
    assert Tick.objects.filter(name=Tick.CACHE_DOWN).exists()


def test_the_rate_limits_still_hold_in_the_database_meanwhile(redis_down):
    user = UserFactory()
    client = Client(raise_request_exception=False)

    answers = [sign_in(client, user, "wrong-password-123").status_code for _ in range(6)]

    assert 500 not in answers
    refused = sign_in(client, user).content.decode()
    assert "Trop de tentatives de connexion" in refused.replace("\u2019", "'")


def test_pages_are_not_kept_in_the_database_while_redis_is_away(redis_down):
    from django.db import connection

    user = UserFactory()
    open_case(user, label="Léonie Martin")
    client = Client()
    client.force_login(user)

    assert client.get(reverse("dashboard")).status_code == 200

    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM django_cache WHERE cache_key LIKE %s", ["%page:%"])
        assert cursor.fetchone()[0] == 0


def test_the_cache_goes_back_to_redis_when_it_answers_again(settings, monkeypatch, caplog):
    from django.core.cache import caches

    import config.cache

    monkeypatch.setattr(config.cache, "RETRY_SECONDS", 0.0)
    good = settings.CACHES["default"]["LOCATION"]
    settings.CACHES = {"default": {"BACKEND": "config.cache.RedisWithFallback", "LOCATION": good}}
    backend = caches["default"]
    backend._went_away(ConnectionError("as if Redis had been away"))
    assert Tick.objects.filter(name=Tick.CACHE_DOWN).exists()

    with caplog.at_level(logging.INFO, logger="config.cache"):
        backend.set("ping", "pong")

    assert backend.get("ping") == "pong" and cache.get("ping") == "pong"  # in Redis, where the site reads it
    assert "cache: Redis answers again" in caplog.text
    assert not Tick.objects.filter(name=Tick.CACHE_DOWN).exists()
