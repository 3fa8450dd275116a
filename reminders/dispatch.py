"""Claim due reminders, send them, mark them. Never decides what to send.

1. Claim: in one short transaction, take due rows with SELECT … FOR UPDATE
   SKIP LOCKED, mark them "sending" with a lease. A second dispatcher skips
   them; a dispatcher that dies leaves a lease that expires, and the row is
   claimed again.
2. Render each email and send it outside the transaction, through the SMTP
   pipeline (reminders/smtp.py: one reused connection, a second thread), marking
   each row "sent" as soon as the server has accepted it.
   A slow mail server can make a batch outlive its lease: the dispatcher renews
   the lease of the rows it still holds every third of it, and never starts
   sending a row unless a third of its lease is still ahead; what it could not
   send in time goes back to "pending". A row's `lease_expires_at` is its
   holder's proof: a renewal, a retry or a release touches only the rows whose
   lease is still the value this dispatcher wrote; a row another dispatcher
   has taken over is no longer among ours.
3. A message refused for good (5xx) goes back to "pending" later (backoff) — or
   "held" if the address was reported undeliverable meanwhile — or to "failed"
   after MAX_ATTEMPTS. A temporary failure costs no attempt, so it never makes a
   reminder "failed": when the mail service fails (a refused, hanging or dropped
   connection, a 4xx reply, a provider's API down), the message and the rest of
   the batch go back to "pending", the pass stops, and the next one tries again
   after a pause that doubles while the outage lasts (OUTAGE_PAUSE up to
   OUTAGE_PAUSE_MAX); while it lasts the `mail-outage` Tick says since when and
   why (/healthz, /metrics). A recipient refused for now (4xx to RCPT: a full
   mailbox, greylisting) waits RECIPIENT_PAUSE; the others go on.
   Logs name rows by id, never a body or an address.

Each batch first records the time in the `dispatch` Tick: /healthz and /metrics
read it to tell a stopped beat or worker (reminders/monitoring.py).

When a worker is killed, at most the message in flight and the one whose mark was
on its way can be sent twice; none is lost.
"""

from __future__ import annotations

import logging
import smtplib
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from anymail.exceptions import AnymailError
from django.core.mail import get_connection
from django.db.models import Case, Exists, F, OuterRef, Value, When

from accounts.models import User
from optout import sql
from optout.models import Reminder, Tick
from optout.vocabulary import ReminderStatus as Status
from optout.vocabulary import is_catch_up
from reminders import smtp
from reminders.catch_up import catch_up_email
from reminders.claim import (
    BATCH_SIZE,
    Lease,
    _commits_without_waiting_for_disk,
    claim,
    lease_length,
    record_tick,
)
from reminders.emails import message_id, reminder_email

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 6
BACKOFF = [timedelta(minutes=m) for m in (1, 5, 15, 60, 240)]
#: How long to wait before trying again when the mail service fails: the outage's length so far,
#: between these two (so the pause doubles while it lasts).
OUTAGE_PAUSE = timedelta(minutes=1)
OUTAGE_PAUSE_MAX = timedelta(minutes=15)
#: How long a message whose recipient was refused for now (4xx to RCPT) waits.
RECIPIENT_PAUSE = timedelta(minutes=10)


@dataclass
class Outcome:
    claimed: int = 0
    sent: int = 0
    retried: int = 0
    failed: int = 0
    outage: bool = False  # the mail service failed during the batch

    def add(self, other: Outcome) -> None:
        self.claimed += other.claimed
        self.sent += other.sent
        self.retried += other.retried
        self.failed += other.failed
        self.outage = self.outage or other.outage


