"""Claim due reminders, send them, mark them. Never decides what to send.

1. Claim: in one short transaction, take due rows with SELECT … FOR UPDATE
   SKIP LOCKED, mark them "sending" with a lease. A second dispatcher skips
   them; a dispatcher that dies leaves a lease that expires, and the row is
   claimed again.
2. Send outside the transaction, over one reused SMTP connection (a second
   thread talks SMTP while the first renders the next email), marking each row
   "sent" as soon as the server has accepted it.
3. A failed send goes back to "pending" later (backoff), or to "failed"
   after MAX_ATTEMPTS. Logs name rows by id, never a body or an address.

When a worker is killed, at most the message in flight and the one whose mark was
on its way can be sent twice; none is lost.
"""

from __future__ import annotations

import contextlib
import logging
import queue
import smtplib
import socket
import sys
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import get_connection
from django.core.mail.backends.smtp import EmailBackend as SMTPBackend
from django.core.mail.message import sanitize_address
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from optout.emails import message_id, reminder_email
from optout.models import Reminder

logger = logging.getLogger(__name__)

BATCH_SIZE = 200
LEASE = timedelta(seconds=settings.DISPATCH_LEASE_SECONDS)
MAX_ATTEMPTS = 6
BACKOFF = [timedelta(minutes=m) for m in (1, 5, 15, 60, 240)]
#: How long to wait before trying again when the mail server does not answer at all.
OUTAGE_PAUSE = timedelta(minutes=1)
SEND_ERRORS = (smtplib.SMTPException, OSError, socket.timeout)

Status = Reminder.Status


@dataclass
class Outcome:
    claimed: int = 0
    sent: int = 0
    retried: int = 0
    failed: int = 0

    def add(self, other: Outcome) -> None:
        self.claimed += other.claimed
        self.sent += other.sent
        self.retried += other.retried
        self.failed += other.failed


def claim(*, now: datetime, limit: int = BATCH_SIZE) -> list[int]:
    """Take up to `limit` due rows for this dispatcher; returns their ids."""
    with transaction.atomic():
        due = Reminder.objects.select_for_update(skip_locked=True).filter(status=Status.PENDING, due_at__lte=now)
        ids = list(due.order_by("due_at").values_list("id", flat=True)[:limit])
        if len(ids) < limit:
            # Rows whose dispatcher died mid-batch: their lease has run out.
            stale = Reminder.objects.select_for_update(skip_locked=True).filter(
                status=Status.SENDING, lease_expires_at__lt=now
            )
            ids += list(stale.order_by("lease_expires_at").values_list("id", flat=True)[: limit - len(ids)])
        if ids:
            Reminder.objects.filter(id__in=ids).update(
                status=Status.SENDING, lease_expires_at=now + LEASE, attempts=F("attempts") + 1
            )
    return ids


def _describe(error: Exception) -> str:
    """An error, short and without addresses or content (SMTP errors quote recipients)."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = sorted({code for code, _ in error.recipients.values()})
        return f"SMTPRecipientsRefused {codes}"
    if isinstance(error, smtplib.SMTPResponseException):
        return f"{type(error).__name__} {error.smtp_code}"
    return f"{type(error).__name__}: {error}"[:200]


def _mark_sent(reminders: list[Reminder]) -> None:
    """Mark rows sent, with their Message-ID: one statement for all the results at hand."""
    if not reminders:
        return
    sent_at = timezone.now()
    if connection.vendor != "postgresql":
        for reminder in reminders:
            Reminder.objects.filter(pk=reminder.pk, status=Status.SENDING).update(
                status=Status.SENT,
                sent_at=sent_at,
                lease_expires_at=None,
                message_id=reminder.message_id,
                last_error="",
            )
        return
    # On the hot path, once or a few times per email: plain SQL, no query to compile.
    values = ", ".join(["(%s::bigint, %s::varchar)"] * len(reminders))
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE optout_reminder AS r SET status = 'sent', sent_at = %s, lease_expires_at = NULL, "  # noqa: S608
            f"message_id = v.mid, last_error = '' FROM (VALUES {values}) AS v(id, mid) "
            "WHERE r.id = v.id AND r.status = 'sending'",
            [sent_at, *[value for reminder in reminders for value in (reminder.pk, reminder.message_id)]],
        )


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


def _retry_later(reminder: Reminder, error: Exception, now: datetime) -> bool:
    """Back to pending after a pause, or failed for good. True if it will be retried."""
    summary = _describe(error)
    if reminder.attempts >= MAX_ATTEMPTS:
        Reminder.objects.filter(pk=reminder.pk, status=Status.SENDING).update(
            status=Status.FAILED, lease_expires_at=None, last_error=summary
        )
        logger.error("reminder %s failed for good after %s attempts: %s", reminder.pk, reminder.attempts, summary)
        return False
    pause = BACKOFF[min(reminder.attempts, len(BACKOFF)) - 1]
    Reminder.objects.filter(pk=reminder.pk, status=Status.SENDING).update(
        status=Status.PENDING, due_at=now + pause, lease_expires_at=None, last_error=summary
    )
    logger.warning("reminder %s not sent (attempt %s), retry in %s: %s", reminder.pk, reminder.attempts, pause, summary)
    return True


def _release(ids: list[int], error: Exception, now: datetime) -> None:
    """The mail server is unreachable: not the messages' fault, so no attempt is counted."""
    summary = _describe(error)
    Reminder.objects.filter(id__in=ids, status=Status.SENDING).update(
        status=Status.PENDING,
        due_at=now + OUTAGE_PAUSE,
        lease_expires_at=None,
        attempts=F("attempts") - 1,
        last_error=summary,
    )
    logger.warning("mail server unreachable, %s reminders wait %s: %s", len(ids), OUTAGE_PAUSE, summary)


