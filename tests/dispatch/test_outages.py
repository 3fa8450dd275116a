"""A mail server that fails for a while never costs a reminder: it waits, and goes out once.

A real SMTP server (aiosmtpd) answers 421, 451, hangs or drops the connection, pass
after pass — more passes than a message may fail — then works again.
"""

import asyncio
import time
from datetime import datetime, timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from optout.models import Reminder, Tick
from reminders import dispatch
from reminders.monitoring import dispatch_health
from tests.helpers import PARIS, open_case
from tests.smtp import Sink, SmtpServer

pytestmark = pytest.mark.django_db

LEAD_7 = datetime(2026, 3, 17, 9, 0, tzinfo=PARIS)
TIMEOUT = 1  # EMAIL_TIMEOUT, seconds


class Relay(Sink):
    """A mail server whose answer to each message is set by the test."""

    def __init__(self):
        super().__init__()
        self.mode = "accept"
        self.full = set()  # recipients whose mailbox is full for now (452 to RCPT)
        self.tries = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.full:
            return "452 4.2.2 Mailbox full, try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.tries += 1
        if self.mode == "421":
            return "421 4.3.2 Service shutting down, closing transmission channel"
        if self.mode == "451":
            return "451 4.3.0 Local error in processing, try again later"
        if self.mode == "hang":
            await asyncio.sleep(TIMEOUT * 4)
            return "451 4.4.2 Too late"
        if self.mode == "drop":
            server.transport.close()
            return "250 never heard"
        return await super().handle_DATA(server, session, envelope)


@pytest.fixture
def relay(settings):
    server = SmtpServer(sink=Relay()).start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", server.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = TIMEOUT
    settings.METRICS_TOKEN = "t" * 24
    yield server
    server.stop()


def next_pass_moment(moment: datetime) -> datetime:
    """Just after the earliest pending row's time: the next pass that has something to do."""
    due = Reminder.objects.filter(status="pending").order_by("due_at").values_list("due_at", flat=True).first()
    return max(moment, due) + timedelta(seconds=1)


def metric(name: str) -> float:
    body = Client().get("/metrics", HTTP_AUTHORIZATION="Bearer " + "t" * 24).content.decode()
    return float(next(line.split()[-1] for line in body.splitlines() if line.startswith(name + " ")))


@pytest.mark.slow
def test_a_relay_that_answers_421_451_hangs_and_drops_pass_after_pass_loses_nothing_and_doubles_nothing(relay):
    cases = [open_case() for _ in range(12)]
    rows = Reminder.objects.filter(kind="lead-7")
    moment = LEAD_7 + timedelta(seconds=5)
    failures = ["421", "451", "hang", "drop", "421", "451", "hang", "drop"]  # more passes than MAX_ATTEMPTS
    outages = []
    assert len(failures) > dispatch.MAX_ATTEMPTS

    for mode in failures:
        relay.sink.mode = mode
        with time_machine.travel(moment, tick=False):
            started = time.monotonic()
            outcome = dispatch.dispatch_due(clock=timezone.now)
            took = time.monotonic() - started
            health = dispatch_health(now=timezone.now())
            outage = metric("optout_mail_outage_seconds")

        assert outcome.sent == 0 and outcome.failed == 0, mode
        assert took < 3 * TIMEOUT, (mode, took)  # one failed try per pass, not one timeout per message
        assert set(rows.values_list("status", "attempts")) == {("pending", 0)}, mode
        assert health.startswith("mail server failing for"), health
        assert "@" not in health
        outages.append(outage)
        moment = next_pass_moment(moment)
    assert outages[0] == 0 < outages[1] < outages[-1]  # since the first failure
    assert relay.sink.tries == len(failures)  # each pass tried one message, then stopped
    waited = rows.first().due_at - LEAD_7
    assert timedelta(minutes=15) <= waited <= timedelta(hours=2)  # backing off while it lasts

    relay.sink.mode = "accept"
    with time_machine.travel(moment, tick=False):
        assert dispatch.dispatch_due(clock=timezone.now).sent == len(cases)
        assert dispatch.dispatch_due(clock=timezone.now).sent == 0
        assert dispatch_health(now=timezone.now()) == "ok"
        assert metric("optout_mail_outage_seconds") == 0

    assert sorted(m["To"] for m in relay.messages) == sorted(c.person.owner.email for c in cases)
    assert len(set(relay.sink.message_ids())) == len(cases)
    assert set(rows.values_list("status", "attempts")) == {("sent", 1)}


def test_a_full_mailbox_waits_without_counting_an_attempt_while_the_others_go_out(relay):
    full, fine = open_case(), open_case()
    relay.sink.full.add(full.person.owner.email)
    moment = LEAD_7 + timedelta(seconds=5)

    for _ in range(dispatch.MAX_ATTEMPTS + 2):
        with time_machine.travel(moment, tick=False):
            dispatch.dispatch_due(clock=timezone.now)
        moment = next_pass_moment(moment)

    [sent] = relay.messages
    assert sent["To"] == fine.person.owner.email
    row = full.reminders.get(kind="lead-7")
    assert (row.status, row.attempts, row.last_error) == ("pending", 0, "SMTPRecipientsRefused [452]")
    assert not Tick.objects.filter(name=Tick.MAIL_OUTAGE).exists()  # one mailbox is not an outage

    relay.sink.full.clear()
    with time_machine.travel(moment, tick=False):
        assert dispatch.dispatch_due(clock=timezone.now).sent == 1
    assert [m["To"] for m in relay.messages] == [fine.person.owner.email, full.person.owner.email]
