"""The private calendar address of an account."""

from __future__ import annotations

import secrets
from datetime import datetime

from django.db import transaction

from accounts.models import User
from optout.models import CalendarFeed


@transaction.atomic
def calendar_feed_regenerate(*, user: User, now: datetime) -> CalendarFeed:
    """A new private address for the user's calendar; the old one stops working at once."""
    feed, created = CalendarFeed.objects.select_for_update().get_or_create(
        user=user, defaults={"token": secrets.token_urlsafe(32), "created_at": now}
    )
    if not created:
        feed.token, feed.created_at = secrets.token_urlsafe(32), now
        feed.save(update_fields=["token", "created_at"])
    return feed
