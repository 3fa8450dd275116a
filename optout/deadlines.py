"""The legal and product date rules. Pure: dates in, dates out.

No database and no clock here: `today` and `now` are always passed in, so
every rule can be tested with a table of dates. Each rule, its source and what
is uncertain about it are in docs/rules.md; the links in optout/sources.py:

- R1111-28 CSP: the space opens six weeks after the information was *sent*,
  unless the person objects. Guides written from the draft decree say one
  month after *receipt*. The product keeps the earlier of the two ("act by").
- R1111-36 CSP: after closure, data are archived ten years (or deleted
  within three months on express request). The holder may also ask the
  operator (the CNAM, R1111-26) in writing.
- GDPR art. 12(3): a request is answered within one calendar month of its
  receipt, extendable by two months if the person is told, with reasons,
  within that first month (`answer_due`, `RequestDates`). Counted as
  Regulation (EEC, Euratom) No 1182/71 counts periods in EU acts: a last day on
  a Saturday, a Sunday or a French national public holiday moves to the next
  working day (art. 3(4), `working_day_from`).
- The 3422 line answers Monday to Friday, 8:30 to 17:00 Paris time (the Mon
  espace santé FAQ), except public holidays (with the regional ones:
  Alsace-Moselle, overseas): our safe assumption, no source says either way.

Where a letter stands on a given day (its phase): "safe" up to and including
act-by, "late" up to and including the legal deadline (an opposition is still
in time, by phone now), "missed" after it (the space opens the next day).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from functools import lru_cache
from typing import ClassVar
from zoneinfo import ZoneInfo

import holidays

PARIS = ZoneInfo("Europe/Paris")

#: R1111-28: « à l'issue d'un délai de six semaines à compter de l'envoi ».
OPPOSITION_DAYS = 42
#: Décret n° 2021-1048 du 4 août 2021: no letter can predate it.
DECREE_DATE = date(2021, 8, 4)
#: R1111-36: the three-month deletion period and the ten-year archive.
CLOSURE_CONFIRMATION_MONTHS = 3
ARCHIVE_YEARS = 10
#: GDPR art. 12(3): one month to answer a request, three when extended in time.
ANSWER_MONTHS = 1
EXTENDED_ANSWER_MONTHS = 3

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

RULE_RECEIPT = "receipt"  # one calendar month after the letter arrived
RULE_SENDING = "sending"  # six weeks after the date printed on the letter
RULE_BOTH = "both"  # the two rules give the same day


class Phase(StrEnum):
    SAFE = "safe"  # on or before act-by: any route, reminders lead up to act-by
    LATE = "late"  # after act-by, on or before the legal deadline: call now
    MISSED = "missed"  # after the legal deadline: the space opens; close it


def add_months(day: date, months: int) -> date:
    """The same day number `months` later; the month's last day when it has none.

    31 January + 1 month is 28 February (29 in a leap year).
    """
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def legal_deadline(sent_on: date) -> date:
    """The last day an opposition is in time under R1111-28."""
    return sent_on + timedelta(days=OPPOSITION_DAYS)


def opens_on(sent_on: date) -> date:
    """The day the space opens when nobody objected: the day after the legal deadline."""
    return legal_deadline(sent_on) + timedelta(days=1)


def act_by(sent_on: date | None, received_on: date) -> date:
    """The last safe day to object: the earlier of the two readings of the law.

    Without the date printed on the letter, the arrival date stands in for it.
    """
    return min(legal_deadline(sent_on or received_on), add_months(received_on, 1))


def act_by_rule(sent_on: date | None, received_on: date) -> str:
    """Which reading set `act_by`: RULE_RECEIPT, RULE_SENDING or RULE_BOTH."""
    by_sending = legal_deadline(sent_on or received_on)
    by_receipt = add_months(received_on, 1)
    if by_sending == by_receipt:
        return RULE_BOTH
    return RULE_RECEIPT if by_receipt < by_sending else RULE_SENDING


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


def phase_on(sent_on: date | None, received_on: date, today: date) -> Phase:
    """Where the letter stands on `today`. Without a printed date, it counts as sent on arrival."""
    if today <= act_by(sent_on, received_on):
        return Phase.SAFE
    if today <= legal_deadline(sent_on or received_on):
        return Phase.LATE
    return Phase.MISSED


def call_by(sent_on: date | None, received_on: date, today: date, departement: str | None = None) -> date | None:
    """The last day to call the 3422 that is still to come, or None.

    The last day the line answers on or before act-by, if that day is today or later;
    else the last such day on or before the legal deadline, if today or later.
    """
    for limit in (act_by(sent_on, received_on), legal_deadline(sent_on or received_on)):
        day = last_call_day(limit, departement)
        if day >= today:
            return day
    return None


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


#: A letter usually arrives within days of its printed date: a longer gap is worth a second look.
SLOW_DELIVERY_DAYS = 21
#: Odd dates that are still possible: the person is asked to check them, nothing is refused.
ODD_SLOW, ODD_OLD, ODD_SWAP = "slow", "old", "swap"


def _oddities(sent_on: date | None, received_on: date, today: date) -> list[str]:
    odd = []
    if sent_on is not None and (received_on - sent_on).days > SLOW_DELIVERY_DAYS:
        odd.append(ODD_SLOW)
    if received_on < add_months(today, -12):
        odd.append(ODD_OLD)
    return odd


def odd_dates(sent_on: date | None, received_on: date, today: date) -> list[str]:
    """What looks odd about a letter's dates: ODD_SLOW (arrived over three weeks after its
    printed date), ODD_OLD (arrived over a year ago: a typo in the year?); and ODD_SWAP when
    reading a date month first instead of day first would make the letter ordinary
    (`other_reading` gives that reading)."""
    odd = _oddities(sent_on, received_on, today)
    if odd and other_reading(sent_on, received_on, today) is not None:
        odd.append(ODD_SWAP)
    return odd


def day_month_swapped(day: date | None) -> date | None:
    """The same date read month first (02/11 → 11 February), when that is another real date."""
    if day is None or day.day > 12 or day.day == day.month:
        return None
    return date(day.year, day.day, day.month)


def _ordinary(sent_on: date | None, received_on: date, today: date) -> bool:
    in_order = sent_on is None or sent_on <= received_on
    return in_order and received_on <= today and not _oddities(sent_on, received_on, today)


def other_reading(sent_on: date | None, received_on: date, today: date) -> tuple[date | None, date] | None:
    """The letter's dates with one or both read month first, when the typed reading is odd, out of
    order or in the future and that other reading is an ordinary letter (arrived after its printed
    date, by today, within three weeks, within a year). None otherwise."""
    if _ordinary(sent_on, received_on, today):
        return None
    swapped_sent, swapped_received = day_month_swapped(sent_on), day_month_swapped(received_on)
    for sent, received in ((swapped_sent, received_on), (sent_on, swapped_received), (swapped_sent, swapped_received)):
        if received is None or (sent_on is not None and sent is None):
            continue
        if _ordinary(sent, received, today):
            return sent, received
    return None


def days_left(until: date, today: date) -> int:
    """Whole days from `today` to `until`: 0 on the day itself, negative after it."""
    return (until - today).days


def closure_confirmation_due(requested_on: date) -> date:
    """Three calendar months after a closure request with deletion (R1111-36)."""
    return add_months(requested_on, CLOSURE_CONFIRMATION_MONTHS)


def archive_deleted_on(closed_on: date) -> date:
    """Ten calendar years after closure, when archived data are deleted (R1111-36)."""
    return add_months(closed_on, 12 * ARCHIVE_YEARS)


def is_working_day(day: date) -> bool:
    """Monday to Friday, and not a French national public holiday."""
    return day.weekday() < 5 and public_holiday(day) is None


def working_day_from(day: date) -> date:
    """The end of a period whose last day is `day`, under Regulation (EEC, Euratom) No 1182/71 art. 3(4).

    A last day on a Saturday, a Sunday or a public holiday moves to the next working
    day. The holidays are France's national ones: the answer is owed by a French
    body (a caisse, or the CNAM), wherever the person lives (docs/rules.md says why).
    """
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def first_month_end(sent_on: date, delivered_on: date | None = None) -> date:
    """The last day of the first month to answer (GDPR art. 12(3)), moved to a working day.

    Counted from the day the request arrived, else (an estimate) from the day it was sent.
    """
    return working_day_from(add_months(delivered_on or sent_on, ANSWER_MONTHS))


def answer_due(sent_on: date, delivered_on: date | None = None, extension_notified_on: date | None = None) -> date:
    """The last day for an answer to a written request (GDPR art. 12(3)).

    One calendar month after the request arrived (`delivered_on`, from the
    acknowledgment of receipt; without it, the day it was sent stands in and the
    date is an estimate). Three calendar months after that same day when an
    extension was notified on or before the first month's last day; a later notice
    changes nothing. Either last day, on a Saturday, a Sunday or a public holiday,
    moves to the next working day (`working_day_from`).
    """
    if extension_counts(sent_on, delivered_on, extension_notified_on):
        return working_day_from(add_months(delivered_on or sent_on, EXTENDED_ANSWER_MONTHS))
    return first_month_end(sent_on, delivered_on)


def extension_counts(sent_on: date, delivered_on: date | None, extension_notified_on: date | None) -> bool:
    """An extension was notified, and in time: on or before the first month's (moved) last day."""
    if extension_notified_on is None:
        return False
    return extension_notified_on <= first_month_end(sent_on, delivered_on)


