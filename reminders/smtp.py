"""Many emails over one mail connection, as fast as the server takes them. Nothing of the domain here.

A second thread is the only one that talks to the mail server; the caller's
thread prepares the next message (with Django's SMTP backend, serializes it to
bytes) and handles the last result while the server answers. Results come back
in order, each tagged with the key the caller gave.

With a mail provider's HTTP API (django-anymail) the same thread calls the
backend once per message: no pipelining of the protocol, but the same results.

What a failure means (`outcome_of`):
- UNREACHABLE — the mail service, not the message: the connection refused, timed
  out or dropped, a 4xx reply to the connection, the sender or the data (421
  closing, 451 local error, 452 out of storage…), a provider's API that does not
  answer, answers 5xx or 429. This message and every later one of the batch come
  back untried: a hanging server costs one timeout per batch, not one per message.
- DEFERRED — a temporary refusal of this message's recipient (4xx to RCPT:
  greylisting, a full mailbox): this one waits, the next ones are tried.
- FAILED — a lasting refusal of this message (5xx; a provider's 4xx).

    pipeline = Pipeline(get_connection(fail_silently=False))
    try:
        for key, message in work:
            handle(pipeline.put(key, message))   # results that arrived meanwhile
    finally:
        for result in pipeline.finish():         # the rest, one by one, as they arrive
            handle([result])

Two optional hooks: `may_send(key)`, asked by the sending thread right before each
message (False: the message comes back SKIPPED, untried), and `tick()`, called
often in the caller's thread while it waits for the server.
"""

from __future__ import annotations

import contextlib
import queue
import smtplib
import socket
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from anymail.exceptions import AnymailError, AnymailRequestsAPIError
from django.core.mail.backends.smtp import EmailBackend as SMTPBackend

from reminders import speed

SEND_ERRORS = (smtplib.SMTPException, OSError, socket.timeout, AnymailError)

SENT, FAILED, DEFERRED, UNREACHABLE, SKIPPED = "sent", "failed", "deferred", "unreachable", "skipped"

#: How many prepared messages may wait for the mail server.
DEPTH = 4
#: How often the caller looks for results while the queue is full (seconds).
POLL = 0.005


@dataclass(frozen=True)
class Result:
    key: Any
    # SENT; FAILED (this message, for good); DEFERRED (this message, for now); UNREACHABLE (the server: this
    # message and the rest of the batch); or SKIPPED (may_send said no).
    state: str
    error: Exception | None = None


def wire(message) -> tuple[str, list[str], bytes]:
    """What Django's SMTP backend would hand to smtplib: sender, recipients, bytes (reminders/speed.py)."""
    return speed.wire(message)


def is_outage(error: Exception) -> bool:
    """A mail provider's API that did not answer, failed (5xx) or asks us to slow down (429)."""
    if not isinstance(error, AnymailRequestsAPIError):
        return False
    return error.status_code is None or error.status_code >= 500 or error.status_code == 429


def _is_temporary_code(code) -> bool:
    return isinstance(code, int) and 400 <= code < 500


def outcome_of(error: Exception) -> str:
    """What a sending error says: UNREACHABLE (the service), DEFERRED (this recipient, for now) or FAILED."""
    if isinstance(error, AnymailError):
        return UNREACHABLE if is_outage(error) else FAILED
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = {code for code, _ in error.recipients.values()}
        if 421 in codes:  # "service not available, closing the channel", said to a recipient
            return UNREACHABLE
        return DEFERRED if codes and all(_is_temporary_code(code) for code in codes) else FAILED
    if isinstance(error, smtplib.SMTPResponseException):
        return UNREACHABLE if _is_temporary_code(error.smtp_code) else FAILED
    if isinstance(error, smtplib.SMTPServerDisconnected | OSError):  # dropped, timed out, refused, reset
        return UNREACHABLE
    return FAILED


def close_quietly(connection) -> None:
    with contextlib.suppress(*SEND_ERRORS):
        connection.close()


class Pipeline:
    def __init__(
        self,
        connection,
        *,
        depth: int = DEPTH,
        may_send: Callable[[Any], bool] | None = None,
        tick: Callable[[], None] | None = None,
    ):
        self.connection = connection
        self.may_send = may_send or (lambda key: True)
        self.tick = tick or (lambda: None)
        self.serialize = isinstance(connection, SMTPBackend)
        self._to_send: queue.Queue = queue.Queue(maxsize=depth)
        self._results: queue.Queue = queue.Queue()
        self._thread = threading.Thread(target=self._send_all, daemon=True)
        self._thread.start()

    def put(self, key, message) -> list[Result]:
        """Queue one message; returns the results that arrived meanwhile."""
        item = (key, message, wire(message) if self.serialize else None)
        arrived = []
        while True:
            try:
                self._to_send.put(item, timeout=POLL)
                break
            except queue.Full:
                self.tick()
                arrived += self.ready()
        self.tick()
        return arrived + self.ready()

    def ready(self) -> list[Result]:
        """The results that have arrived, without waiting."""
        arrived = []
        while True:
            try:
                result = self._results.get_nowait()
            except queue.Empty:
                return arrived
            if result is not None:
                arrived.append(result)
            else:
                self._results.put(None)  # finish() still needs to see the end
                return arrived

    def finish(self) -> Iterator[Result]:
        """No more messages: yields every remaining result as it arrives, then stops the thread."""
        self._to_send.put(None)
        try:
            while True:
                try:
                    result = self._results.get(timeout=POLL * 10)
                except queue.Empty:
                    self.tick()
                    continue
                if result is None:
                    return
                yield result
        finally:
            self._thread.join()

    def _send_all(self) -> None:
        """The sending thread. It never touches the database. Once the server cannot be
        reached at all, every message from then on comes back UNREACHABLE, untried."""
        mail, opened, reachable = self.connection, False, True
        while (item := self._to_send.get()) is not None:
            key, message, prepared = item
            if not self.may_send(key):
                self._results.put(Result(key, SKIPPED))
                continue
            if not reachable:
                self._results.put(Result(key, UNREACHABLE))
                continue
            if not opened:
                try:
                    mail.open()
                    opened = True
                except SEND_ERRORS as error:
                    reachable = False
                    self._results.put(Result(key, UNREACHABLE, error))
                    continue
            try:
                if prepared is not None:
                    mail.connection.sendmail(*prepared)  # already serialized by the caller's thread
                else:
                    mail.send_messages([message])
            except Exception as error:  # whatever it is, this thread must answer for every message
                state = outcome_of(error)
                reachable = state != UNREACHABLE
                self._results.put(Result(key, state, error))
                close_quietly(mail)  # the connection may be broken: a fresh one for the next message
                opened = False
                continue
            self._results.put(Result(key, SENT))
        if opened:
            close_quietly(mail)
        self._results.put(None)
