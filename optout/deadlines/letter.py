"""A letter's dates: act-by, the legal deadline, the phase, the last day to call.

- R1111-28 CSP: the space opens six weeks after the information was *sent*,
  unless the person objects. Guides written from the draft decree say one
  month after *receipt*. The product keeps the earlier of the two ("act by").

Where a letter stands on a given day (its phase): "safe" up to and including
act-by, "late" up to and including the legal deadline (an opposition is still
in time, by phone now), "missed" after it (the space opens the next day).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from functools import lru_cache
from typing import ClassVar

from optout.deadlines.days import add_months, days_left
from optout.deadlines.line import last_call_day

#: R1111-28: « à l'issue d'un délai de six semaines à compter de l'envoi ».
OPPOSITION_DAYS = 42
#: Décret n° 2021-1048 du 4 août 2021: no letter can predate it.
DECREE_DATE = date(2021, 8, 4)
#: The guides' reading (from the draft decree): one calendar month after the letter arrived.
RECEIPT_MONTHS = 1

RULE_RECEIPT = "receipt"  # one calendar month after the letter arrived
RULE_SENDING = "sending"  # six weeks after the date printed on the letter
RULE_BOTH = "both"  # the two rules give the same day


class Phase(StrEnum):
    SAFE = "safe"  # on or before act-by: any route, reminders lead up to act-by
    LATE = "late"  # after act-by, on or before the legal deadline: call now
    MISSED = "missed"  # after the legal deadline: the space opens; close it


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
    return min(legal_deadline(sent_on or received_on), add_months(received_on, RECEIPT_MONTHS))


def act_by_rule(sent_on: date | None, received_on: date) -> str:
    """Which reading set `act_by`: RULE_RECEIPT, RULE_SENDING or RULE_BOTH."""
    by_sending = legal_deadline(sent_on or received_on)
    by_receipt = add_months(received_on, RECEIPT_MONTHS)
    if by_sending == by_receipt:
        return RULE_BOTH
    return RULE_RECEIPT if by_receipt < by_sending else RULE_SENDING


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
    #: The letter itself is missing (lost, or only a notification came): every date is an estimate,
    #: and every page that shows one says so.
    estimated: bool = False

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
    """The dates of anything with `sent_on`, `received_on` and `estimated` (a letter, a form's data), or None;
    estimates when it says so."""
    if letter is None:
        return None
    return deadlines_for(letter.sent_on, letter.received_on, departement, letter.estimated)


@lru_cache(maxsize=4096)
def deadlines_for(
    sent_on: date | None, received_on: date, departement: str | None = None, estimated: bool = False
) -> Deadlines:
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
        by_receipt=add_months(received_on, RECEIPT_MONTHS),
        opens_on=opens_on(base),
        last_call_day=last_call_day(safe_day, departement),
        last_legal_call_day=last_call_day(legal_deadline(base), departement),
        sent_assumed=sent_on is None,
        departement=departement or None,
        estimated=estimated,
    )
