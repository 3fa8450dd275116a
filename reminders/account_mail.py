"""allauth's emails with the headers every email of ours carries (reminders/mail.py), sent by the
worker once the request's transaction has committed.

settings.ACCOUNT_ADAPTER names this class: the account's adapter (accounts/adapter.py: our
words, the recipient's language, links on SITE_URL), plus the mail side's headers and way of
sending. Here, above `accounts`, because both are the mail side's.

The message is rendered in the request, in the recipient's language and time zone, exactly as
before; only its sending waits: allauth's `msg.send()` hands it to `AfterCommit`, which queues
the rendered parts (to, subject, text, HTML, headers) for `reminders.tasks.send_rendered_email`
once the transaction commits. Nothing leaves for a sign-up or an address change rolled back.
"""

from django.core.mail import EmailMessage
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction

from accounts.adapter import AccountAdapter
from reminders import tasks
from reminders.mail import ACCOUNT_LIST
from reminders.mail import headers as mail_headers


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
            parts = payload(message)
            transaction.on_commit(lambda parts=parts: tasks.queue_rendered_email(parts))
        return len(email_messages)


class MailAdapter(AccountAdapter):
    def render_mail(self, template_prefix, email, context, headers=None):
        # Account emails stop no reminder: Auto-Submitted and List-Id, no List-Unsubscribe.
        given = {**mail_headers(list_name=ACCOUNT_LIST), **(headers or {})}
        message = super().render_mail(template_prefix, email, context, given)
        message.connection = AfterCommit()
        return message
