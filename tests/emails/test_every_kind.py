"""Every kind of email says what it is to mail software, through the one builder (reminders/mail.py),
and an email a request asks for leaves once the request's transaction has committed, through the worker.

Reminders and the catch-up: tests/emails/test_headers.py (read back from the SMTP wire).
"""

import email
from email.policy import default

import pytest
from django.db import transaction
from django.urls import reverse

from accounts.models import User
from optout import services
from tests.factories import PASSWORD, UserFactory
from tests.helpers import NOW

ACCOUNT_LIST = "Compte <compte.testserver>"


def parsed(message):
    return email.message_from_bytes(message.message().as_bytes(), policy=default)


@pytest.mark.django_db
def test_the_address_check_carries_auto_submitted_and_its_list(mailoutbox, django_capture_on_commit_callbacks):
    user = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        services.address_check_send(user=user)

    [check] = mailoutbox
    headers = parsed(check)
    assert headers["Auto-Submitted"] == "auto-generated"
    assert headers["List-Id"] == ACCOUNT_LIST
    assert "List-Unsubscribe" not in headers  # it stops no reminder: it brings them back


@pytest.mark.django_db
def test_the_goodbye_carries_auto_submitted_and_its_list_and_nothing_to_unsubscribe_from(
    mailoutbox, django_capture_on_commit_callbacks
):
    user = UserFactory(email="ana@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        services.account_delete(user=user, now=NOW)

    [goodbye] = mailoutbox
    headers = parsed(goodbye)
    assert goodbye.to == ["ana@example.org"] and "Votre compte est supprimé" in goodbye.subject
    assert headers["Auto-Submitted"] == "auto-generated"
    assert headers["List-Id"] == ACCOUNT_LIST
    assert "List-Unsubscribe" not in headers


@pytest.mark.django_db
def test_an_account_email_from_allauth_carries_auto_submitted_and_its_list(client, mailoutbox, requests_commit):
    UserFactory(email="ana@example.org")
    client.post(reverse("account_reset_password"), {"email": "ana@example.org"})

    [reset] = mailoutbox
    headers = parsed(reset)
    assert headers["Auto-Submitted"] == "auto-generated"
    assert headers["List-Id"] == ACCOUNT_LIST
    assert "/compte/mot-de-passe/" in reset.body  # allauth's email, in our words and paths


@pytest.mark.django_db(transaction=True)
def test_a_requests_email_is_not_sent_when_its_transaction_rolls_back(mailoutbox):
    user = UserFactory()
    user_id = user.pk
    with pytest.raises(RuntimeError), transaction.atomic():
        services.account_delete(user=user, now=NOW)
        raise RuntimeError("the request failed after the deletion")

    assert User.objects.filter(pk=user_id).exists()
    assert mailoutbox == []


@pytest.mark.django_db(transaction=True)
def test_a_requests_email_waits_for_the_commit_then_the_task_sends_it(mailoutbox):
    user = UserFactory(email="ana@example.org")
    with transaction.atomic():
        services.account_delete(user=user, now=NOW)
        assert mailoutbox == []  # nothing leaves while the transaction may still roll back

    assert [m.to for m in mailoutbox] == [["ana@example.org"]]


@pytest.mark.django_db(transaction=True)
def test_the_request_only_queues_its_email_for_the_worker(client, mailoutbox, broker):
    user = UserFactory(email="ana@example.org")
    user.set_password(PASSWORD)
    user.save()
    client.force_login(user)

    response = client.post(reverse("account_delete"), {"password": PASSWORD, "email": "ana@example.org"})

    assert response.status_code == 302 and not User.objects.filter(pk=user.pk).exists()
    assert mailoutbox == []  # not sent inside the request…
    [queued] = broker.lrange("celery", 0, -1)
    assert b"reminders.tasks.send_email" in queued  # …but handed to the worker
