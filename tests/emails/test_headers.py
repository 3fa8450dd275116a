"""Every reminder says what it is to mail software: parsed back from the wire with Python's `email` package."""

import email
from datetime import datetime, timedelta
from email.policy import default
from email.utils import parseaddr

import pytest
import time_machine
from django.utils import timezone

from optout import services
from optout.models import Reminder
from reminders import dispatch
from tests.helpers import PARIS, open_case

LEAD_7 = datetime(2026, 3, 17, 9, 0, tzinfo=PARIS)


def headers_of(raw: bytes):
    return email.message_from_bytes(raw, policy=default)


@pytest.fixture
def wire(smtp_server):
    """The exact bytes each email had on the SMTP connection."""
    raw = []
    handle = smtp_server.sink.handle_DATA

    async def keep(server, session, envelope):
        raw.append(envelope.content)
        return await handle(server, session, envelope)

    smtp_server.sink.handle_DATA = keep
    return raw


@pytest.mark.django_db
def test_a_reminder_carries_auto_submitted_list_id_and_one_click_unsubscribe(wire):
    open_case()
    with time_machine.travel(LEAD_7 + timedelta(seconds=5), tick=False):
        dispatch.dispatch_due(clock=timezone.now)

    message = headers_of(wire[0])
    row = Reminder.objects.get(kind="lead-7")
    assert message["Auto-Submitted"] == "auto-generated"  # RFC 3834: no auto-replies to it
    assert message["List-Id"] == "Rappels <rappels.testserver>"  # RFC 2919
    assert parseaddr(str(message["List-Id"]))[1] == "rappels.testserver"
    unsubscribe = str(message["List-Unsubscribe"]).strip()  # long: folded onto its own line
    assert unsubscribe.startswith("<http://testserver/rappels/arret/") and unsubscribe.endswith("/>")  # RFC 2369
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"  # RFC 8058
    assert message["Message-ID"] == f"<reminder.{row.pk}.lead-7@testserver>"
    assert parseaddr(str(message["From"])) == ("À temps", "no-reply@localhost")
    assert message.get_content_type() == "multipart/alternative"


@pytest.mark.django_db
def test_a_catch_up_email_carries_the_same_headers(wire):
    case = open_case()
    services.address_hold(user=case.person.owner, reason="bounced", now=LEAD_7 - timedelta(days=1))
    catch_up = services.address_release(user=case.person.owner, now=LEAD_7 + timedelta(hours=1))
    with time_machine.travel(LEAD_7 + timedelta(hours=1, seconds=5), tick=False):
        dispatch.dispatch_due(clock=timezone.now)

    message = headers_of(wire[0])
    assert message["Auto-Submitted"] == "auto-generated"
    assert message["List-Id"] == "Rappels <rappels.testserver>"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message["Message-ID"] == f"<reminder.{catch_up.pk}.{catch_up.kind}@testserver>"
