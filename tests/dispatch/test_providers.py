"""The dispatcher with a mail provider's API (django-anymail) keeps its promises: once, marked, never lost."""

from datetime import datetime, timedelta
from io import StringIO

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from optout.models import Reminder
from reminders import dispatch
from tests.dispatch.test_dispatch import run_in_threads
from tests.helpers import PARIS, open_case, plain
from tests.provider import DOWN, REFUSE, FakePostmark
from tests.smtp import free_port

LEAD_7 = datetime(2026, 3, 17, 9, 0, tzinfo=PARIS)


@pytest.fixture
def anymail_test_backend(settings, mailoutbox):
    settings.EMAIL_BACKEND = "anymail.backends.test.EmailBackend"
    return mailoutbox


@pytest.fixture
def postmark(settings):
    api = FakePostmark().start()
    settings.EMAIL_BACKEND = "anymail.backends.postmark.EmailBackend"
    settings.ANYMAIL = {**settings.ANYMAIL, "POSTMARK_SERVER_TOKEN": "server-token", "POSTMARK_API_URL": api.url}
    yield api
    api.stop()


def lead_7():
    return Reminder.objects.get(kind="lead-7")


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_with_anymails_test_backend_two_dispatchers_send_each_of_300_rows_once_and_mark_it(anymail_test_backend):
    call_command("seed_demo", users=300, due_now=True, stdout=StringIO())

    run_in_threads(2, lambda: dispatch.dispatch_due(clock=timezone.now, batch_size=40))

    outbox = mail.outbox
    assert len(outbox) == 300
    assert len({m.extra_headers["Message-ID"] for m in outbox}) == 300
    assert len({m.to[0] for m in outbox}) == 300
    assert {m.anymail_status.status.pop() for m in outbox} == {"sent"}
    assert Reminder.objects.filter(status="sent").count() == 300
    assert dispatch.dispatch_due(clock=timezone.now).claimed == 0


@pytest.mark.django_db
def test_a_reminder_through_a_provider_api_carries_the_same_words_and_headers(postmark):
    case = open_case()

    with time_machine.travel(LEAD_7 + timedelta(seconds=5), tick=False):
        assert dispatch.dispatch_due(clock=timezone.now).sent == 1

    [sent] = postmark.received
    assert sent["To"] == case.person.owner.email
    assert plain(sent["Subject"]) == "J-7 : appelez le 3422 au plus tard le mardi 24 mars 2026, avant 17 h"
    headers = {h["Name"]: h["Value"] for h in sent["Headers"]}
    assert headers["Auto-Submitted"] == "auto-generated"
    assert headers["List-Id"] == "Rappels <rappels.testserver>"
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "Dites-le-nous en un clic" in plain(sent["TextBody"]) and "C'est fait" in plain(sent["HtmlBody"])
    assert lead_7().status == "sent"


@pytest.mark.django_db
def test_when_the_provider_is_down_rows_wait_without_counting_an_attempt_and_go_out_when_it_is_back(postmark):
    open_case()
    postmark.mode = DOWN

    for minutes in (0, 2, 4, 6, 8, 10, 12):  # down for a long while: never given up
        with time_machine.travel(LEAD_7 + timedelta(minutes=minutes, seconds=5), tick=False):
            assert dispatch.dispatch_due(clock=timezone.now).sent == 0
    row = lead_7()
    assert (row.status, row.attempts, row.last_error) == ("pending", 0, "AnymailRequestsAPIError 503")

    postmark.mode = "accept"
    with time_machine.travel(LEAD_7 + timedelta(minutes=20), tick=False):
        assert dispatch.dispatch_due(clock=timezone.now).sent == 1
    assert len(postmark.received) == 1
    assert lead_7().status == "sent"


@pytest.mark.django_db
def test_when_the_provider_cannot_be_reached_at_all_rows_wait_too(settings):
    open_case()
    settings.EMAIL_BACKEND = "anymail.backends.postmark.EmailBackend"
    settings.ANYMAIL = {"POSTMARK_SERVER_TOKEN": "t", "POSTMARK_API_URL": f"http://127.0.0.1:{free_port()}/"}

    with time_machine.travel(LEAD_7 + timedelta(seconds=5), tick=False):
        assert dispatch.dispatch_due(clock=timezone.now).retried == 1

    row = lead_7()
    assert (row.status, row.attempts) == ("pending", 0)
    assert row.last_error == "AnymailRequestsAPIError"


@pytest.mark.django_db
def test_a_message_the_provider_refuses_is_retried_with_backoff_then_marked_failed(postmark, caplog):
    case = open_case()
    postmark.mode = REFUSE
    moment = LEAD_7 + timedelta(seconds=5)
    for _ in range(dispatch.MAX_ATTEMPTS):
        with time_machine.travel(moment, tick=False):
            dispatch.dispatch_due(clock=timezone.now)
        row = lead_7()
        moment = max(moment, row.due_at) + timedelta(seconds=1)

    assert (row.status, row.attempts) == ("failed", dispatch.MAX_ATTEMPTS)
    assert case.person.owner.email not in row.last_error + caplog.text  # ids, never addresses
