"""Thin Celery tasks of the mail side: each one calls the dispatcher or sends one email.

No reminder is ever a Celery ETA or countdown task: the Reminder rows in the
database say what is due, and beat runs `dispatch_due_reminders` every minute.
An email a request asked for (account deleted, address check, allauth's account emails) is
queued once the request's transaction has committed (reminders/receivers.py,
reminders/account_mail.py) and sent here.
"""

from celery import shared_task
from django.core.mail import EmailMultiAlternatives
from django.utils import timezone

from reminders import dispatch
from reminders.mail import build_email

#: A dispatch pass claims no new batch after this long, well within its soft time limit
#: (a 9 o'clock burst larger than one pass can send is finished by the next passes).
DISPATCH_PASS_SECONDS = 240


def _dispatch_due_reminders():
    outcome = dispatch.dispatch_due(clock=timezone.now, max_seconds=DISPATCH_PASS_SECONDS)
    return {"sent": outcome.sent, "retried": outcome.retried, "failed": outcome.failed}


dispatch_due_reminders = shared_task(
    soft_time_limit=300, time_limit=360, name="reminders.tasks.dispatch_due_reminders"
)(_dispatch_due_reminders)
#: Its name before the mail side had its own app: messages queued under it before a deploy still run.
dispatch_due_reminders_old_name = shared_task(
    soft_time_limit=300, time_limit=360, name="optout.tasks.dispatch_due_reminders"
)(_dispatch_due_reminders)


@shared_task(autoretry_for=(OSError,), retry_backoff=60, max_retries=5)
def send_email(name: str, *, to: str, language: str, time_zone: str = "Europe/Paris", context: dict | None = None):
    """One email that a request asked for, built by the one builder (reminders/mail.py).

    A mail server's error is raised (not silenced), so that the task is tried again later.
    """
    build_email(name, to=to, language=language, time_zone=time_zone, context=context or {}).send()


@shared_task(autoretry_for=(OSError,), retry_backoff=60, max_retries=5)
def send_rendered_email(*, to: list[str], from_email: str, subject: str, text: str, html: str, headers: dict):
    """An email already rendered in the request (allauth's, reminders/account_mail.py), sent as it is.

    A mail server's error (smtplib's are OSErrors) is raised, so that the task is tried again later.
    """
    if text:
        message = EmailMultiAlternatives(subject, text, from_email, to, headers=headers)
        if html:
            message.attach_alternative(html, "text/html")
    else:
        message = EmailMultiAlternatives(subject, html, from_email, to, headers=headers)
        message.content_subtype = "html"
    message.send()


def queue_rendered_email(parts: dict) -> None:
    """Queue `send_rendered_email`; the worker's logs name the task, never its body's links or codes."""
    send_rendered_email.apply_async(kwargs=parts, kwargsrepr="{'to': [...], 'subject': ..., 'text': ..., 'html': ...}")
