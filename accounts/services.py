"""Every write to an account's preferences."""

from django.db import transaction

from accounts.models import User


@transaction.atomic
def user_update_preferences(
    *, user: User, language: str, time_zone: str, departement: str, reminders_enabled: bool
) -> User:
    user.language = language
    user.time_zone = time_zone
    user.departement = departement
    user.reminders_enabled = reminders_enabled
    user.save(update_fields=["language", "time_zone", "departement", "reminders_enabled"])
    return user


def user_set_language(*, user: User, language: str) -> User:
    if user.language != language:
        user.language = language
        user.save(update_fields=["language"])
    return user
