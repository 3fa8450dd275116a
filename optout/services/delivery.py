"""An address that no longer gets our emails: hold its reminders, release them, count what providers say.

A mail provider's webhook (or the operator, by hand) reports a bounce, a rejection,
a complaint or an unsubscription: the account's address is marked undeliverable,
with the date and the reason, and every reminder still waiting is held — kept and
re-planned like the others (optout.services.reminders), never sent. When the
address is changed or confirmed again, held reminders still to come are pending
again, and those whose time passed meanwhile are replaced by one catch-up email
that lists them, so that nobody gets five stale reminders at once.

The providers' events themselves (counted, replays and stale ones recognised) are the mail
side's: reminders/delivery.py, which calls `address_hold` here.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.core.cache import cache
from django.db import transaction
from django.db.models.functions import Lower

from accounts.models import User
from optout import signals
from optout.models import Reminder, WebhookEvent
from optout.vocabulary import ReminderStatus, Undeliverable, catch_up_kind, is_catch_up

logger = logging.getLogger(__name__)

#: How long before someone may ask for another "does my address work?" email.
ADDRESS_CHECK_PAUSE_SECONDS = 180
#: How long an applied event's digest is kept to recognise a replay (providers retry for a few days).
EVENT_MEMORY = timedelta(days=45)


def _reminders_of(user: User):
    return Reminder.objects.filter(case__person__owner_id=user.pk)


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


def webhook_events_forget(*, now: datetime) -> int:
    """Digests of events older than EVENT_MEMORY: a replay that late is stale anyway."""
    return WebhookEvent.objects.filter(at__lt=now - EVENT_MEMORY).delete()[0]


def address_check_send(*, user: User) -> bool:
    """Ask for a link that proves the account's address works again. False if one went out just before.

    The email itself is the mail side's (reminders/receivers.py): it leaves through the worker once
    the request's transaction has committed.
    """
    if not cache.add(f"address-check:{user.pk}", 1, ADDRESS_CHECK_PAUSE_SECONDS):
        return False
    signals.address_check_requested.send(sender=User, user=user)
    logger.info("address check asked for user %s", user.pk)
    return True
