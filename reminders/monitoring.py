"""What an operator watches: /healthz's dispatch check, and /metrics for Prometheus.

Every value is read from the database when it is asked for: no counter lives in a
process (each web and worker process would have its own, and lose it on restart).

- `dispatch_health()` — named by settings.HEALTH_CHECKS, run by config/health.py:
  "ok", or "mail server failing: …" while the mail service fails (reminders wait,
  no attempt counted), or "late: …" when a reminder has waited more than
  DISPATCH_ALARM_SECONDS past its time, or "stalled: …" when the dispatcher has
  not been woken for that long. One query: the first entry of the partial index
  `reminder_pending_due` and the `dispatch` and `mail-outage` Ticks' rows.
- `MetricsMiddleware` — GET /metrics in Prometheus's text format, only with
  `Authorization: Bearer <METRICS_TOKEN>`. Answered before host validation and
  the HTTPS redirect, like /healthz, so that Prometheus can scrape each web
  container by its internal address; without METRICS_TOKEN there is no /metrics.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.db import connection
from django.db.models import Count, Min
from django.http import HttpResponse, HttpResponseNotAllowed
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.dateparse import parse_datetime
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily
from prometheus_client.exposition import choose_encoder

from accounts.models import User
from config.health import READ_METHODS
from optout.models import Reminder, Tick, WebhookEventCount
from optout.vocabulary import ReminderStatus

METRICS_PATH = "/metrics"


def _moment(value) -> datetime | None:
    """A raw query's timestamp: PostgreSQL gives an aware datetime, SQLite (development) a string in UTC."""
    if value is None or (isinstance(value, datetime) and timezone.is_aware(value)):
        return value
    moment = parse_datetime(value) if isinstance(value, str) else value
    return timezone.make_aware(moment, UTC) if timezone.is_naive(moment) else moment


def _oldest_pending_and_ticks() -> tuple[datetime | None, datetime | None, datetime | None, str | None]:
    ticks = Tick._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT (SELECT min(due_at) FROM {Reminder._meta.db_table} WHERE status = %s), "  # noqa: S608
            f"(SELECT at FROM {ticks} WHERE name = %s), "
            f"(SELECT at FROM {ticks} WHERE name = %s), (SELECT detail FROM {ticks} WHERE name = %s)",
            [ReminderStatus.PENDING, Tick.DISPATCH, Tick.MAIL_OUTAGE, Tick.MAIL_OUTAGE],
        )
        oldest, tick, outage, detail = cursor.fetchone()
    return _moment(oldest), _moment(tick), _moment(outage), detail


def dispatch_health(*, now: datetime) -> str:
    """ "ok", or why reminders are not going out (the mail service failing, a stopped worker or beat)."""
    alarm = timedelta(seconds=settings.DISPATCH_ALARM_SECONDS)
    oldest, tick, outage, detail = _oldest_pending_and_ticks()
    if outage is not None:
        return f"mail server failing for {max(int((now - outage).total_seconds()), 0)} s: {detail}"
    if oldest is not None and now - oldest > alarm:
        return f"late: a reminder has been due for {int((now - oldest).total_seconds())} s"
    if tick is not None and now - tick > alarm:
        return f"stalled: no dispatch for {int((now - tick).total_seconds())} s"
    return "ok"  # never dispatched at all (a new install) is not an alarm until a reminder is late


def record_cache_state(*, down: bool, detail: str, now: datetime) -> None:
    """Named by settings.CACHE_STATE_RECORDER: the cache lost Redis (since now, unless already noted)
    or has it back."""
    if not down:
        Tick.objects.filter(name=Tick.CACHE_DOWN).delete()
        return
    Tick.objects.get_or_create(name=Tick.CACHE_DOWN, defaults={"at": now, "detail": detail})


@dataclass(frozen=True)
class Snapshot:
    due: int
    oldest_due: datetime | None
    by_status: dict[str, int]
    retrying: int
    undeliverable: int
    events: list[tuple[str, str, int]]
    last_tick: datetime | None
    mail_outage_since: datetime | None
    cache_down_since: datetime | None
    now: datetime


