"""What an operator watches: /metrics for Prometheus, and /healthz turning "degraded" when reminders stall."""

from datetime import datetime, timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone
from prometheus_client.parser import text_string_to_metric_families

from optout import services
from optout.models import Reminder
from reminders import dispatch
from tests.delivery import payloads
from tests.factories import UserFactory
from tests.helpers import PARIS, open_case

pytestmark = pytest.mark.django_db

LEAD_7 = datetime(2026, 3, 17, 9, 0, tzinfo=PARIS)
TOKEN = "metrics-token-0c6f1f1e4b7a4f3d9a1e"


@pytest.fixture
def metrics_token(settings):
    settings.METRICS_TOKEN = TOKEN
    return TOKEN


def scrape(token=TOKEN, **headers) -> dict:
    response = Client().get("/metrics", HTTP_AUTHORIZATION=f"Bearer {token}", HTTP_HOST="10.0.0.7", **headers)
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("text/plain; version=0.0.4")
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(response.content.decode())
        for sample in family.samples
    }


def value(metrics, name, **labels):
    return metrics[(name, tuple(sorted(labels.items())))]


def test_metrics_refuse_a_request_without_the_token_or_with_a_wrong_one(metrics_token):
    client = Client()

    missing = client.get("/metrics", HTTP_HOST="10.0.0.7")
    wrong = client.get("/metrics", HTTP_AUTHORIZATION="Bearer not-the-token", HTTP_HOST="10.0.0.7")
    basic = client.get("/metrics", HTTP_AUTHORIZATION=f"Basic {TOKEN}", HTTP_HOST="10.0.0.7")

    for response in (missing, wrong, basic):
        assert response.status_code == 401
        assert response["WWW-Authenticate"] == 'Bearer realm="metrics"'
        assert b"optout_" not in response.content


def test_without_a_metrics_token_there_is_no_metrics_endpoint(settings):
    settings.METRICS_TOKEN = ""

    assert Client().get("/metrics", HTTP_AUTHORIZATION="Bearer ").status_code == 404


def test_metrics_after_a_dispatch_with_one_failure_and_one_held_address(metrics_token, smtp_server, post_event):
    open_case()  # sent
    refused = open_case(user=UserFactory(email="refused@example.org"))  # the mail server refuses it
    held = open_case()  # bounced: held
    post_event("brevo", payloads.brevo("hard_bounce", held.person.owner.email))

    async def refuse(server, session, envelope, address, rcpt_options):
        if address == "refused@example.org":
            return "550 No such user"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    smtp_server.sink.handle_RCPT = refuse
    moment = LEAD_7 + timedelta(seconds=5)
    with time_machine.travel(moment, tick=False):
        outcome = dispatch.dispatch_due(clock=timezone.now)
        after_first = scrape()

    assert (outcome.sent, outcome.retried, outcome.failed) == (1, 1, 0)
    assert value(after_first, "optout_reminders", status="sent") == 1
    per_case = 7  # lead-7, lead-2, last-call, the three of the late phase, the space opening
    assert value(after_first, "optout_reminders", status="held") == per_case  # every reminder of the held address
    # The first case's rest, and the refused one's (its lead-7 waits for a retry):
    assert value(after_first, "optout_reminders", status="pending") == (per_case - 1) + per_case
    assert value(after_first, "optout_reminders", status="failed") == 0
    assert value(after_first, "optout_reminders_retrying") == 1
    assert value(after_first, "optout_reminders_due") == 0  # the retry waits a minute
    assert value(after_first, "optout_dispatch_lag_seconds") == 0
    assert value(after_first, "optout_addresses_undeliverable") == 1
    assert value(after_first, "optout_webhook_events_total", provider="brevo", kind="bounced") == 1
    assert value(after_first, "optout_beat_last_tick_timestamp_seconds") == moment.timestamp()

    for _ in range(dispatch.MAX_ATTEMPTS - 1):  # the refused one, until it fails for good
        moment = Reminder.objects.get(case=refused, kind="lead-7").due_at + timedelta(seconds=1)
        with time_machine.travel(moment, tick=False):
            dispatch.dispatch_due(clock=timezone.now)
    with time_machine.travel(moment, tick=False):
        after_all = scrape()

    assert value(after_all, "optout_reminders", status="failed") == 1
    assert value(after_all, "optout_reminders_retrying") == 0
    assert value(after_all, "optout_reminders", status="sent") == 1
    assert value(after_all, "optout_reminders", status="held") == per_case