def _describe(error: Exception) -> str:
    """An error, short and without addresses or content (SMTP errors quote recipients)."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = sorted({code for code, _ in error.recipients.values()})
        return f"SMTPRecipientsRefused {codes}"
    if isinstance(error, smtplib.SMTPResponseException):
        return f"{type(error).__name__} {error.smtp_code}"
    if isinstance(error, AnymailError):  # a provider's answer may quote the recipient
        return f"{type(error).__name__} {error.status_code or ''}".strip()
    return f"{type(error).__name__}: {error}"[:200]


#: Marks one row sent, with its Message-ID, if it is still being sent (never a row given back meanwhile).
_MARK_SENT = (
    "UPDATE optout_reminder SET status = %s, sent_at = %s, message_id = %s, lease_expires_at = NULL, "
    "last_error = '' WHERE id = %s AND status = %s"
)


def _mark_sent(reminders: list[Reminder], now: datetime) -> None:
    """Mark rows sent at `now` as their results arrive, usually one per email.

    On the hot path, once per email: plain SQL, no query to compile, and on
    PostgreSQL a prepared statement, planned once per connection.
    """
    sql.execute_prepared(
        _MARK_SENT, [(Status.SENT, now, reminder.message_id, reminder.pk, Status.SENDING) for reminder in reminders]
    )


def _waiting_again():
    """Pending again — or held, if the owner's address was reported undeliverable while it was out."""
    undeliverable = User.objects.filter(
        people__cases__reminders=OuterRef("pk"), email_undeliverable_since__isnull=False
    )
    return Case(When(Exists(undeliverable), then=Value(Status.HELD)), default=Value(Status.PENDING))


def email_for(reminder: Reminder, now: datetime):
    """The row's email, in the words of `now`: the moment it leaves."""
    return catch_up_email(reminder, now=now) if is_catch_up(reminder.kind) else reminder_email(reminder, now=now)


def _retry_later(reminder: Reminder, error: Exception, now: datetime, lease: Lease) -> bool:
    """Back to pending after a pause, or failed for good. True if it will be retried."""
    summary = _describe(error)
    if reminder.attempts >= MAX_ATTEMPTS:
        Reminder.objects.filter(pk=reminder.pk, **lease.held()).update(
            status=Status.FAILED, lease_expires_at=None, last_error=summary
        )
        logger.error("reminder %s failed for good after %s attempts: %s", reminder.pk, reminder.attempts, summary)
        return False
    pause = BACKOFF[min(reminder.attempts, len(BACKOFF)) - 1]
    Reminder.objects.filter(pk=reminder.pk, **lease.held()).update(
        status=_waiting_again(), due_at=now + pause, lease_expires_at=None, last_error=summary
    )
    logger.warning("reminder %s not sent (attempt %s), retry in %s: %s", reminder.pk, reminder.attempts, pause, summary)
    return True


def outage_record(error: Exception, now: datetime) -> timedelta:
    """The mail service fails: note it (since when, why) and say how long to wait before trying again."""
    summary = _describe(error)
    since = Tick.objects.filter(name=Tick.MAIL_OUTAGE).values_list("at", flat=True).first() or now
    Tick.objects.bulk_create(
        [Tick(name=Tick.MAIL_OUTAGE, at=since, detail=summary)],
        update_conflicts=True,
        unique_fields=["name"],
        update_fields=["detail"],
    )
    return min(max(now - since, OUTAGE_PAUSE), OUTAGE_PAUSE_MAX)


def outage_over() -> None:
    if Tick.objects.filter(name=Tick.MAIL_OUTAGE).delete()[0]:
        logger.info("mail service works again")


def _release(ids: list[int], error: Exception, now: datetime, lease: Lease) -> None:
    """The mail service failed: not the messages' fault, so no attempt is counted."""
    summary = _describe(error)
    pause = outage_record(error, now)
    Reminder.objects.filter(id__in=ids, **lease.held()).update(
        status=_waiting_again(),
        due_at=now + pause,
        lease_expires_at=None,
        attempts=F("attempts") - 1,
        last_error=summary,
    )
    logger.warning("mail service failing, %s reminders wait %s: %s", len(ids), pause, summary)


def _defer(reminder: Reminder, error: Exception, now: datetime, lease: Lease) -> None:
    """This recipient is refused for now (a full mailbox, greylisting): no attempt counted, it waits."""
    summary = _describe(error)
    Reminder.objects.filter(pk=reminder.pk, **lease.held()).update(
        status=_waiting_again(),
        due_at=now + RECIPIENT_PAUSE,
        lease_expires_at=None,
        attempts=F("attempts") - 1,
        last_error=summary,
    )
    logger.warning("reminder %s refused for now, retry in %s: %s", reminder.pk, RECIPIENT_PAUSE, summary)


def _give_back(ids: list[int], lease: Lease) -> None:
    """Rows not sent because the lease ran short: due again at once, no attempt counted.
    Rows another dispatcher has taken over are theirs: untouched."""
    Reminder.objects.filter(id__in=ids, **lease.held()).update(
        status=_waiting_again(), lease_expires_at=None, attempts=F("attempts") - 1
    )
    logger.warning("dispatch: %s reminders not sent while the lease held, given back", len(ids))


