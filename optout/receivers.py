"""Signals from libraries we listen to. Each receiver only calls a service.

- anymail's `tracking`: a mail provider's webhook event (bounce, complaint…).
- allauth's `email_confirmed` and `email_changed`: an address proved to work.
"""

from allauth.account.signals import email_changed, email_confirmed
from anymail.signals import tracking
from django.dispatch import receiver
from django.utils import timezone

from optout import services
from optout.webhooks import event_key, event_kind


@receiver(tracking, dispatch_uid="optout.tracking")
def on_tracking(sender, event, esp_name, **kwargs):
    services.tracking_event_record(
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
