"""The catch-up email: one message instead of the reminders an undeliverable address missed.

Built from templates/emails/reminder-catch-up/ like every email, with a reminder's
headers. It lists, case by case, the reminders whose time passed while the address
did not work (the rows it caught up, optout.services.delivery.address_release) and
where each case stands now: its words are computed when it is sent, like a reminder's.
"""

from __future__ import annotations

from itertools import groupby

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext

from optout import deadlines, links, routes
from optout.emails import build_email, encoded_sender, message_id
from optout.models import Reminder
from optout.state import action_of, who_of
from optout.vocabulary import CATCH_UP_PREFIX, ReminderKind, lead_days_of
from optout.wording.headline import headline


def missed_what(kind: str) -> str:
    """What a reminder of this kind was about, in a few words (in the active language)."""
    days = lead_days_of(kind)
    if days is not None:
        return ngettext(
            "%(days)s jour avant le dernier jour conseillé", "%(days)s jours avant le dernier jour conseillé", days
        ) % {"days": days}
    return {
        ReminderKind.LAST_CALL: gettext("le dernier jour conseillé pour appeler le 3422"),
        ReminderKind.LATE_START: gettext("le dernier jour conseillé passé : l'opposition reste possible"),
        ReminderKind.LATE_LEAD: gettext("deux jours d'ouverture avant le dernier jour où le 3422 répond"),
        ReminderKind.LATE_LAST_CALL: gettext("le dernier jour où le 3422 répond avant la fin du délai légal"),
        ReminderKind.MISSED: gettext("l'ouverture de l'espace : comment le clôturer"),
        ReminderKind.CODE_AWAITED: gettext("le code provisoire toujours attendu"),
        ReminderKind.CLOSURE_CONFIRMATION: gettext("la confirmation de clôture toujours attendue"),
        ReminderKind.RETENTION_WARNING: gettext("la suppression prochaine d'une démarche terminée"),
        ReminderKind.ANSWER_SOON: gettext("la réponse à votre demande écrite, bientôt due"),
        ReminderKind.EXTENDED_ANSWER_SOON: gettext("la réponse à votre demande écrite, bientôt due"),
        ReminderKind.ANSWER_LATE: gettext("la réponse à votre demande écrite, en retard : la CNIL"),
        ReminderKind.EXTENDED_ANSWER_LATE: gettext("la réponse à votre demande écrite, en retard : la CNIL"),
        ReminderKind.DELETION_DUE: gettext("la suppression des données, due après votre demande écrite"),
    }.get(kind, kind)


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
                "items": [{"what": missed_what(row.kind), "on": timezone.localdate(row.due_at)} for row in rows],
                "headline": words,
            }
        )
    return cases


def catch_up_email(reminder: Reminder, *, connection=None) -> EmailMultiAlternatives:
    owner = reminder.case.person.owner
    items = list(
        reminder.replaces.exclude(kind__startswith=CATCH_UP_PREFIX)
        .select_related("case__person", "case__letter")
        .order_by("case__created_at", "case__pk", "due_at")
    )
    now = timezone.now()  # its words are those of the moment it leaves
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
        headers={
            "Message-ID": reminder.message_id or message_id(reminder),
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
            "List-Id": links.list_id(),
        },
        connection=connection,
    )
    message.from_email = encoded_sender(settings.DEFAULT_FROM_EMAIL)
    return message