def deletion_due(sent_on: date, delivered_on: date | None = None) -> date:
    """Three calendar months after a written request for deletion arrived (R1111-36), or was sent.

    Not moved to a working day: R1111-36 is French law, which Regulation 1182/71 does not
    govern, and no French text moves this period (docs/rules.md).
    """
    return closure_confirmation_due(delivered_on or sent_on)


@dataclass(frozen=True)
class RequestDates:
    """Every date of a written request: what pages, emails, calendars and the schedule show."""

    sent_on: date
    delivered_on: date | None
    extension_notified_on: date | None
    answer_received_on: date | None
    #: The first month's last day (GDPR art. 12(3)), from delivery or, without it, from sending,
    #: moved to a working day: an extension notified on or before it counts.
    one_month: date
    answer_due: date
    #: Notified on or before `one_month`: the answer is due three months after the start.
    extended: bool
    #: For a deletion request (a closure): three months after the request (R1111-36); else None.
    deletion_due: date | None

    @property
    def estimate(self) -> bool:
        """Without the delivery date, the dates count from sending: the real ones may be a few days later."""
        return self.delivered_on is None

    @property
    def extension_too_late(self) -> bool:
        """An extension notified after the first month's last day: it changes nothing."""
        return self.extension_notified_on is not None and not self.extended

    @property
    def answered(self) -> bool:
        return self.answer_received_on is not None

    def answer_overdue(self, today: date) -> bool:
        """No answer, and the date for it has passed: a complaint to the CNIL is possible."""
        return not self.answered and today > self.answer_due

    def deletion_overdue(self, today: date) -> bool:
        return self.deletion_due is not None and today > self.deletion_due


