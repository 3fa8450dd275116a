"""Which reminders a case should have, and when. Pure: state in, due times out.

The dispatcher never decides what to send: the services turn this schedule
into Reminder rows (optout.services.reminders_sync), in the same transaction
as the change that caused it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from optout import deadlines, routes

DEFAULT_LEAD_DAYS = (7, 2)
LEAD_DAY_CHOICES = (14, 10, 7, 5, 3, 2, 1)
DEFAULT_SEND_HOUR = 9
CODE_AWAITED_DAYS = 10

LAST_CALL = "last-call"
MISSED = "missed"
CODE_AWAITED = "code-awaited"
CLOSURE_CONFIRMATION = "closure-confirmation"
RETENTION_WARNING = "retention-warning"
#: A finished case is deleted after a year; its owner is told two weeks before.
RETENTION_DAYS = 365
RETENTION_NOTICE_DAYS = 14


def lead_kind(days: int) -> str:
    return f"lead-{days}"


def lead_days_of(kind: str) -> int | None:
    return int(kind.removeprefix("lead-")) if kind.startswith("lead-") else None


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
    act_by: date | None = None
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
        wanted[RETENTION_WARNING] = _at(finished_on + timedelta(days=RETENTION_DAYS - RETENTION_NOTICE_DAYS), prefs)
    if not prefs.enabled:
        return wanted
    created = state.created_at
    created_on = created.astimezone(ZoneInfo(prefs.time_zone)).date()

    if state.status == "open" and state.act_by is not None:
        for days in sorted(set(prefs.lead_days), reverse=True):
            day = state.act_by - timedelta(days=days)
            if state.route == routes.PHONE:
                # Meant for a phone call: on a day the 3422 line answers.
                day = deadlines.last_call_day(day, prefs.departement)
            wanted[lead_kind(days)] = _at(day, prefs)
        wanted[LAST_CALL] = _at(deadlines.last_call_day(state.act_by, prefs.departement), prefs)
        if state.window_missed_on is None:
            wanted[MISSED] = _at(state.act_by + timedelta(days=1), prefs)
        wanted = {kind: due for kind, due in wanted.items() if due > created}

    moved_by_us = state.window_missed_on is not None and state.act_by is not None and created_on <= state.act_by
    if state.status == "closing" and moved_by_us:
        # Moved to closure after the safe day passed: say so, and what to do now.
        wanted[MISSED] = _at(state.act_by + timedelta(days=1), prefs)

    if state.route == routes.ONLINE and state.status == "open" and not state.code_received:
        wanted[CODE_AWAITED] = _at(created_on + timedelta(days=CODE_AWAITED_DAYS), prefs)

    if state.status == "closure_requested" and state.closure_requested_on is not None:
        wanted[CLOSURE_CONFIRMATION] = _at(deadlines.closure_confirmation_due(state.closure_requested_on), prefs)

    return wanted
