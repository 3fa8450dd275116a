"""An address that no longer gets our emails: hold its reminders, release them, count what providers say.

A mail provider's webhook (or the operator, by hand) reports a bounce, a rejection,
a complaint or an unsubscription: the account's address is marked undeliverable,
with the date and the reason, and every reminder still waiting is held — kept and
re-planned like the others (optout.services.reminders), never sent. When the
address is changed or confirmed again, held reminders still to come are pending
again, and those whose time passed meanwhile are replaced by one catch-up email
that lists them, so that nobody gets five stale reminders at once.

A provider's event is only acted on when it is news: an event older than the
address's last confirmation (`email_confirmed_at`) is stale, and an event
already applied (the same digest in `WebhookEvent`) is a replay; both are
counted as such and change nothing. A failure on our side (DMARC, content, our
domain blocked: `WebhookOutcome.SENDER_SIDE`) is counted and holds nothing: the
recipient's address works.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models.functions import Lower

from accounts.models import User
from optout import links
from optout.emails import build_email
from optout.models import Reminder, WebhookEvent, WebhookEventCount
from optout.vocabulary import ReminderStatus, Undeliverable, WebhookOutcome, catch_up_kind, is_catch_up

logger = logging.getLogger(__name__)

#: How long before someone may ask for another "does my address work?" email.
ADDRESS_CHECK_PAUSE_SECONDS = 180
#: How long an applied event's digest is kept to recognise a replay (providers retry for a few days).
EVENT_MEMORY = timedelta(days=45)


def _reminders_of(user: User):
    return Reminder.objects.filter(case__person__owner_id=user.pk)


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


def user_by_address(email: str) -> User | None:
    return User.objects.annotate(address=Lower("email")).filter(address=email.strip().lower()).first()


@transaction.atomic
def address_hold(*, user: User, reason: str, now: datetime) -> int:
    """Mark the account's address undeliverable and hold its waiting reminders; returns how many were held.

    The first report's date is kept; the reason is the latest one.
    """
    user = User.objects.select_for_update().get(pk=user.pk)
    if user.email_undeliverable_since is None:
        user.email_undeliverable_since = now
    user.email_undeliverable_reason = Undeliverable(reason)
    user.data_version += 1
    user.save(update_fields=["email_undeliverable_since", "email_undeliverable_reason", "data_version"])
    held = _reminders_of(user).filter(status=ReminderStatus.PENDING).update(status=ReminderStatus.HELD)
    logger.warning("address of user %s undeliverable (%s): %s reminders held", user.pk, reason, held)
    return held


@transaction.atomic
def address_release(*, user: User, now: datetime) -> Reminder | None:
    """The address works again: reminders resume. Returns the catch-up reminder, if one was needed.

    Held reminders still to come go back to pending. Those whose time has passed
    (a catch-up not sent yet among them) are marked caught up and listed by one new
    catch-up email, due now, attached to the person's first unfinished case.
    """
    user = User.objects.select_for_update().get(pk=user.pk)
    if user.email_undeliverable_since is None:
        return None
    user.email_undeliverable_since, user.email_undeliverable_reason = None, ""
    user.data_version += 1
    user.save(update_fields=["email_undeliverable_since", "email_undeliverable_reason", "data_version"])
    held = list(_reminders_of(user).filter(status=ReminderStatus.HELD).select_related("case").order_by("due_at", "pk"))
    overdue = [row for row in held if row.due_at <= now]
    Reminder.objects.filter(pk__in=[row.pk for row in held if row.due_at > now]).update(status=ReminderStatus.PENDING)
    logger.info("address of user %s works again: %s reminders resume", user.pk, len(held) - len(overdue))
    if not overdue:
        return None
    anchor = min((row.case for row in overdue), key=lambda case: (case.is_finished, case.created_at, case.pk))
    catch_up = Reminder.objects.create(case=anchor, kind=catch_up_kind(now), due_at=now)
    earlier = [row.pk for row in overdue if is_catch_up(row.kind)]
    Reminder.objects.filter(caught_up_by__in=earlier).update(caught_up_by=catch_up)
    Reminder.objects.filter(pk__in=[row.pk for row in overdue]).update(
        status=ReminderStatus.CAUGHT_UP, caught_up_by=catch_up
    )
    logger.info("user %s: %s overdue reminders replaced by catch-up %s", user.pk, len(overdue), catch_up.pk)
    return catch_up


def address_confirmed(*, user_id: int, email: str, now: datetime) -> User | None:
    """Someone proved that `email` gets our emails (allauth's confirmation, or our link).

    Notes when (a provider's event from before is stale from then on) and releases the
    account's reminders if it is the account's current address; returns the account
    then, None otherwise (an old address, a deleted account).
    """
    user = User.objects.filter(pk=user_id).first()
    if user is None or user.email.lower() != email.strip().lower():
        return None
    User.objects.filter(pk=user.pk).update(email_confirmed_at=now)
    user.email_confirmed_at = now
    address_release(user=user, now=now)
    return user


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


def webhook_events_forget(*, now: datetime) -> int:
    """Digests of events older than EVENT_MEMORY: a replay that late is stale anyway."""
    return WebhookEvent.objects.filter(at__lt=now - EVENT_MEMORY).delete()[0]


def address_check_send(*, user: User) -> bool:
    """Send the account's address a link that proves it works again. False if one went out just before."""
    if not cache.add(f"address-check:{user.pk}", 1, ADDRESS_CHECK_PAUSE_SECONDS):
        return False
    message = build_email(
        "address-check",
        to=user.email,
        language=user.language,
        time_zone=user.time_zone,
        context={"confirm_url": links.address_works_url(user.pk, user.email)},
        headers={"Auto-Submitted": "auto-generated"},
    )
    message.send(fail_silently=True)  # a bounce comes back through the webhook, as for any email
    logger.info("address check sent to user %s", user.pk)
    return True