SENT, FAILED, UNREACHABLE = "sent", "failed", "unreachable"


def _wire(message) -> tuple[str, list[str], bytes]:
    """What Django's SMTP backend would hand to smtplib, prepared here so that
    serializing the next email overlaps with the server's work on this one."""
    encoding = message.encoding or settings.DEFAULT_CHARSET
    recipients = [sanitize_address(address, encoding) for address in message.recipients()]
    return sanitize_address(message.from_email, encoding), recipients, message.message().as_bytes(linesep="\r\n")


def _smtp_sender(mail, to_send: queue.Queue, results: queue.Queue) -> None:
    """The only thread that talks SMTP: sends what it is given, in order, and says how it went.

    It never touches the database. When the server cannot be reached at all, every
    message it is given from then on comes back UNREACHABLE, untried.
    """
    opened, reachable = False, True
    while (item := to_send.get()) is not None:
        reminder, message, wire = item
        if not reachable:
            results.put((UNREACHABLE, reminder, None))
            continue
        if not opened:
            try:
                mail.open()
                opened = True
            except SEND_ERRORS as error:
                reachable = False
                results.put((UNREACHABLE, reminder, error))
                continue
        try:
            if wire is not None:
                mail.connection.sendmail(*wire)  # already serialized by the other thread
            else:
                mail.send_messages([message])
        except SEND_ERRORS as error:
            results.put((FAILED, reminder, error))
            _close_quietly(mail)  # the connection may be broken: a fresh one for the next message
            opened = False
            continue
        results.put((SENT, reminder, None))
    if opened:
        _close_quietly(mail)
    results.put(None)


def send_claimed(ids: list[int], *, now: datetime) -> Outcome:
    """Send the claimed rows: this thread renders and marks, a second one talks SMTP.

    Rendering the next email and marking the last one sent happen while the mail
    server answers, so a batch goes about as fast as the server takes it. A row is
    marked sent as soon as its result arrives: if the worker dies, at most the
    message in flight and the one whose mark was on its way can go out twice.
    """
    outcome = Outcome(claimed=len(ids))
    if not ids:
        return outcome
    rows = list(
        Reminder.objects.filter(id__in=ids)
        .select_related("case__person__owner", "case__letter")
        .order_by("due_at", "id")
    )
    to_send: queue.Queue = queue.Queue(maxsize=4)
    results: queue.Queue = queue.Queue()
    mail = get_connection(fail_silently=False)
    serialize = isinstance(mail, SMTPBackend)
    sender = threading.Thread(target=_smtp_sender, args=(mail, to_send, results), daemon=True)
    # The SMTP thread must get the interpreter lock back as soon as the server answers:
    # the default 5 ms switch interval is longer than sending an email takes.
    switch_interval = sys.getswitchinterval()
    sys.setswitchinterval(min(switch_interval, 0.001))
    sender.start()
    unreachable: list[tuple[Reminder, Exception | None]] = []

    def record(result, sent: list[Reminder]) -> bool:
        if result is None:
            return False
        state, reminder, error = result
        if state == SENT:
            sent.append(reminder)
            outcome.sent += 1
        elif state == FAILED:
            if _retry_later(reminder, error, now):
                outcome.retried += 1
            else:
                outcome.failed += 1
        else:
            unreachable.append((reminder, error))
        return True

    def drain() -> None:
        sent: list[Reminder] = []
        while True:
            try:
                record(results.get_nowait(), sent)
            except queue.Empty:
                break
        _mark_sent(sent)

    try:
        for reminder in rows:
            reminder.message_id = reminder.message_id or message_id(reminder)
            message = reminder_email(reminder)
            item = (reminder, message, _wire(message) if serialize else None)
            while True:
                try:
                    to_send.put(item, timeout=0.005)
                    break
                except queue.Full:
                    drain()  # mark what went out while the server answers
            drain()
    finally:
        to_send.put(None)
        while True:
            sent: list[Reminder] = []
            more = record(results.get(), sent)
            _mark_sent(sent)  # each one as it comes: nothing waits to be marked
            if not more:
                break
        sender.join()
        sys.setswitchinterval(switch_interval)
    if unreachable:
        error = next((e for _, e in unreachable if e is not None), OSError("mail server unreachable"))
        _release([reminder.pk for reminder, _ in unreachable], error, now)
        outcome.retried += len(unreachable)
    return outcome


def _close_quietly(connection) -> None:
    with contextlib.suppress(*SEND_ERRORS):
        connection.close()


def dispatch_due(
    *, now: datetime | None = None, batch_size: int = BATCH_SIZE, max_batches: int | None = None
) -> Outcome:
    """Send everything due now, batch after batch, until nothing is left to claim."""
    total = Outcome()
    batches = 0
    with _commits_without_waiting_for_disk():
        while max_batches is None or batches < max_batches:
            moment = now or timezone.now()
            ids = claim(now=moment, limit=batch_size)
            if not ids:
                break
            total.add(send_claimed(ids, now=moment))
            batches += 1
    if total.claimed:
        logger.info(
            "dispatch: %s claimed, %s sent, %s to retry, %s failed",
            total.claimed,
            total.sent,
            total.retried,
            total.failed,
        )
    return total
