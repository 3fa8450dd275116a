"""Every write to an account's preferences."""

from datetime import datetime

from django.db import transaction

from accounts.models import User
from accounts.signals import preferences_changed

PREFERENCE_FIELDS = ["language", "time_zone", "departement", "reminders_enabled", "reminder_lead_days", "reminder_hour"]


@transaction.atomic
def user_update_preferences(*, user: User, now: datetime, **preferences) -> User:
    """Save the profile and move every reminder to match it, in one transaction."""
    unknown = set(preferences) - set(PREFERENCE_FIELDS)
    if unknown:
        raise TypeError(f"not preferences: {sorted(unknown)}")
    for name, value in preferences.items():
        setattr(user, name, value)
    user.data_version += 1  # dates and holidays on their pages may change
    user.save(update_fields=[*preferences, "data_version"])
    preferences_changed.send(sender=User, user=user, now=now)  # optout re-syncs the reminders, in this transaction
    return user


def user_set_language(*, user: User, language: str) -> User:
    if user.language != language:
        user.language = language
        user.save(update_fields=["language"])
    return user
