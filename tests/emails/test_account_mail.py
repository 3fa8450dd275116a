"""allauth's emails leave once the request's transaction has committed, through the worker
(reminders/account_mail.py), as they were rendered in the request: the same subject, text, HTML
and headers, in the reader's language, as when the request sent them itself."""

import json

import pytest
import time_machine
from celery.exceptions import Retry
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.urls import reverse

from config.celery import app
from reminders import tasks
from reminders.account_mail import MailAdapter
from tests.factories import PASSWORD, UserFactory
from tests.helpers import NOW
from tests.smtp import free_port


class SentInTheRequest(MailAdapter):
    """The account emails as they went before: the same rendering, sent by the request itself."""

    def render_mail(self, template_prefix, email, context, headers=None):
        message = super().render_mail(template_prefix, email, context, headers)
        message.connection = None
        return message


def ask_for_a_new_password(client, address="ana@example.org"):
    return client.post(reverse("account_reset_password"), {"email": address})


def as_sent(message):
    return {
        "to": message.to,
        "from": message.from_email,
        "subject": message.subject,
        "text": message.body,
        "html": message.alternatives,
        "headers": message.extra_headers,
    }


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)  # the same link both times
@pytest.mark.parametrize(
    ("language", "subject"),
    [("fr", "[À temps] Choisir un nouveau mot de passe"), ("en", "[À temps] Choose a new password")],
)
def test_the_worker_sends_what_the_request_rendered_in_the_readers_language(
    client, mailoutbox, requests_commit, settings, language, subject
):
    UserFactory(email="ana@example.org", language=language)
    settings.ACCOUNT_ADAPTER = f"{__name__}.SentInTheRequest"
    ask_for_a_new_password(client)
    [before] = mailoutbox
    mailoutbox.clear()
    cache.clear()  # the hourly cap

    settings.ACCOUNT_ADAPTER = "reminders.account_mail.MailAdapter"
    ask_for_a_new_password(client)
    [after] = mailoutbox

    assert after.subject == subject
    assert "/compte/mot-de-passe/nouveau/" in after.body
    assert after.extra_headers["Auto-Submitted"] == "auto-generated"
    assert as_sent(after) == as_sent(before)


@pytest.mark.django_db(transaction=True)
def test_an_account_email_is_not_sent_when_the_requests_transaction_rolls_back(client, mailoutbox):
    UserFactory(email="ana@example.org")
    with pytest.raises(RuntimeError), transaction.atomic():
        ask_for_a_new_password(client)
        raise RuntimeError("the request failed after asking for the email")

    assert mailoutbox == []


@pytest.mark.django_db(transaction=True)
def test_an_account_email_waits_for_the_commit_then_leaves(client, mailoutbox):
    UserFactory(email="ana@example.org")
    with transaction.atomic():
        response = ask_for_a_new_password(client)
        assert response.status_code == 302
        assert mailoutbox == []  # nothing leaves while the transaction may still roll back

    [reset] = mailoutbox
    assert reset.to == ["ana@example.org"] and reset.subject == "[À temps] Choisir un nouveau mot de passe"


@pytest.mark.django_db(transaction=True)
def test_the_request_only_queues_the_account_email_and_the_worker_logs_no_link(client, mailoutbox, broker):
    UserFactory(email="ana@example.org")

    ask_for_a_new_password(client)

    assert mailoutbox == []  # not sent inside the request…
    [queued] = broker.lrange("celery", 0, -1)
    assert b"reminders.tasks.send_rendered_email" in queued  # …but handed to the worker
    # What the worker logs of the task (its kwargsrepr) names no link, code or address.
    logged = json.loads(queued)["headers"]["kwargsrepr"]
    assert "subject" in logged and "mot-de-passe" not in logged and "ana@example.org" not in logged


@pytest.mark.parametrize(
    ("task", "kwargs"),
    [
        (
            tasks.send_rendered_email,
            {
                "to": ["ana@example.org"],
                "from_email": "x@example.org",
                "subject": "s",
                "text": "t",
                "html": "",
                "headers": {},
            },
        ),
        (tasks.send_email, {"name": "account-deleted", "to": "ana@example.org", "language": "fr"}),
    ],
    ids=["an account email", "the goodbye"],
)
def test_a_mail_server_error_is_tried_again_later(settings, task, kwargs):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", free_port(), 2  # nothing listens

    with pytest.raises(Retry) as retried:  # the worker would run it again a minute later
        task.apply(kwargs=kwargs)

    assert isinstance(retried.value.exc, OSError)  # smtplib's errors are OSErrors too


@pytest.fixture
def broker_down():
    """Tasks for a broker where nothing listens (Redis down); the usual broker again afterwards."""

    def point_at(url):
        app.conf.broker_url = url
        app._pool = None  # the connections and producers made for the previous address
        app.amqp._producer_pool = None

    usual = app.conf.broker_url
    app.conf.task_always_eager = False
    point_at(f"redis://127.0.0.1:{free_port()}/0")
    yield
    app.conf.task_always_eager = settings.CELERY_TASK_ALWAYS_EAGER
    point_at(usual)


@pytest.mark.django_db(transaction=True)
def test_with_the_broker_unreachable_the_request_sends_the_account_email_itself(
    client, mailoutbox, broker_down, caplog
):
    UserFactory(email="ana@example.org")

    response = ask_for_a_new_password(client)

    assert response.status_code == 302  # not a 500
    [reset] = mailoutbox
    assert reset.subject == "[À temps] Choisir un nouveau mot de passe"
    assert "account email sent by the web: the broker cannot be reached" in caplog.text
    assert "mot-de-passe/nouveau" not in caplog.text and "ana@example.org" not in caplog.text


@pytest.mark.django_db(transaction=True)
def test_with_the_broker_unreachable_deleting_the_account_still_says_goodbye(client, mailoutbox, broker_down, caplog):
    user = UserFactory(email="ana@example.org")
    client.force_login(user)

    response = client.post(reverse("account_delete"), {"password": PASSWORD, "email": "ana@example.org"})

    assert response.status_code == 302  # not a 500 after the account is gone
    [goodbye] = mailoutbox
    assert goodbye.to == ["ana@example.org"] and "Votre compte est supprimé" in goodbye.subject
    assert "account-deleted email sent by the web: the broker cannot be reached" in caplog.text
    assert "ana@example.org" not in caplog.text
