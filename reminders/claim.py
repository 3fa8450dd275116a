"""Claiming due reminders: SELECT … FOR UPDATE SKIP LOCKED, then one UPDATE, under a lease.

A second dispatcher skips the rows one holds; a dispatcher that dies leaves a lease that
expires, and the rows are claimed again. A row's `lease_expires_at` is its holder's proof
(reminders/dispatch.py says what the dispatcher does with them).
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from datetime import datetime, timedelta

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F

from optout.models import Reminder, Tick
from optout.vocabulary import ReminderStatus as Status
from reminders.shape import is_action_reminder

BATCH_SIZE = 200


def lease_length() -> timedelta:
    """How long a claim lasts without renewal (DISPATCH_LEASE_SECONDS): a dead worker's rows wait this long."""
    return timedelta(seconds=settings.DISPATCH_LEASE_SECONDS)


class Lease:
    """The rows this dispatcher holds, renewed as it goes.

    `expires_at` is the value written in the rows, its proof of holding them.
    `deadline` is the same moment on this process's monotonic clock, counted from
    before the write (never later than the truth). Renewal runs in the caller's
    thread; `may_send` is asked by the sending thread before each message.
    `clock` (the task's or command's) gives the time a renewal writes.
    """

    def __init__(self, ids: list[int], expires_at: datetime, started: float, *, clock: Callable[[], datetime]):
        self.ids = set(ids)
        self.clock = clock
        self.expires_at = expires_at
        self.length = lease_length()
        self.deadline = started + self.length.total_seconds()
        self.renewed = started

    def may_send(self, reminder: Reminder) -> bool:
        """Still ours, with a third of the lease ahead: time enough to send one message."""
        return reminder.pk in self.ids and time.monotonic() < self.deadline - self.length.total_seconds() / 3

    def done(self, reminder: Reminder) -> None:
        self.ids.discard(reminder.pk)

    def tick(self) -> None:
        if self.ids and time.monotonic() >= self.renewed + self.length.total_seconds() / 3:
            self.renew()

    def renew(self) -> None:
        started = time.monotonic()
        expires_at = max(self.expires_at, self.clock() + self.length)
        with transaction.atomic():
            # Rows another dispatcher took over (our lease had run out) are theirs from now on.
            still_ours = Reminder.objects.select_for_update().filter(id__in=self.ids, **self.held())
            self.ids = set(still_ours.values_list("id", flat=True))
            Reminder.objects.filter(id__in=self.ids).update(lease_expires_at=expires_at)
        self.expires_at, self.deadline, self.renewed = expires_at, started + self.length.total_seconds(), started

    def held(self) -> dict:
        """The filter for rows still held under this lease."""
        return {"status": Status.SENDING, "lease_expires_at": self.expires_at}


def _superseded(rows: list[tuple[int, int, str]], later: set[int] | frozenset = frozenset()) -> set[int]:
    """Of due reminders about one case's next action, all but the latest (rows: id, case, kind, by due
    time); all of them for the cases in `later`, which have a later one due beyond these rows.

    After a pause in sending (a stopped worker), a case may have several such reminders due at
    once; each would say the same thing, the action as it is when the email leaves: one is enough.
    """
    latest = {case_id: row_id for row_id, case_id, kind in rows if is_action_reminder(kind)}
    return {
        row_id
        for row_id, case_id, kind in rows
        if is_action_reminder(kind) and (latest[case_id] != row_id or case_id in later)
    }


def _due_beyond(rows: list[tuple[int, int, str]], now: datetime) -> set[int]:
    """The cases of these rows with another reminder about their next action due beyond them (rows come
    by due time: that one is later, and goes in a later batch, alone)."""
    cases = {case_id for _row, case_id, kind in rows if is_action_reminder(kind)}
    if not cases:
        return set()
    beyond = (
        Reminder.objects.filter(case_id__in=cases, status=Status.PENDING, due_at__lte=now)
        .exclude(id__in=[row_id for row_id, _case, _kind in rows])
        .values_list("case_id", "kind")
    )
    return {case_id for case_id, kind in beyond if is_action_reminder(kind)}


def claim(*, now: datetime, limit: int = BATCH_SIZE) -> list[int]:
    """Take up to `limit` due rows for this dispatcher; returns their ids."""
    with transaction.atomic():
        due = Reminder.objects.select_for_update(skip_locked=True).filter(status=Status.PENDING, due_at__lte=now)
        while True:
            rows = list(due.order_by("due_at", "id").values_list("id", "case_id", "kind")[:limit])
            # More may be due than one batch holds: a case's later reminder among them.
            superseded = _superseded(rows, _due_beyond(rows, now) if len(rows) == limit else set())
            if superseded:
                Reminder.objects.filter(id__in=superseded).update(status=Status.CANCELLED, last_error="superseded")
            ids = [row_id for row_id, _case, _kind in rows if row_id not in superseded]
            if ids or not superseded:
                break  # a batch that gave way whole to later reminders: the next rows, as long as some are due
        if len(ids) < limit:
            # Rows whose dispatcher died mid-batch: their lease has run out.
            stale = Reminder.objects.select_for_update(skip_locked=True).filter(
                status=Status.SENDING, lease_expires_at__lt=now
            )
            ids += list(stale.order_by("lease_expires_at").values_list("id", flat=True)[: limit - len(ids)])
        if ids:
            Reminder.objects.filter(id__in=ids).update(
                status=Status.SENDING, lease_expires_at=now + lease_length(), attempts=F("attempts") + 1
            )
    return ids


@contextlib.contextmanager
def _commits_without_waiting_for_disk():
    """During a dispatch pass, PostgreSQL confirms commits before they reach the disk.

    If PostgreSQL itself crashed, the last few marks could be lost: those reminders
    would be sent again — never lost. A worker crash is not concerned: every commit
    is already in PostgreSQL's hands. This spares one disk flush per email.
    """
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SET synchronous_commit TO OFF")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET synchronous_commit")


def record_tick(now: datetime) -> None:
    """The dispatcher is awake: one upsert per batch, read by /healthz and /metrics."""
    Tick.objects.bulk_create(
        [Tick(name=Tick.DISPATCH, at=now)], update_conflicts=True, unique_fields=["name"], update_fields=["at"]
    )
