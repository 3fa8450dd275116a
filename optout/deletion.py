"""Every request a case made to delete its space's data, each with its own due date and state.

A case can hold two: the closure asked online (its step ticked, R1111-36: the data
deleted within three months of an express request) and a written request for
closure and deletion (three months too, from its delivery, else its sending). Pages,
the timeline and the complaint name each one with its own date, never one date for
the case. Pure: dates in, rows out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from optout import deadlines
from optout.deadlines import RequestDates


@dataclass(frozen=True)
class DeletionRequest:
    """One request to delete the data: how and when it was made, when the deletion is due, where it stands."""

    #: Asked online (the closure step); else a written request (a letter or an email).
    online: bool
    requested_on: date
    due: date
    #: Counted from the sending, the delivery date being unknown.
    estimate: bool = False
    #: The deletion confirmed (the case's last closure step), whichever request it answered.
    confirmed_on: date | None = None
    #: The written request's answer, noted (it may refuse).
    answered_on: date | None = None
    #: Past its due date with neither a confirmation nor an answer noted.
    overdue: bool = False


def deletion_requests(
    *,
    today: date,
    online_on: date | None,
    confirmed_on: date | None,
    written: RequestDates | None,
) -> list[DeletionRequest]:
    """The case's deletion requests, oldest first. `written` counts only when it asks for deletion."""
    found = []
    if online_on is not None:
        due = deadlines.closure_confirmation_due(online_on)
        found.append(
            DeletionRequest(
                online=True,
                requested_on=online_on,
                due=due,
                confirmed_on=confirmed_on,
                overdue=confirmed_on is None and today > due,
            )
        )
    if written is not None and written.deletion_due is not None:
        found.append(
            DeletionRequest(
                online=False,
                requested_on=written.sent_on,
                due=written.deletion_due,
                estimate=written.estimate,
                confirmed_on=confirmed_on,
                answered_on=written.answer_received_on,
                overdue=confirmed_on is None and not written.answered and written.deletion_overdue(today),
            )
        )
    return sorted(found, key=lambda request: request.requested_on)
