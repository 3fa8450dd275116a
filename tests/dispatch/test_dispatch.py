"""Reminders go out at their time, once, through a real SMTP server, whatever dies on the way."""

import re
import threading
import time
from datetime import datetime, timedelta
from io import StringIO
from urllib.parse import urlparse

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from optout import links
from optout.models import Case, Reminder
from reminders import dispatch
from tests.helpers import PARIS, open_case, text
from tests.smtp import SmtpServer, free_port

LEAD_7 = datetime(2026, 3, 17, 9, 0, tzinfo=PARIS)


def statuses():
    return dict(Reminder.objects.values_list("kind", "status"))


def body(message, subtype):
    return message.get_body(preferencelist=(subtype,)).get_content()


@pytest.mark.django_db
def test_the_links_in_the_email_work_and_done_cancels_the_reminders_about_it(smtp_server, client):
    case = open_case()
    with time_machine.travel(LEAD_7 + timedelta(seconds=5), tick=False):
        dispatch.dispatch_due(clock=timezone.now)
    plain = body(smtp_server.messages[0], "plain")
    done_path = urlparse(re.search(r"http://testserver(/fait/\S+/)", plain).group(0)).path
    case_path = urlparse(re.search(r"http://testserver(/suivi/demarches/\d+/)", plain).group(0)).path

    with time_machine.travel(LEAD_7 + timedelta(hours=1), tick=False):
        confirm = client.get(done_path)  # a mail scanner opening the link changes nothing
        assert "Confirmer l'étape" in text(confirm)
        assert Case.objects.get().status == "open"
        done = client.post(done_path)

    assert "est marqué comme fait. Les rappels à ce sujet s'arrêtent." in text(done)
    assert "Moi" not in text(done)
    assert Case.objects.get().status == "opposed"
    assert statuses() == {
        "lead-7": "sent",
        "lead-2": "cancelled",
        "last-call": "cancelled",
        "late-start": "cancelled",
        "late-lead": "cancelled",
        "late-last-call": "cancelled",
        "missed": "cancelled",
        "retention-warning": "pending",  # the case is finished: deleted in a year, with notice
    }
    assert case_path == reverse("case_detail", args=[case.pk])


@pytest.mark.django_db
def test_a_tampered_done_link_gets_a_clear_page_and_changes_nothing(client):
    open_case()
    response = client.post("/fait/not-a-real-token/")

    assert response.status_code == 400
    assert "Ce lien ne fonctionne pas" in text(response)
    assert Case.objects.get().status == "open"


def run_in_threads(count, target):
    errors = []

    def run():
        try:
            target()
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []


@pytest.mark.django_db(transaction=True)
@pytest.mark.slow
def test_two_dispatchers_at_once_send_each_of_500_rows_exactly_once(smtp_server):
    call_command("seed_demo", users=500, due_now=True, stdout=StringIO())

    run_in_threads(2, lambda: dispatch.dispatch_due(clock=timezone.now, batch_size=50))

    assert len(smtp_server.messages) == 500
    assert len(set(smtp_server.sink.message_ids())) == 500
    assert Reminder.objects.filter(status="sent").count() == 500


@pytest.mark.django_db
def test_a_pass_that_has_used_its_time_claims_no_new_batch_and_the_next_pass_sends_the_rest(smtp_server):
    call_command("seed_demo", users=5, due_now=True, stdout=StringIO())

    first = dispatch.dispatch_due(
        clock=timezone.now, batch_size=2, max_seconds=0
    )  # its time is up after the first batch

    assert (first.sent, Reminder.objects.filter(status="pending").count()) == (2, 3)
    assert Reminder.objects.filter(status="sending").count() == 0  # nothing left claimed and unsent
    assert dispatch.dispatch_due(clock=timezone.now, batch_size=2).sent == 3
    assert len(smtp_server.messages) == 5


@pytest.mark.django_db(transaction=True)
@pytest.mark.slow
def test_a_slow_mail_server_never_makes_two_dispatchers_send_the_same_row(settings):
    """A batch that outlives its lease: 300 due, 0.1 s per message, a 5 s lease, two dispatchers at once."""
    settings.DISPATCH_LEASE_SECONDS = 5
    call_command("seed_demo", users=300, due_now=True, stdout=StringIO())
    server = SmtpServer(delay=0.1).start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", server.port, 10
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    try:
        run_in_threads(2, lambda: dispatch.dispatch_due(clock=timezone.now))
    finally:
        server.stop()

    recipients = [m["To"] for m in server.messages]
    assert len(recipients) == len(set(recipients)) == 300  # every recipient exactly once
    assert Reminder.objects.filter(status="sent").count() == 300


@pytest.mark.django_db
def test_a_dispatcher_that_lost_its_lease_sends_nothing_and_leaves_the_row_to_its_new_holder(smtp_server, settings):
    settings.DISPATCH_LEASE_SECONDS = 5
    open_case()
    first = LEAD_7 + timedelta(seconds=5)
    ids = dispatch.claim(now=first)
    with time_machine.travel(LEAD_7 + timedelta(seconds=30), tick=False):
        assert dispatch.claim(now=datetime.now(tz=PARIS)) == ids  # the lease ran out: another dispatcher takes it
        taken = Reminder.objects.get(pk=ids[0])
        # The first dispatcher wakes up 25 seconds late, still holding its batch.
        late = dispatch.Lease(ids, first + dispatch.lease_length(), time.monotonic() - 25, clock=timezone.now)
        outcome = dispatch.send_claimed(ids, clock=lambda: first, lease=late)

    assert outcome.sent == 0
    assert smtp_server.messages == []
    row = Reminder.objects.get(pk=ids[0])
    assert (row.status, row.lease_expires_at, row.attempts) == ("sending", taken.lease_expires_at, 2)  # untouched


