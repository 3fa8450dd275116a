"""A case as the pure rules see it: the one place its dates, phase and wording come from.

Pages, emails, calendars and the schedule all ask `dates_of(case)` (the letter's
dates, read with the owner's département for public holidays), then
`dates.on(today)` for where it stands that day, `situation_of` for what to say,
and `who_of` for whose case it is. These adapters read rows already loaded and
run no query of their own beyond the relations they are given.
"""

from __future__ import annotations

from accounts.models import User
from optout import deadlines, schedule
from optout.deadlines import Deadlines, Phase
from optout.models import Case, Step
from optout.vocabulary import CaseStatus, Situation, StepKind
from optout.wording import Who


def dates_of(case: Case) -> Deadlines | None:
    """Every date the case's letter gives, or None for a space already open (no letter)."""
    return deadlines.of_letter(case.letter, case.person.owner.departement or None)


def preferences_of(user: User) -> schedule.Preferences:
    return schedule.Preferences(
        enabled=user.reminders_enabled,
        lead_days=tuple(user.reminder_lead_days),
        send_hour=user.reminder_hour,
        time_zone=user.time_zone,
    )


def case_state_of(case: Case, steps: list[Step]) -> schedule.CaseState:
    done = {step.kind: step.done_at for step in steps if step.done_at}
    close_requested_at = done.get(StepKind.CLOSE_SPACE)
    return schedule.CaseState(
        route=case.route,
        status=case.status,
        created_at=case.created_at,
        finished_at=case.status_changed_at if case.status in Case.FINISHED else None,
        deadlines=dates_of(case),
        code_received=StepKind.CODE_RECEIVED in done,
        closure_requested_on=(
            deadlines.local_today(close_requested_at, case.person.owner.time_zone) if close_requested_at else None
        ),
    )


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


def who_of(case: Case) -> Who:
    return Who.of(case.person)
