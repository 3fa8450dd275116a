"""What an operator relies on: /healthz, JSON logs with request ids, optional Sentry."""

import json
import logging

import pytest
from django.test import Client

from config.logging import JsonFormatter
from config.request_id import RequestIdFilter, request_id_var
from tests.project.test_setup import production_env, run_django

HEALTH = (
    "import django; django.setup(); from django.test import Client; "
    "r = Client().get('/healthz', HTTP_HOST='10.1.2.3'); print(r.status_code, r.content.decode())"
)


@pytest.mark.django_db
def test_healthz_answers_200_in_json_when_the_database_and_the_broker_answer():
    response = Client().get("/healthz", HTTP_HOST="10.1.2.3")  # any host: load balancers call it by IP

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "broker": "ok", "dispatch": "ok"}


@pytest.mark.slow
def test_healthz_answers_503_and_names_the_database_when_it_is_unreachable():
    result = run_django(
        HEALTH, production_env(DATABASE_URL="postgres://postgres@127.0.0.1:1/nowhere", SECURE_SSL_REDIRECT="true")
    )

    status, body = result.stdout.strip().split(" ", 1)
    assert status == "503", result.stderr
    assert json.loads(body) == {
        "status": "unavailable",
        "database": "down: OperationalError",
        "broker": "ok",
        "dispatch": "unknown",
    }


@pytest.mark.slow
def test_healthz_answers_503_and_names_the_broker_when_redis_is_down():
    result = run_django(HEALTH, production_env(REDIS_URL="redis://127.0.0.1:1/0"))

    status, body = result.stdout.strip().split(" ", 1)
    assert status == "503", result.stderr
    assert json.loads(body)["broker"].startswith("down")


def test_production_logs_are_one_json_object_per_line_with_the_request_id():
    record = logging.LogRecord("reminders.dispatch", logging.INFO, __file__, 1, "reminder %s sent", (42,), None)
    token = request_id_var.set("abc123def456")
    try:
        RequestIdFilter().filter(record)
    finally:
        request_id_var.reset(token)

    line = JsonFormatter().format(record)

    assert "\n" not in line
    entry = json.loads(line)
    assert entry["message"] == "reminder 42 sent"
    assert entry["request_id"] == "abc123def456"
    assert (entry["level"], entry["logger"]) == ("INFO", "reminders.dispatch")


@pytest.mark.slow
def test_production_chooses_json_logs():
    code = "import django; django.setup(); from django.conf import settings as s; print(s.LOG_FORMAT)"
    assert run_django(code, production_env()).stdout.strip() == "json"


@pytest.mark.django_db
def test_every_response_carries_a_request_id_and_keeps_a_sane_one_from_the_proxy():
    client = Client()
    assert len(client.get("/")["X-Request-ID"]) == 32
    assert client.get("/", HTTP_X_REQUEST_ID="proxy-id-12345")["X-Request-ID"] == "proxy-id-12345"
    assert client.get("/", HTTP_X_REQUEST_ID="bad id\nwith newline")["X-Request-ID"] != "bad id\nwith newline"


@pytest.mark.slow
def test_sentry_is_off_by_default_and_on_with_a_dsn():
    code = "import django; django.setup(); import sentry_sdk; print(sentry_sdk.get_client().is_active())"
    assert run_django(code, production_env()).stdout.strip() == "False"
    with_dsn = run_django(code, production_env(SENTRY_DSN="https://public@sentry.example.invalid/1"))
    assert with_dsn.stdout.strip() == "True", with_dsn.stderr


def test_only_the_proxy_may_set_forwarded_headers_for_gunicorn():
    from pathlib import Path

    import yaml

    root = Path(__file__).resolve().parents[2]
    compose = yaml.safe_load((root / "docker-compose.yml").read_text())
    allowed = compose["services"]["web"]["environment"]["FORWARDED_ALLOW_IPS"]
    subnet = compose["networks"]["default"]["ipam"]["config"][0]["subnet"]
    gunicorn = (root / "config/gunicorn.py").read_text()
    docs = (root / "docs/operations.md").read_text()

    assert "*" not in allowed and subnet in allowed
    assert 'os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")' in gunicorn
    assert compose["services"]["web"]["ports"] == ["127.0.0.1:8000:8000"]  # the proxy on this machine only
    assert "gunicorn must only be reachable through the proxy" in docs


@pytest.mark.slow
def test_beat_wakes_the_dispatcher_on_the_clocks_minute_so_nine_oclock_reminders_leave_at_nine():
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "e = s.CELERY_BEAT_SCHEDULE['dispatch-due-reminders']['schedule']; "
        "print(type(e).__name__, sorted(e.minute) == list(range(0, 60, {step})) if hasattr(e, 'minute') else e)"
    )
    every_minute = run_django(code.format(step=1), production_env())
    assert every_minute.stdout.split() == ["crontab", "True"], every_minute.stderr
    every_five = run_django(code.format(step=5), production_env(DISPATCH_INTERVAL_SECONDS="300"))
    assert every_five.stdout.split() == ["crontab", "True"], every_five.stderr
    odd = run_django(code.format(step=1), production_env(DISPATCH_INTERVAL_SECONDS="45"))
    assert odd.stdout.split() == ["int", "45"], odd.stderr
