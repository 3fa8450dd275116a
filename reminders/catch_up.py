"""The catch-up email: one message instead of the reminders an undeliverable address missed.

Built from templates/emails/reminder-catch-up/ by the one builder (reminders/mail.py), with a
reminder's headers. It lists, case by case, the reminders whose time passed while the address
did not work (the rows it caught up, optout.services.delivery.address_release) and
where each case stands now: its words are computed when it is sent, like a reminder's.
"""

from __future__ import annotations

from datetime import datetime
from itertools import groupby

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.urls import reverse
from django.utils import timezone, translation

from optout import deadlines, links, routes
from optout.models import Reminder
from optout.state import action_of, who_of
from optout.vocabulary import CATCH_UP_PREFIX, reminder_about
from optout.wording.headline import headline
from reminders import speed
from reminders.emails import message_id
from reminders.mail import REMINDERS_LIST, build_email


def _cases(items: list[Reminder], owner, now) -> list[dict]:
    """Each case with the reminders it missed and, first of all, its next action now."""
    cases = []
    today = deadlines.local_today(now, owner.time_zone)
    for case, rows in groupby(items, key=lambda row: row.case):
        case.person.owner = owner
        who = who_of(case)
        action = action_of(case, now)
        words = None
        if action is not None:
            channel = case.letter.channel if case.letter_id else None
            words = headline(action, who, today, time_zone=owner.time_zone, channel=channel)
        cases.append(
            {
                "who": who,
                "title": "" if who.is_self else who.label,
                "route": routes.ROUTES[case.route].name,
                "url": settings.SITE_URL + reverse("case_detail", args=[case.pk]),
                "items": [{"what": reminder_about(row.kind), "on": timezone.localdate(row.due_at)} for row in rows],
                "headline": words,
            }
        )
    return cases


def catch_up_email(reminder: Reminder, *, now: datetime, connection=None) -> EmailMultiAlternatives:
    """The catch-up email for this row, its words those of `now`: when it leaves."""
    owner = reminder.case.person.owner
    items = list(
        reminder.replaces.exclude(kind__startswith=CATCH_UP_PREFIX)
        .select_related("case__person", "case__letter")
        .order_by("case__created_at", "case__pk", "due_at")
    )
    today = deadlines.local_today(now, owner.time_zone)
    with translation.override(owner.language), timezone.override(owner.time_zone):
        cases = _cases(items, owner, now)
    unsubscribe_url = links.unsubscribe_url(owner.pk)
    message = build_email(
        "reminder-catch-up",
        to=owner.email,
        language=owner.language,
        time_zone=owner.time_zone,
        context={
            "cases": cases,
            "today": today,
            "dashboard_url": settings.SITE_URL + reverse("dashboard"),
            "preferences_url": settings.SITE_URL + reverse("account"),
            "unsubscribe_url": unsubscribe_url,
        },
        list_name=REMINDERS_LIST,
        unsubscribe_url=unsubscribe_url,
        message_id=reminder.message_id or message_id(reminder),
        connection=connection,
    )
    message.from_email = speed.encoded_sender(settings.DEFAULT_FROM_EMAIL)
    return message