def test_metrics_show_the_dispatch_lag_when_reminders_wait(metrics_token):
    open_case()
    open_case()

    with time_machine.travel(LEAD_7 + timedelta(minutes=11), tick=False):
        metrics = scrape()

    assert value(metrics, "optout_reminders_due") == 2
    assert value(metrics, "optout_dispatch_lag_seconds") == 660
    assert ("optout_beat_last_tick_timestamp_seconds", ()) not in metrics  # never ran: no sample rather than 1970


def test_metrics_are_answered_to_an_internal_address_over_plain_http_in_production_too(metrics_token, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.ALLOWED_HOSTS = ["a-temps.example.org"]

    assert value(scrape(), "optout_reminders_due") == 0


def health_at(moment):
    with time_machine.travel(moment, tick=False):
        response = Client().get("/healthz", HTTP_HOST="10.1.2.3")
    return response.status_code, response.json()


def test_healthz_turns_degraded_when_a_reminder_is_11_minutes_overdue_and_back_to_ok_after_a_dispatch(smtp_server):
    open_case()

    assert health_at(LEAD_7 + timedelta(minutes=9)) == (
        200,
        {"status": "ok", "database": "ok", "broker": "ok", "dispatch": "ok"},
    )
    assert health_at(LEAD_7 + timedelta(minutes=11)) == (
        503,
        {"status": "degraded", "database": "ok", "broker": "ok", "dispatch": "late: a reminder has been due for 660 s"},
    )
    with time_machine.travel(LEAD_7 + timedelta(minutes=11, seconds=30), tick=False):
        assert dispatch.dispatch_due(clock=timezone.now).sent == 1
    assert health_at(LEAD_7 + timedelta(minutes=12))[0] == 200


def test_healthz_turns_degraded_when_the_dispatcher_has_not_run_for_too_long_even_with_nothing_due(settings):
    settings.DISPATCH_ALARM_SECONDS = 600
    with time_machine.travel(LEAD_7, tick=False):
        dispatch.dispatch_due(clock=timezone.now)

    assert health_at(LEAD_7 + timedelta(minutes=9))[0] == 200
    assert health_at(LEAD_7 + timedelta(minutes=11)) == (
        503,
        {"status": "degraded", "database": "ok", "broker": "ok", "dispatch": "stalled: no dispatch for 660 s"},
    )


def test_the_alarm_delay_is_a_setting(settings):
    settings.DISPATCH_ALARM_SECONDS = 120
    open_case()

    assert health_at(LEAD_7 + timedelta(minutes=3))[1]["dispatch"] == "late: a reminder has been due for 180 s"


def test_held_reminders_do_not_count_as_late():
    case = open_case()
    services.address_hold(user=case.person.owner, reason="bounced", now=LEAD_7 - timedelta(days=1))

    assert health_at(LEAD_7 + timedelta(hours=2))[0] == 200


def test_the_alarm_reads_sqlites_timestamps_too():
    """`make run` uses SQLite, whose raw queries give timestamps as strings (in UTC)."""
    from datetime import UTC

    from reminders.monitoring import _moment

    assert _moment("2026-03-17 08:00:00") == datetime(2026, 3, 17, 8, 0, tzinfo=UTC)
    assert _moment(LEAD_7) == LEAD_7
    assert _moment(None) is None
