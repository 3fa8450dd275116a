"""Which reminders a case should have, and when. Pure: state in, due times out.

The dispatcher never decides what to send: the services turn this schedule
into Reminder rows (optout.services.reminders_sync), in the same transaction
as the change that caused it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from optout import deadlines
from optout.deadlines import Deadlines
from optout.vocabulary import CaseStatus, ReminderKind, Route, lead_kind

DEFAULT_LEAD_DAYS = (7, 2)
LEAD_DAY_CHOICES = (14, 10, 7, 5, 3, 2, 1)
DEFAULT_SEND_HOUR = 9
CODE_AWAITED_DAYS = 10

#: A finished case is deleted after a year; its owner is told two weeks before.
RETENTION_DAYS = 365
RETENTION_NOTICE_DAYS = 14


@dataclass(frozen=True)
class Preferences:
    enabled: bool = True
    lead_days: tuple[int, ...] = DEFAULT_LEAD_DAYS
    send_hour: int = DEFAULT_SEND_HOUR
    time_zone: str = "Europe/Paris"
    departement: str | None = None


@dataclass(frozen=True)
class CaseState:
    """What the schedule needs to know about a case."""

    route: str
    status: str
    created_at: datetime
    finished_at: datetime | None = None
    #: The letter's dates (optout.deadlines), or None for a space already open.
    deadlines: Deadlines | None = None
    window_missed_on: date | None = None
    code_received: bool = False
    closure_requested_on: date | None = None


def _at(day: date, prefs: Preferences) -> datetime:
    """The send hour on `day` in the person's time zone, as an aware datetime."""
    return datetime.combine(day, time(prefs.send_hour), tzinfo=ZoneInfo(prefs.time_zone))


def schedule_for(state: CaseState, prefs: Preferences) -> dict[str, datetime]:
    """Every reminder the case should have, by kind, with its due time.

    Reminders about the opposition window exist while the opposition is to do;
    none is scheduled before the case existed (no "J-7" for a case opened at J-5).
    """
    wanted: dict[str, datetime] = {}
    if state.finished_at is not None:
        # Not a reminder but a notice about the person's data: sent even when reminders are paused.
        finished_on = state.finished_at.astimezone(ZoneInfo(prefs.time_zone)).date()
        wanted[ReminderKind.RETENTION_WARNING] = _at(
            finished_on + timedelta(days=RETENTION_DAYS - RETENTION_NOTICE_DAYS), prefs
        )
    if not prefs.enabled:
        return wanted
    created = state.created_at
    created_on = created.astimezone(ZoneInfo(prefs.time_zone)).date()

    act_by = state.deadlines.act_by if state.deadlines else None
    if state.status == CaseStatus.OPEN and act_by is not None:
        for days in sorted(set(prefs.lead_days), reverse=True):
            day = act_by - timedelta(days=days)
            if state.route == Route.PHONE:
                # Meant for a phone call: on a day the 3422 line answers.
                day = deadlines.last_call_day(day, prefs.departement)
            wanted[lead_kind(days)] = _at(day, prefs)
        wanted[ReminderKind.LAST_CALL] = _at(deadlines.last_call_day(act_by, prefs.departement), prefs)
        if state.window_missed_on is None:
            wanted[ReminderKind.MISSED] = _at(act_by + timedelta(days=1), prefs)
        wanted = {kind: due for kind, due in wanted.items() if due > created}

    moved_by_us = state.window_missed_on is not None and act_by is not None and created_on <= act_by
    if state.status == CaseStatus.CLOSING and moved_by_us:
        # Moved to closure after the safe day passed: say so, and what to do now.
        wanted[ReminderKind.MISSED] = _at(act_by + timedelta(days=1), prefs)

    if state.route == Route.ONLINE and state.status == CaseStatus.OPEN and not state.code_received:
        wanted[ReminderKind.CODE_AWAITED] = _at(created_on + timedelta(days=CODE_AWAITED_DAYS), prefs)

    if state.status == CaseStatus.CLOSURE_REQUESTED and state.closure_requested_on is not None:
        wanted[ReminderKind.CLOSURE_CONFIRMATION] = _at(
            deadlines.closure_confirmation_due(state.closure_requested_on), prefs
        )

    return wanted