def snapshot(*, now: datetime) -> Snapshot:
    """Every figure /metrics shows, read now: eight small queries, the first on the partial index."""
    due = Reminder.objects.filter(status=ReminderStatus.PENDING, due_at__lte=now).aggregate(
        count=Count("pk"), oldest=Min("due_at")
    )
    by_status = dict(Reminder.objects.order_by().values_list("status").annotate(count=Count("pk")))
    return Snapshot(
        due=due["count"],
        oldest_due=due["oldest"],
        by_status={status.value: by_status.get(status.value, 0) for status in ReminderStatus},
        # Waiting for another try after an error (the mail server or provider refused, or was down).
        retrying=Reminder.objects.filter(status=ReminderStatus.PENDING).exclude(last_error="").count(),
        undeliverable=User.objects.filter(email_undeliverable_since__isnull=False).count(),
        events=list(WebhookEventCount.objects.order_by("provider", "kind").values_list("provider", "kind", "count")),
        last_tick=Tick.objects.filter(name=Tick.DISPATCH).values_list("at", flat=True).first(),
        mail_outage_since=Tick.objects.filter(name=Tick.MAIL_OUTAGE).values_list("at", flat=True).first(),
        cache_down_since=Tick.objects.filter(name=Tick.CACHE_DOWN).values_list("at", flat=True).first(),
        now=now,
    )


class _Collector:
    """A snapshot as Prometheus metric families."""

    def __init__(self, snap: Snapshot):
        self.snap = snap

    def collect(self):
        snap = self.snap
        yield GaugeMetricFamily(
            "optout_reminders_due", "Reminders whose time has come and that are not sent yet.", snap.due
        )
        lag = (snap.now - snap.oldest_due).total_seconds() if snap.oldest_due else 0.0
        yield GaugeMetricFamily(
            "optout_dispatch_lag_seconds", "How long the oldest due reminder has been waiting (0 when none).", lag
        )
        rows = GaugeMetricFamily("optout_reminders", "Reminder rows by status.", labels=["status"])
        for status, count in snap.by_status.items():
            rows.add_metric([status], count)
        yield rows
        yield GaugeMetricFamily(
            "optout_reminders_retrying",
            "Pending reminders waiting for another try after a sending error.",
            snap.retrying,
        )
        outage = (snap.now - snap.mail_outage_since).total_seconds() if snap.mail_outage_since else 0.0
        yield GaugeMetricFamily(
            "optout_mail_outage_seconds",
            "How long the mail server (or provider's API) has been failing; reminders wait meanwhile (0: it works).",
            max(outage, 0.0),
        )
        away = (snap.now - snap.cache_down_since).total_seconds() if snap.cache_down_since else 0.0
        yield GaugeMetricFamily(
            "optout_cache_redis_unreachable_seconds",
            "How long the cache has been using the database because Redis cannot be reached (0: Redis answers).",
            max(away, 0.0),
        )
        yield GaugeMetricFamily(
            "optout_addresses_undeliverable", "Accounts whose address is marked undeliverable.", snap.undeliverable
        )
        events = CounterMetricFamily(
            "optout_webhook_events", "Tracking events posted by mail providers, by kind.", labels=["provider", "kind"]
        )
        for provider, kind, count in snap.events:
            events.add_metric([provider, kind], count)
        yield events
        if snap.last_tick is not None:  # absent until the dispatcher first runs
            yield GaugeMetricFamily(
                "optout_beat_last_tick_timestamp_seconds",
                "When beat (or dispatch_reminders) last woke the dispatcher, in Unix time.",
                snap.last_tick.timestamp(),
            )


def metrics_text(accept: str = "", *, now: datetime) -> tuple[bytes, str]:
    encoder, content_type = choose_encoder(accept)
    return encoder(_Collector(snapshot(now=now))), content_type


def _authorized(request) -> bool:
    header = request.META.get("HTTP_AUTHORIZATION", "")
    scheme, _, token = header.partition(" ")
    return scheme.lower() == "bearer" and constant_time_compare(token.strip(), settings.METRICS_TOKEN)


class MetricsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.rstrip("/") != METRICS_PATH or not settings.METRICS_TOKEN:
            return self.get_response(request)
        if request.method not in READ_METHODS:
            return HttpResponseNotAllowed(READ_METHODS)
        if not _authorized(request):
            response = HttpResponse("token required\n", status=401, content_type="text/plain")
            response["WWW-Authenticate"] = 'Bearer realm="metrics"'
        else:
            body, content_type = metrics_text(request.META.get("HTTP_ACCEPT", ""), now=timezone.now())
            response = HttpResponse(body, content_type=content_type)
        response["Cache-Control"] = "no-store"
        return response
