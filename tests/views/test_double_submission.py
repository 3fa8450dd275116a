"""One effect per intent: the same form sent twice at the same moment (a double click, two tabs)
opens one case, records one written request, creates one account and deletes it once — no 500,
one email. Two threads post at once on PostgreSQL, each with its own connection."""

import threading
import time
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.db import connections, transaction
from django.test import Client
from django.urls import reverse

from accounts.models import User
from optout.models import Case, Person, Reminder, WrittenRequest
from tests.factories import UserFactory
from tests.helpers import NOW, open_case

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "correct-horse-battery-9"


def at_once(*posts, gate=None):
    """Run each post in its own thread, all released together; returns their responses.

    `gate`, a context manager, is held by this thread (its own connection) while the posts
    start, then let go: they pile up on what it locks and go on together.
    """
    barrier = threading.Barrier(len(posts))
    responses = [None] * len(posts)

    def run(index, post):
        try:
            barrier.wait()
            responses[index] = post()
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, post)) for i, post in enumerate(posts)]
    if gate is None:
        for thread in threads:
            thread.start()
    else:
        with gate():
            for thread in threads:
                thread.start()
            time.sleep(1)  # every post is now waiting on the lock
    for thread in threads:
        thread.join(30)
    return responses


def twin_clients(user):
    """Two clients with one session: one browser sending the same form twice."""
    first = Client(raise_request_exception=False)
    first.force_login(user)
    second = Client(raise_request_exception=False)
    second.cookies = first.cookies
    return first, second


def locking(model, pk):
    def gate():
        atomic = transaction.atomic()

        class Held:
            def __enter__(self):
                atomic.__enter__()
                model.objects.select_for_update().get(pk=pk)

            def __exit__(self, *exc):
                return atomic.__exit__(*exc)

        return Held()

    return gate


@pytest.mark.slow
def test_a_double_click_on_start_this_case_opens_one_case_with_one_set_of_reminders():
    user = UserFactory()
    child = Person.objects.create(owner=user, label="Léa", relation="child")
    first, second = twin_clients(user)
    url = reverse("case_new_for", args=[child.pk])
    letter = {"situation": "letter", "channel": "post", "sent_on": "2026-02-20", "received_on": "2026-02-24"}

    with time_machine.travel(NOW, tick=True):
        page = first.post(url, letter).content.decode()
        intent = page.split('name="intent" value="')[1].split('"')[0]
        data = {**letter, "route": "phone", "intent": intent}
        responses = at_once(
            lambda: first.post(url, data), lambda: second.post(url, data), gate=locking(Person, child.pk)
        )

    case = Case.objects.get()
    assert [r.status_code for r in responses] == [302, 302]
    assert {r["Location"] for r in responses} == {reverse("case_detail", args=[case.pk])}
    assert Reminder.objects.filter(case=case).count() == Reminder.objects.count() > 0

    with time_machine.travel(NOW, tick=True):
        again = first.post(url, letter).content.decode().split('name="intent" value="')[1].split('"')[0]
    assert again != intent  # a new form is a new intent: it may open another case


@pytest.mark.slow
def test_two_posts_of_a_written_request_at_once_record_one_request_and_no_500():
    case = open_case(now=NOW)
    first, second = twin_clients(case.person.owner)
    url = reverse("case_request", args=[case.pk])
    data = {"kind": "opposition", "channel": "registered", "sent_on": "2026-03-03"}

    with time_machine.travel(NOW + timedelta(days=1), tick=True):
        responses = at_once(lambda: first.post(url, data), lambda: second.post(url, data), gate=locking(Case, case.pk))

    assert [r.status_code for r in responses] == [302, 302]
    assert WrittenRequest.objects.filter(case=case).count() == 1
    assert case.events.filter(kind="request_sent").count() == 1


def test_three_sign_ups_of_one_address_at_once_make_one_account_one_email_and_no_500(mailoutbox):
    data = {"email": "lea.martin@example.org", "password1": PASSWORD, "password2": PASSWORD}
    clients = [Client(raise_request_exception=False) for _ in range(3)]

    responses = at_once(*[lambda c=c: c.post(reverse("account_signup"), data) for c in clients])

    assert [r.status_code for r in responses] == [302, 302, 302]
    assert User.objects.filter(email="lea.martin@example.org").count() == 1
    assert [m.to for m in mail.outbox] == [["lea.martin@example.org"]]
    assert "confirm" in mail.outbox[0].body.lower() or "confirm" in mail.outbox[0].subject.lower()


def test_a_later_sign_up_of_a_known_address_still_tells_its_owner(mailoutbox):
    user = UserFactory(date_joined=NOW - timedelta(days=3))

    Client().post(reverse("account_signup"), {"email": user.email, "password1": PASSWORD, "password2": PASSWORD})

    assert [m.to for m in mail.outbox] == [[user.email]]  # "an account already exists"


@pytest.mark.slow
def test_deleting_an_account_twice_at_once_deletes_it_once_and_sends_one_email(mailoutbox):
    user = UserFactory()
    user.set_password(PASSWORD)
    user.save()
    open_case(user)
    first, second = twin_clients(user)
    data = {"password": PASSWORD, "email": user.email}

    responses = at_once(
        lambda: first.post(reverse("account_delete"), data),
        lambda: second.post(reverse("account_delete"), data),
        gate=locking(User, user.pk),
    )

    assert [r.status_code for r in responses] == [302, 302]
    assert not User.objects.filter(pk=user.pk).exists()
    assert len(mail.outbox) == 1
