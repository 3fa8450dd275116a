"""Signals the mail side listens to. Each receiver only calls a service or queues a task.

- anymail's `tracking`: a mail provider's webhook event (bounce, complaint…).
- allauth's `email_confirmed` and `email_changed`: an address proved to work.
- the domain's `account_deleted` and `address_check_requested` (optout/signals.py): an email
  that a request asked for, queued for the worker once the request's transaction commits.
"""

import logging

from allauth.account.signals import email_changed, email_confirmed
from anymail.signals import tracking
from django.db import transaction
from django.dispatch import receiver
from django.utils import timezone
from kombu.exceptions import OperationalError

from optout import links, services, signals
from reminders import delivery, tasks
from reminders.mail import build_email
from reminders.webhooks import event_key, event_kind

logger = logging.getLogger(__name__)


def queue_or_send(name: str, **kwargs) -> None:
    """To the worker; sent here if the broker cannot take it (Redis down): never a lost email or a 500.
    The log names the email's kind, never its address or its links."""
    try:
        tasks.send_email.delay(name, **kwargs)
    except OperationalError as error:
        logger.warning("%s email sent by the web: the broker cannot be reached (%s)", name, type(error).__name__)
        build_email(name, **{"context": {}, **kwargs}).send()


@receiver(tracking, dispatch_uid="optout.tracking")
def on_tracking(sender, event, esp_name, **kwargs):
    delivery.tracking_event_record(
        provider=esp_name,
        kind=event_kind(esp_name, event),
        recipient=event.recipient,
        now=timezone.now(),
        occurred_at=event.timestamp,
        event_key=event_key(event),
    )


@receiver(email_confirmed, dispatch_uid="optout.email_confirmed")
def on_email_confirmed(sender, email_address, **kwargs):
    services.address_confirmed(user_id=email_address.user_id, email=email_address.email, now=timezone.now())


@receiver(email_changed, dispatch_uid="optout.email_changed")
def on_email_changed(sender, user, to_email_address, **kwargs):
    services.address_confirmed(user_id=user.pk, email=to_email_address.email, now=timezone.now())


@receiver(signals.account_deleted, dispatch_uid="reminders.account_deleted")
def on_account_deleted(sender, email, language, **kwargs):
    transaction.on_commit(lambda: queue_or_send("account-deleted", to=email, language=language))


@receiver(signals.address_check_requested, dispatch_uid="reminders.address_check_requested")
def on_address_check_requested(sender, user, **kwargs):
    context = {"confirm_url": links.address_works_url(user.pk, user.email)}
    transaction.on_commit(
        lambda: queue_or_send(
            "address-check", to=user.email, language=user.language, time_zone=user.time_zone, context=context
        )
    )
