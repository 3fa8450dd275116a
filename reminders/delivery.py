"""What the mail providers say about our emails: each event counted, acted on when it is news.

A provider's event is only acted on when it is news: an event older than the
address's last confirmation (`email_confirmed_at`) is stale, and an event
already applied (the same digest in `WebhookEvent`) is a replay; both are
counted as such and change nothing. A failure on our side (DMARC, content, our
domain blocked: `WebhookOutcome.SENDER_SIDE`) is counted and holds nothing: the
recipient's address works. An address that does not work has its reminders held
by the domain (optout.services.delivery.address_hold).
"""

from __future__ import annotations

import hashlib
import hmac
import logging
from datetime import datetime

from django.conf import settings
from django.db import connection, transaction

from accounts.models import User
from optout.models import WebhookEvent, WebhookEventCount
from optout.services.delivery import address_hold, user_by_address
from optout.vocabulary import Undeliverable, WebhookOutcome

logger = logging.getLogger(__name__)


def _provider_name(esp_name: str) -> str:
    """anymail's "Amazon SES" → "amazon_ses", as in the webhook URLs."""
    return esp_name.strip().lower().replace(" ", "_")[:32]


def _count_event(provider: str, kind: str) -> None:
    """One more event of this kind from this provider, in one statement (webhooks arrive in parallel)."""
    table = WebhookEventCount._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (provider, kind, count) VALUES (%s, %s, 1) "  # noqa: S608 - our own table name
            f"ON CONFLICT (provider, kind) DO UPDATE SET count = {table}.count + 1",
            [provider, kind[:32]],
        )


def _digest(provider: str, event_key: str) -> str:
    """What identifies an event, keyed and hashed: nothing readable (an address may be part of it) is kept."""
    message = f"{provider}\n{event_key}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def _first_time(provider: str, event_key: str | None, now: datetime) -> bool:
    """Remember the event; False if it was applied before (a replay). An event that says nothing
    to tell it from another counts as new."""
    if not event_key:
        return True
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {WebhookEvent._meta.db_table} (digest, at) VALUES (%s, %s) "  # noqa: S608 - our own table
            "ON CONFLICT (digest) DO NOTHING RETURNING digest",
            [_digest(provider, event_key), now],
        )
        return cursor.fetchone() is not None


@transaction.atomic
def tracking_event_record(
    *,
    provider: str,
    kind: str,
    recipient: str | None,
    now: datetime,
    occurred_at: datetime | None = None,
    event_key: str | None = None,
) -> User | None:
    """A provider's tracking event (anymail's normalised kinds, or SENDER_SIDE): counted, and acted on
    when it says the address does not work. Returns the account whose address was held, if any.

    `deferred`, a failure on our side and the rest are only counted: retries, the provider and
    the operator deal with them. A replay (`event_key` seen before) or an event older than the
    address's last confirmation is counted as such and changes nothing.
    """
    name = _provider_name(provider)
    if not _first_time(name, event_key, now):
        _count_event(name, WebhookOutcome.REPLAYED)
        logger.info("webhook %s: an event applied before, ignored", name)
        return None
    user = user_by_address(recipient) if kind in Undeliverable.values and recipient else None
    confirmed = user.email_confirmed_at if user is not None else None
    if confirmed is not None and occurred_at is not None and occurred_at <= confirmed:
        _count_event(name, WebhookOutcome.STALE)
        logger.info("webhook %s: a %s event older than user %s's confirmation, ignored", name, kind, user.pk)
        return None
    _count_event(name, kind)
    if user is None:  # not a lasting failure, or an address no account has (any more): nothing to hold
        return None
    address_hold(user=user, reason=kind, now=now)
    return user


def webhook_malformed_record(*, provider: str) -> None:
    """A post with the right secret that could not be read: counted, nothing else."""
    _count_event(_provider_name(provider), WebhookOutcome.MALFORMED)
