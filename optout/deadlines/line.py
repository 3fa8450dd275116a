"""The 3422 line: the days and hours it answers, public holidays where the person lives.

The line answers Monday to Friday, 8:30 to 17:00 Paris time (the Mon espace santé FAQ), except
public holidays (with the regional ones: Alsace-Moselle, overseas): our safe assumption, no
source says either way. Pure: no database, no clock (`now` is passed in).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from functools import lru_cache

import holidays

from optout.deadlines.days import PARIS

#: The Mon espace santé FAQ: « Service disponible de 8h30 à 17h00 du lundi au vendredi ».
#: (A 2022 forum gave half an hour more; the product uses the official hours everywhere.)
LINE_OPENS = time(8, 30)
LINE_CLOSES = time(17, 0)

#: Départements whose public holidays differ from the national ones, mapped to
#: the `holidays` package's French subdivisions. 6AE (Alsace) and 57 (Moselle)
#: both add Good Friday and 26 December.
HOLIDAY_SUBDIVISIONS = {
    "57": "57",
    "67": "6AE",
    "68": "6AE",
    "971": "971",
    "972": "972",
    "973": "973",
    "974": "974",
    "976": "976",
}


@lru_cache(maxsize=256)
def _holidays(year: int, subdivision: str | None, language: str) -> holidays.HolidayBase:
    return holidays.country_holidays("FR", subdiv=subdivision, years=year, language=language)


def public_holiday(day: date, departement: str | None = None, language: str = "fr") -> str | None:
    """The name of the public holiday on `day` where the person lives, or None."""
    subdivision = HOLIDAY_SUBDIVISIONS.get(departement or "")
    return _holidays(day.year, subdivision, "fr" if language == "fr" else "en_US").get(day)


def is_line_open_day(day: date, departement: str | None = None) -> bool:
    """The 3422 line answers that day: Monday to Friday, not a public holiday."""
    return day.weekday() < 5 and public_holiday(day, departement) is None


def last_call_day(act_by: date, departement: str | None = None) -> date:
    """The last day on or before `act_by` when the 3422 line answers."""
    day = act_by
    while not is_line_open_day(day, departement):
        day -= timedelta(days=1)
    return day


def is_line_open(at: datetime, departement: str | None = None) -> bool:
    """The 3422 line answers at this aware moment (LINE_OPENS to LINE_CLOSES Paris time, on a line day)."""
    if at.tzinfo is None:
        raise ValueError("is_line_open needs an aware datetime")
    local = at.astimezone(PARIS)
    return is_line_open_day(local.date(), departement) and LINE_OPENS <= local.time() < LINE_CLOSES


def next_line_opening(at: datetime, departement: str | None = None) -> datetime:
    """When the line next answers, from this aware moment (itself if open now)."""
    if is_line_open(at, departement):
        return at
    local = at.astimezone(PARIS)
    day = local.date() if local.time() < LINE_OPENS else local.date() + timedelta(days=1)
    while not is_line_open_day(day, departement):
        day += timedelta(days=1)
    return datetime.combine(day, LINE_OPENS, tzinfo=PARIS)


def line_days_before(day: date, count: int, departement: str | None = None) -> date:
    """The day the line answers `count` of its days before `day` (itself not counted)."""
    for _ in range(count):
        day -= timedelta(days=1)
        while not is_line_open_day(day, departement):
            day -= timedelta(days=1)
    return day


def next_line_day(day: date, departement: str | None = None) -> date:
    """`day` if the line answers then, else the next day it does."""
    while not is_line_open_day(day, departement):
        day += timedelta(days=1)
    return day