@pytest.mark.django_db
def test_a_row_left_by_a_dead_worker_is_sent_once_after_its_lease_expires(smtp_server):
    open_case()
    with time_machine.travel(LEAD_7 + timedelta(seconds=5), tick=False):
        assert len(dispatch.claim(now=datetime.now(tz=PARIS))) == 1  # claimed, then the worker died
        assert dispatch.dispatch_due(clock=timezone.now).sent == 0  # the lease still holds
    with time_machine.travel(LEAD_7 + dispatch.lease_length() + timedelta(seconds=10), tick=False):
        assert dispatch.dispatch_due(clock=timezone.now).sent == 1
        assert dispatch.dispatch_due(clock=timezone.now).sent == 0

    assert len(smtp_server.messages) == 1
    assert statuses()["lead-7"] == "sent"


@pytest.mark.django_db
def test_when_the_smtp_server_is_down_rows_wait_and_go_out_when_it_is_back(settings):
    open_case()
    port = free_port()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 2

    for minutes in (0, 2, 4, 6, 8, 10, 12, 14):  # down for a long while: never given up
        with time_machine.travel(LEAD_7 + timedelta(minutes=minutes, seconds=5), tick=False):
            assert dispatch.dispatch_due(clock=timezone.now).sent == 0
    row = Reminder.objects.get(kind="lead-7")
    assert (row.status, row.attempts) == ("pending", 0)
    assert "ConnectionRefusedError" in row.last_error

    server = SmtpServer(port).start()
    try:
        with time_machine.travel(LEAD_7 + timedelta(minutes=20), tick=False):
            assert dispatch.dispatch_due(clock=timezone.now).sent == 1
    finally:
        server.stop()
    assert len(server.messages) == 1
    assert statuses()["lead-7"] == "sent"


@pytest.mark.django_db
def test_a_message_the_server_refuses_is_retried_with_backoff_then_marked_failed(smtp_server, caplog):
    case = open_case()
    case.person.owner.email = "refused@example.org"
    case.person.owner.save()

    async def refuse(server, session, envelope, address, rcpt_options):
        return "550 No such user"

    smtp_server.sink.handle_RCPT = refuse
    moment = LEAD_7 + timedelta(seconds=5)
    for _ in range(dispatch.MAX_ATTEMPTS):
        with time_machine.travel(moment, tick=False):
            dispatch.dispatch_due(clock=timezone.now)
        row = Reminder.objects.get(kind="lead-7")
        moment = max(moment, row.due_at) + timedelta(seconds=1)

    assert (row.status, row.attempts) == ("failed", dispatch.MAX_ATTEMPTS)
    ours = "\n".join(r.getMessage() for r in caplog.records if r.name.startswith(("optout", "reminders")))
    assert "refused@example.org" not in ours and "refused@example.org" not in row.last_error  # ids, never addresses
    assert f"reminder {row.pk} failed for good after 6 attempts: SMTPRecipientsRefused [550]" in ours


@pytest.mark.django_db
def test_unsubscribing_takes_one_post_without_cookies_and_stops_every_reminder(smtp_server):
    case = open_case()
    with time_machine.travel(LEAD_7 + timedelta(seconds=5), tick=False):
        dispatch.dispatch_due(clock=timezone.now)
    header = smtp_server.messages[0]["List-Unsubscribe"]
    path = urlparse(header.strip().strip("<>")).path

    response = Client(enforce_csrf_checks=True).post(path, {"List-Unsubscribe": "One-Click"})

    assert response.status_code == 200
    case.person.owner.refresh_from_db()
    assert case.person.owner.reminders_enabled is False
    assert statuses() == {
        "lead-7": "sent",
        "lead-2": "cancelled",
        "last-call": "cancelled",
        "late-start": "cancelled",
        "late-lead": "cancelled",
        "late-last-call": "cancelled",
        "missed": "cancelled",
    }


@pytest.mark.django_db
@pytest.mark.parametrize("age", [timedelta(days=1), timedelta(days=500)])
def test_a_tampered_or_expired_unsubscribe_link_changes_nothing(client, age):
    case = open_case()
    token = links.unsubscribe_token(case.person.owner.pk)
    tampered = token[:-2] + ("aa" if not token.endswith("aa") else "bb")

    with time_machine.travel(datetime.now(tz=PARIS) + age, tick=False):
        bad = client.post(reverse("unsubscribe", args=[tampered if age.days < 10 else token]))

    assert bad.status_code == 400
    assert "Ce lien ne fonctionne pas" in text(bad)
    case.person.owner.refresh_from_db()
    assert case.person.owner.reminders_enabled is True
    assert set(statuses().values()) == {"pending"}


@pytest.mark.django_db
def test_dispatch_reminders_once_prints_what_it_sent(smtp_server):
    open_case()
    out = StringIO()

    with time_machine.travel(LEAD_7 + timedelta(seconds=5), tick=False):
        call_command("dispatch_reminders", "--once", stdout=out)

    assert out.getvalue().strip() == "sent 1, retried 0, failed 0"
