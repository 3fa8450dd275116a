"""Deadlines as iCalendar (RFC 5545), built with the icalendar library.

All-day events (DATE values), a stable UID per event so that a calendar app
updates an event instead of duplicating it, DTSTAMP, our PRODID, and
alarms at 9:00 a given number of days before.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import icalendar
from django.http import HttpResponse
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from optout.actions import ONLINE, PHONE, plan
from optout.deadlines import Deadlines, RequestDates
from optout.links import site_domain
from optout.vocabulary import Relation
from optout.wording.clock import countdown
from optout.wording.events import day_events
from optout.wording.facts import facts
from optout.wording.people import Who

#: The reader of the calculator: « vous ».
ME = Who(relation=Relation.SELF, label="")

PRODID = "-//À temps//Mon espace santé deadlines//FR"
CALCULATOR_ALARM_DAYS = (7, 2)


@dataclass(frozen=True)
class CalendarEvent:
    uid: str
    day: date
    summary: str
    description: str
    alarm_days: tuple[int, ...]


def uid(*parts: object) -> str:
    return "-".join(str(p) for p in parts) + "@" + site_domain()


def deadline_events(
    deadlines: Deadlines,
    *,
    uid_base: str,
    now: datetime,
    who: Who = ME,
    routes: Iterable[str] = (PHONE, ONLINE),
    alarm_days: Iterable[int] = CALCULATOR_ALARM_DAYS,
    time_zone: str = "Europe/Paris",
) -> list[CalendarEvent]:
    """The days still to come on which an action of `routes` is last possible (optout.actions.plan),
    one event per day. Call in the reader's language; hours are said in their `time_zone` too.

    Each event's UID names the actions of its day: the same letter gives the same UIDs, and a
    calendar app updates its events instead of adding new ones.
    """
    alarms = tuple(sorted(set(alarm_days), reverse=True))
    actions = [action for route in routes for action in plan(deadlines, route=route, now=now, can_call=who.can_call)]
    return [
        CalendarEvent(uid(uid_base, event.key), event.day, event.summary, event.description, alarms)
        for event in day_events(actions, who, time_zone)
    ]


def request_events(
    dates: RequestDates,
    *,
    uid_base: str,
    today: date,
    who: str = "",
    alarm_days: Iterable[int] = CALCULATOR_ALARM_DAYS,
) -> list[CalendarEvent]:
    """A written request's dates still to come: the answer's (until it arrives) and the deletion's.

    Each keeps its UID when its date moves (a delivery date, an extension): calendar apps move it.
    """
    suffix = f" ({who})" if who else ""
    alarms = tuple(sorted(set(alarm_days), reverse=True))
    events = []
    if not dates.answered:
        events.append(
            CalendarEvent(
                uid(uid_base, "request-answer"),
                dates.answer_due,
                _("Réponse attendue de l'Assurance Maladie") + suffix,
                _(
                    "Dernier jour pour répondre à votre demande écrite (article 12 du RGPD). "
                    "Sans réponse, vous pourrez saisir la CNIL."
                ),
                alarms,
            )
        )
    if dates.deletion_due is not None:
        events.append(
            CalendarEvent(
                uid(uid_base, "request-deletion"),
                dates.deletion_due,
                _("Suppression des données due") + suffix,
                capfirst(
                    _("%(deletion_period)s après votre demande écrite de clôture et de suppression (article R1111-36).")
                    % facts()
                ),
                (),
            )
        )
    return [event for event in events if event.day >= today]


def to_ical(events: Iterable[CalendarEvent], *, name: str, now: datetime) -> bytes:
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    stamp = now.astimezone(UTC)
    for item in events:
        event = icalendar.Event()
        event.add("uid", item.uid)
        event.add("dtstamp", stamp)
        event.add("dtstart", item.day)
        event.add("dtend", item.day + timedelta(days=1))
        event.add("summary", item.summary)
        event.add("description", item.description)
        event.add("transp", "TRANSPARENT")
        for days in item.alarm_days:
            alarm = icalendar.Alarm()
            alarm.add("action", "DISPLAY")
            # At 9:00, `days` days before the all-day event.
            alarm.add("trigger", timedelta(days=-days, hours=9))
            alarm.add(
                "description",
                _("%(countdown)s : %(summary)s") % {"countdown": countdown(days), "summary": item.summary},
            )
            event.add_component(alarm)
        calendar.add_component(event)
    return calendar.to_ical()


def ics_response(body: bytes, filename: str) -> HttpResponse:
    """A calendar file to download; never kept by a shared cache."""
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response