def send_claimed(ids: list[int], *, clock: Callable[[], datetime], lease: Lease | None = None) -> Outcome:
    """Render each claimed row's email, hand it to the SMTP pipeline, mark it as its result comes.

    Rendering the next email and marking the last one sent happen while the mail
    server answers (reminders/smtp.py). A row is marked sent as soon as its result
    arrives: if the worker dies, at most the message in flight and the one whose
    mark was on its way can go out twice. Meanwhile the lease is renewed; a row
    whose lease runs short is not sent but given back. `clock` is the task's or command's:
    the batch's moment (retries count from it), each email's words and each mark.
    """
    outcome = Outcome(claimed=len(ids))
    if not ids:
        return outcome
    now = clock()
    lease = lease or Lease(ids, now + lease_length(), time.monotonic(), clock=clock)
    rows = list(
        Reminder.objects.filter(id__in=ids)
        .select_related("case__person__owner", "case__letter")
        .prefetch_related("case__steps")
        .order_by("due_at", "id")
    )
    unreachable: list[smtp.Result] = []
    skipped: list[int] = []

    def record(results: list[smtp.Result]) -> None:
        sent = []
        for result in results:
            if result.state == smtp.SENT:
                sent.append(result.key)
            elif result.state == smtp.FAILED:
                if _retry_later(result.key, result.error, now, lease):
                    outcome.retried += 1
                else:
                    outcome.failed += 1
            elif result.state == smtp.DEFERRED:
                _defer(result.key, result.error, now, lease)
                outcome.retried += 1
            elif result.state == smtp.SKIPPED:
                skipped.append(result.key.pk)
            else:
                unreachable.append(result)
            if result.state in (smtp.SENT, smtp.FAILED, smtp.DEFERRED):
                lease.done(result.key)
        outcome.sent += len(sent)
        if sent:
            _mark_sent(sent, clock())

    pipeline = smtp.Pipeline(get_connection(fail_silently=False), may_send=lease.may_send, tick=lease.tick)
    try:
        for reminder in rows:
            reminder.message_id = reminder.message_id or message_id(reminder)
            record(pipeline.put(reminder, email_for(reminder, clock())))
    finally:
        for result in pipeline.finish():
            record([result])  # each one as it comes: nothing waits to be marked
    if outcome.sent:
        outage_over()
    if unreachable:
        error = next((r.error for r in unreachable if r.error is not None), OSError("mail server unreachable"))
        _release([r.key.pk for r in unreachable if r.key.pk in lease.ids], error, now, lease)
        outcome.retried += len(unreachable)
        outcome.outage = True
    still_ours = [pk for pk in skipped if pk in lease.ids]
    if still_ours:
        _give_back(still_ours, lease)
    outcome.retried += len(skipped)
    return outcome


def dispatch_due(
    *,
    clock: Callable[[], datetime],
    batch_size: int = BATCH_SIZE,
    max_batches: int | None = None,
    max_seconds: float | None = None,
) -> Outcome:
    """Send everything due now, batch after batch, until nothing is left to claim.

    With `max_seconds`, no new batch is claimed once the pass has run that long:
    a task stops well within its time limit instead of being cut off mid-batch
    (whose rows would then wait for their lease to run out); the next pass,
    a minute later, takes up what is left. `clock` (the task's or command's: `timezone.now`)
    is read for each batch, each email's words, each mark and each lease renewal.
    """
    total = Outcome()
    batches = 0
    began = time.monotonic()
    with _commits_without_waiting_for_disk():
        while max_batches is None or batches < max_batches:
            if batches and max_seconds is not None and time.monotonic() - began >= max_seconds:
                break
            moment = clock()
            record_tick(moment)
            started = time.monotonic()
            ids = claim(now=moment, limit=batch_size)
            if not ids:
                break
            lease = Lease(ids, moment + lease_length(), started, clock=clock)
            total.add(send_claimed(ids, clock=clock, lease=lease))
            batches += 1
            if total.outage:
                break  # the next pass tries again, after the pause: one failed try per pass, not per batch
    if total.claimed:
        logger.info(
            "dispatch: %s claimed, %s sent, %s to retry, %s failed",
            total.claimed,
            total.sent,
            total.retried,
            total.failed,
        )
    return total
