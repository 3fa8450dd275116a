"""A case as the pure rules see it: the one place its dates, phase and wording come from.

Pages, emails, calendars and the schedule all ask `dates_of(case)` (the letter's
dates, read with the owner's département for public holidays), `request_dates_of`
(the dates of its written request, if any), then
`dates.on(today)` for where it stands that day, `situation_of` for what to say,
and `who_of` for whose case it is. These adapters read rows already loaded and
run no query of their own beyond the relations they are given.
"""

from __future__ import annotations

from datetime import date, datetime

from accounts.models import User
from optout import deadlines, schedule
from optout.actions import Action, ActionKind, action_for
from optout.deadlines import Deadlines, Phase
from optout.models import Case, Step, WrittenRequest
from optout.vocabulary import CaseStatus, Relation, RequestKind, Scheme, Situation, StepKind
from optout.wording import Who


def dates_of(case: Case) -> Deadlines | None:
    """Every date the case's letter gives, or None for a space already open (no letter)."""
    return deadlines.of_letter(case.letter, case.person.owner.departement or None)


def written_request_of(case: Case) -> WrittenRequest | None:
    """The case's written request, or None (loaded with `select_related("written_request")` where it counts)."""
    return getattr(case, "written_request", None)


def request_dates_for(request: WrittenRequest | None) -> deadlines.RequestDates | None:
    if request is None:
        return None
    return deadlines.request_dates(
        request.sent_on,
        request.delivered_on,
        request.extension_notified_on,
        request.answer_received_on,
        deletion=request.kind == RequestKind.CLOSURE,
    )


def request_dates_of(case: Case) -> deadlines.RequestDates | None:
    """Every date of the case's written request, or None when there is none."""
    return request_dates_for(written_request_of(case))


_UNREAD = object()


def preferences_of(user: User) -> schedule.Preferences:
    return schedule.Preferences(
        enabled=user.reminders_enabled,
        lead_days=tuple(user.reminder_lead_days),
        send_hour=user.reminder_hour,
        time_zone=user.time_zone,
    )


def step_day(steps: list[Step], kind: str, time_zone: str) -> date | None:
    """The day, on the owner's clock, a step of this kind was marked done; None while it is not.
    The closure's request date (and so its deletion dates) is read here, for schedule and pages alike."""
    for step in steps:
        if step.kind == kind and step.done_at:
            return deadlines.local_today(step.done_at, time_zone)
    return None


def case_state_of(
    case: Case, steps: list[Step], request=_UNREAD, children_open_on=None, adult_month=None
) -> schedule.CaseState:
    """`request`: the case's WrittenRequest (or None) when the caller knows it, else it is read from the case.
    `children_open_on`: for a parent's own case, the latest day a child's space opens (see `children_open_on`).
    `adult_month`: for a child's latest case, the month the child turns 18 (see `adult_month_for`)."""
    request = written_request_of(case) if request is _UNREAD else request
    return schedule.CaseState(
        route=case.route,
        status=case.status,
        created_at=case.created_at,
        finished_at=case.status_changed_at if case.status in Case.FINISHED else None,
        deadlines=dates_of(case),
        code_received=any(step.kind == StepKind.CODE_RECEIVED and step.done_at for step in steps),
        closure_requested_on=step_day(steps, StepKind.CLOSE_SPACE, case.person.owner.time_zone),
        request=request_dates_for(request),
        children_open_on=children_open_on if case.person.relation == Relation.SELF else None,
        adult_month=adult_month if case.person.relation == Relation.CHILD else None,
        can_call=case.person.can_call,
    )


#: A child's case whose space the parent will close from their own: still to oppose, or to close.
CHILD_SPACE_PENDING = (CaseStatus.OPEN, CaseStatus.CLOSING)


def children_open_on(letters) -> dict[int, date]:
    """By owner: the latest day a child's space opens, from (owner id, sent_on, received_on) of the
    letters of their children's cases still to oppose or to close."""
    latest: dict = {}
    for owner_id, sent_on, received_on in letters:
        opens = deadlines.opens_on(sent_on or received_on)
        latest[owner_id] = max(latest.get(owner_id, opens), opens)
    return latest


def situation_of(status: str, standing: deadlines.Standing | None) -> Situation:
    """Where a case stands today, from its status and, when it has a letter, the letter's phase."""
    finished = {
        CaseStatus.OPPOSED: Situation.OPPOSED,
        CaseStatus.CLOSED: Situation.CLOSED,
        CaseStatus.CLOSURE_REQUESTED: Situation.CLOSURE_REQUESTED,
    }
    if status in finished:
        return finished[status]
    if standing is not None and status == CaseStatus.OPEN:
        return {Phase.SAFE: Situation.SAFE, Phase.LATE: Situation.LATE}.get(standing.phase, Situation.SPACE_OPEN)
    if standing is not None and not standing.is_missed:
        return Situation.NOT_OPEN_YET  # closure chosen before the space opened
    return Situation.SPACE_OPEN


def written_request_offered(situation: str, *, written: bool, deletion_overdue: bool) -> bool:
    """When phone and website fail, a letter to the caisse: while an opposition is in time, once the
    space is open, and when a closure's deletion is overdue; never a second one (`written`: one is recorded)."""
    if written:
        return False
    return situation in (Situation.SAFE, Situation.LATE, Situation.SPACE_OPEN) or deletion_overdue


def who_of(case: Case) -> Who:
    return Who.of(case.person)


def scheme_of(case: Case) -> str:
    """Who wrote the case's letter (optout.vocabulary.Scheme): « je ne sais pas » without a letter."""
    return case.letter.scheme if case.letter_id else Scheme.UNKNOWN


#: A case with nothing left to do (opposed, closure asked for or confirmed): no next action.
_DONE = (CaseStatus.OPPOSED, CaseStatus.CLOSURE_REQUESTED, CaseStatus.CLOSED)


def action_of(case: Case, now: datetime) -> Action | None:
    """The case's next action at `now` (optout.actions), or None once nothing is left to do."""
    if case.status in _DONE:
        return None
    return action_for(dates_of(case), route=case.route, now=now, can_call=case.person.can_call)


def children_to_close_first(case: Case, household: list[Case], now: datetime) -> tuple[list[Case], list[Case]]:
    """For a parent's own space to close: the children's spaces, managed from it, to close before it.

    Two lists: the children's spaces that are open or will open (their next action is a closure),
    and those whose opposition is still possible (they may open too). A child's case counts until
    its closure is asked for (or its opposition made). Parents report losing the way to a child's
    space after closing their own.
    """
    mine = action_of(case, now)
    if case.person.relation != Relation.SELF or mine is None or mine.kind != ActionKind.CLOSE:
        return [], []
    certain, possible = [], []
    for other in household:
        if other.person.relation != Relation.CHILD or other.status not in CHILD_SPACE_PENDING:
            continue
        action = action_of(other, now)
        (certain if action.kind == ActionKind.CLOSE else possible).append(other)
    return certain, possible
