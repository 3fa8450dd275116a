"""allauth's emails with the headers every email of ours carries (reminders/mail.py), sent by the
worker once the request's transaction has committed.

settings.ACCOUNT_ADAPTER names this class: the account's adapter (accounts/adapter.py: our
words, the recipient's language, links on SITE_URL), plus the mail side's headers and way of
sending. Here, above `accounts`, because both are the mail side's.

The message is rendered in the request, in the recipient's language and time zone, exactly as
before; only its sending waits: allauth's `msg.send()` hands it to `AfterCommit`, which queues
the rendered parts (to, subject, text, HTML, headers) for `reminders.tasks.send_rendered_email`
once the transaction commits. Nothing leaves for a sign-up or an address change rolled back.
If the broker cannot be reached (Redis down), the request sends the message itself, as before,
and says so in the log: signing up and signing in by code keep working without Redis.
"""

import logging

from django.core.mail import EmailMessage
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from kombu.exceptions import OperationalError

from accounts.adapter import AccountAdapter
from reminders import tasks
from reminders.mail import ACCOUNT_LIST
from reminders.mail import headers as mail_headers

logger = logging.getLogger(__name__)


def payload(message: EmailMessage) -> dict:
    """A rendered message as JSON-serialisable parts, for the broker."""
    html = next((content for content, kind in getattr(message, "alternatives", []) if kind == "text/html"), "")
    text = message.body
    if message.content_subtype == "html":
        text, html = "", message.body
    return {
        "to": list(message.to),
        "from_email": message.from_email,
        "subject": message.subject,
        "text": text,
        "html": html,
        "headers": dict(message.extra_headers),
    }


class AfterCommit(BaseEmailBackend):
    """A mail connection that sends nothing itself: each message goes to the worker after the commit."""

    def send_messages(self, email_messages):
        for message in email_messages:
            transaction.on_commit(lambda message=message: queue_or_send(message))
        return len(email_messages)


def queue_or_send(message: EmailMessage) -> None:
    """To the worker; sent here if the broker cannot take it (never a lost email or a 500)."""
    try:
        tasks.queue_rendered_email(payload(message))
    except OperationalError as error:
        logger.warning("account email sent by the web: the broker cannot be reached (%s)", type(error).__name__)
        message.connection = None  # Django's mail backend, as the worker would use
        message.send()


class MailAdapter(AccountAdapter):
    def render_mail(self, template_prefix, email, context, headers=None):
        # Account emails stop no reminder: Auto-Submitted and List-Id, no List-Unsubscribe.
        given = {**mail_headers(list_name=ACCOUNT_LIST), **(headers or {})}
        message = super().render_mail(template_prefix, email, context, given)
        message.connection = AfterCommit()
        return message
