"""A written request's dates, and the closure's deletion and archive.

- R1111-36 CSP: after closure, data are archived ten years (or deleted
  within three months on express request). The holder may also ask the
  operator (the CNAM, R1111-26) in writing.
- GDPR art. 12(3): a request is answered within one calendar month of its
  receipt, extendable by two months if the person is told, with reasons,
  within that first month (`answer_due`, `RequestDates`). Counted as
  Regulation (EEC, Euratom) No 1182/71 counts periods in EU acts: a last day on
  a Saturday, a Sunday or a French national public holiday moves to the next
  working day (art. 3(4), `working_day_from`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from optout.deadlines.days import add_months
from optout.deadlines.line import public_holiday

#: R1111-36: the three-month deletion period and the ten-year archive.
CLOSURE_CONFIRMATION_MONTHS = 3
ARCHIVE_YEARS = 10
#: GDPR art. 12(3): one month to answer a request, three when extended in time.
ANSWER_MONTHS = 1
EXTENDED_ANSWER_MONTHS = 3


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
