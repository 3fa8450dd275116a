"""Calendar arithmetic every rule shares: months added the way the law counts them, whole days
left, the day it is somewhere. Pure: no database, no clock."""

from __future__ import annotations

import calendar
from datetime import date, datetime
from zoneinfo import ZoneInfo

PARIS = ZoneInfo("Europe/Paris")


def add_months(day: date, months: int) -> date:
    """The same day number `months` later; the month's last day when it has none.

    31 January + 1 month is 28 February (29 in a leap year).
    """
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def days_left(until: date, today: date) -> int:
    """Whole days from `today` to `until`: 0 on the day itself, negative after it."""
    return (until - today).days


def local_today(now: datetime, time_zone: str) -> date:
    """The calendar day it is at `now` for someone in `time_zone`."""
    return now.astimezone(ZoneInfo(time_zone)).date()
