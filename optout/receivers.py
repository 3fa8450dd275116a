"""Signals from the layer below that the domain listens to. Each receiver only calls a service."""

from django.dispatch import receiver

from accounts.signals import preferences_changed
from optout import services


@receiver(preferences_changed, dispatch_uid="optout.preferences_changed")
def on_preferences_changed(sender, user, now, **kwargs):
    services.reminders_sync_for_user(user=user, now=now)