def request_dates(
    sent_on: date,
    delivered_on: date | None = None,
    extension_notified_on: date | None = None,
    answer_received_on: date | None = None,
    *,
    deletion: bool = False,
) -> RequestDates:
    return RequestDates(
        sent_on=sent_on,
        delivered_on=delivered_on,
        extension_notified_on=extension_notified_on,
        answer_received_on=answer_received_on,
        one_month=first_month_end(sent_on, delivered_on),
        answer_due=answer_due(sent_on, delivered_on, extension_notified_on),
        extended=extension_counts(sent_on, delivered_on, extension_notified_on),
        deletion_due=deletion_due(sent_on, delivered_on) if deletion else None,
    )


def local_today(now: datetime, time_zone: str) -> date:
    """The calendar day it is at `now` for someone in `time_zone`."""
    return now.astimezone(ZoneInfo(time_zone)).date()


@dataclass(frozen=True)
class Standing:
    """Where a letter stands on one day: what every page, email and calendar says that day."""

    phase: Phase
    today: date
    #: The date to act by now: act-by (safe), the legal deadline (late), None (missed).
    deadline: date | None
    #: The last day to call the 3422 still to come (see `call_by`), or None.
    call_by: date | None
    #: The day the space opens without an opposition.
    opens_on: date

    @property
    def days_left(self) -> int | None:
        """Whole days until `deadline`: 0 on the day itself; None once it has passed."""
        return None if self.deadline is None else days_left(self.deadline, self.today)

    @property
    def call_days_left(self) -> int | None:
        return None if self.call_by is None else days_left(self.call_by, self.today)

    @property
    def is_safe(self) -> bool:
        return self.phase == Phase.SAFE

    @property
    def is_late(self) -> bool:
        return self.phase == Phase.LATE

    @property
    def is_missed(self) -> bool:
        return self.phase == Phase.MISSED


@dataclass(frozen=True)
class Deadlines:
    """Every date a letter gives, for the pages and the reminders."""

    sent_on: date | None
    received_on: date
    act_by: date
    rule: str
    legal_deadline: date
    by_receipt: date
    opens_on: date
    #: The last day the 3422 answers on or before act-by.
    last_call_day: date
    #: The last day the 3422 answers on or before the legal deadline.
    last_legal_call_day: date
    sent_assumed: bool
    departement: str | None = None

    # The rules' names, for templates: `d.rule == d.BY_RECEIPT`.
    BY_RECEIPT: ClassVar[str] = RULE_RECEIPT
    BY_SENDING: ClassVar[str] = RULE_SENDING

    def days_left(self, today: date) -> int:
        """Whole days until act-by (the safe phase's countdown)."""
        return days_left(self.act_by, today)

    def window_open(self, today: date) -> bool:
        """Still on or before the last safe day."""
        return today <= self.act_by

    def still_legal(self, today: date) -> bool:
        """On or before the legal deadline: an opposition may still be accepted."""
        return today <= self.legal_deadline

    def phase(self, today: date) -> Phase:
        return phase_on(self.sent_on, self.received_on, today)

    def on(self, today: date) -> Standing:
        """Where the letter stands on `today`."""
        phase = self.phase(today)
        deadline = {Phase.SAFE: self.act_by, Phase.LATE: self.legal_deadline}.get(phase)
        return Standing(
            phase=phase,
            today=today,
            deadline=deadline,
            call_by=call_by(self.sent_on, self.received_on, today, self.departement),
            opens_on=self.opens_on,
        )

    @property
    def late_starts_on(self) -> date | None:
        """The first day of the late phase, or None when act-by is the legal deadline itself."""
        return self.act_by + timedelta(days=1) if self.act_by < self.legal_deadline else None


def of_letter(letter, departement: str | None = None) -> Deadlines | None:
    """The dates of anything with `sent_on` and `received_on` (a letter, a form's data), or None."""
    return None if letter is None else deadlines_for(letter.sent_on, letter.received_on, departement)


@lru_cache(maxsize=4096)
def deadlines_for(sent_on: date | None, received_on: date, departement: str | None = None) -> Deadlines:
    """Every date of a letter (immutable, computed once per letter dates and département: a
    wave of reminders, or a dashboard, holds many letters of the same days)."""
    base = sent_on or received_on
    safe_day = act_by(sent_on, received_on)
    return Deadlines(
        sent_on=sent_on,
        received_on=received_on,
        act_by=safe_day,
        rule=act_by_rule(sent_on, received_on),
        legal_deadline=legal_deadline(base),
        by_receipt=add_months(received_on, 1),
        opens_on=opens_on(base),
        last_call_day=last_call_day(safe_day, departement),
        last_legal_call_day=last_call_day(legal_deadline(base), departement),
        sent_assumed=sent_on is None,
        departement=departement or None,
    )
