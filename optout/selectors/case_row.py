"""A case as its pages show it at a moment: the row the dashboard, the case page, the calendar
and the emails' links read (every date and action from optout/state.py, every sentence that
names the person from optout/wording)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from functools import cached_property

from optout import deadlines, routes
from optout.actions import Action, ActionKind, plan, possible_routes
from optout.deadlines import Deadlines, RequestDates, Standing
from optout.deletion import DeletionRequest, deletion_requests
from optout.models import Case, Person, Step, WrittenRequest
from optout.picture import Picture, picture
from optout.request_words import closure_overdue_advice, written_offer
from optout.state import (
    action_of,
    children_to_close_first,
    dates_of,
    request_dates_of,
    scheme_of,
    situation_of,
    step_day,
    who_of,
    written_request_of,
    written_request_offered,
)
from optout.vocabulary import CaseStatus as Status
from optout.vocabulary import Route, Situation, StepKind
from optout.wording import Who
from optout.wording.headline import Headline, headline
from optout.wording.letter import DateLine, date_lines
from optout.wording.people import of_age, of_age_prompt, opposed, phone_answer
from optout.wording.schemes import scheme_note


@dataclass
class StepRow:
    spec: routes.StepSpec
    step: Step
    help: str

    @property
    def kind(self) -> str:
        return self.spec.kind

    @property
    def done(self) -> bool:
        return self.step.is_done


@dataclass
class CaseRow:
    """A case as its pages show it at `now` (`today` in its owner's time zone): every date, phase
    and action comes from optout/state.py, every sentence that names the person from optout/wording."""

    case: Case
    deadlines: Deadlines | None
    today: date
    steps: list[StepRow]
    now: datetime | None = None
    #: The labels of the children whose spaces are to be closed before this one (a parent's own), and
    #: of those whose spaces may still open (their opposition is still possible): closed first if they do.
    children_first: tuple[str, ...] = ()
    children_maybe: tuple[str, ...] = ()

    @cached_property
    def action(self) -> Action | None:
        """The next action at `now`, or None once nothing is left to do."""
        return action_of(self.case, self.now)

    @cached_property
    def headline(self) -> Headline | None:
        """The action in words, in the active language (a row lives for one request, in one language)."""
        if self.action is None:
            return None
        letter = self.case.letter
        return headline(
            self.action,
            self.who,
            self.today,
            time_zone=self.case.person.owner.time_zone,
            channel=letter.channel if letter else None,
            children_first=self.children_first,
            children_maybe=self.children_maybe,
        )

    @cached_property
    def picture(self) -> Picture | None:
        """The window as a picture, while it is still to come (no closure, the space not open yet)."""
        if self.deadlines is None or self.case.route == Route.CLOSURE or self.today > self.deadlines.opens_on:
            return None
        return picture(self.deadlines, self.today, phone=self.who.can_call)

    @property
    def date_lines(self) -> list[DateLine]:
        """The letter's dates; for a closure, only the day the space opens (or opened)."""
        if self.deadlines is None:
            return []
        lines = date_lines(self.deadlines, phone=self.who.can_call)
        if self.case.route == Route.CLOSURE:
            return [line for line in lines if line.key == "opens"]
        return lines

    @property
    def last_call_moment(self) -> datetime | None:
        """The last moment a call to the 3422 can still oppose (whatever the route), or None."""
        if self.deadlines is None or self.case.status != Status.OPEN:
            return None
        if not self.who.can_call:
            return None
        calls = [a.by for a in plan(self.deadlines, route=Route.PHONE, now=self.now) if a.kind == ActionKind.CALL]
        return calls[-1] if calls else None

    @property
    def opposed(self) -> str:
        return opposed(self.who, self.case.route)

    @property
    def route_options(self) -> list[tuple[str, str]]:
        """(route, name) for each route this case can still move to."""
        return [(key, routes.ROUTES[key].name) for key in self.possible_routes]

    @property
    def opposition_routes(self) -> list[tuple[str, str]]:
        """The oppositions still possible, for a closure chosen before the space opens."""
        return [(key, name) for key, name in self.route_options if key != Route.CLOSURE]

    @property
    def possible_routes(self) -> list[str]:
        """The routes this case can still move to, its own excepted."""
        if self.case.status not in (Status.OPEN, Status.CLOSING, Status.OPPOSED):
            return []
        allowed = possible_routes(self.deadlines, now=self.now, can_call=self.person.can_call)
        if self.case.status == Status.OPPOSED:
            allowed = [Route.CLOSURE]
        return [route for route in allowed if route != self.case.route]

    @property
    def person(self) -> Person:
        return self.case.person

    @property
    def who(self) -> Who:
        return who_of(self.case)

    @property
    def route(self) -> routes.RouteSpec:
        return self.case.route_spec

    @property
    def scheme(self) -> str:
        """Who wrote the letter (optout.vocabulary.Scheme); « je ne sais pas » without a letter."""
        return scheme_of(self.case)

    @property
    def scheme_note(self) -> str:
        return scheme_note(self.scheme)

    @property
    def have_ready(self) -> list[str]:
        return self.route.have_ready_for(self.who, self.scheme)

    @property
    def of_age(self) -> dict[str, str]:
        """For a child's case, from the month they turn 18: the child acts themself now (else empty)."""
        return of_age(self.who, self.case.person.adult_month, self.today)

    @property
    def of_age_prompt(self) -> str:
        """For a child's case whose 18th birthday month is not known: why to give it (else empty)."""
        return of_age_prompt(self.who, self.case.person.adult_month)

    @property
    def standing(self) -> Standing | None:
        return None if self.deadlines is None else self.deadlines.on(self.today)

    @property
    def situation(self) -> Situation:
        return situation_of(self.case.status, self.standing)

    @property
    def done_count(self) -> int:
        return sum(1 for row in self.steps if row.done)

    @property
    def next_step(self) -> StepRow | None:
        """The first step not done after the last one done (or the first step not done); none while the
        route's steps are not what to do now (a phone case once the 3422 can no longer answer in time:
        its headline says to refuse online)."""
        if self.action is not None and self.action.is_fallback:
            return None
        last_done = max((i for i, row in enumerate(self.steps) if row.done), default=-1)
        return next((row for row in self.steps[last_done + 1 :] if not row.done), None)

    @property
    def takes_calls(self) -> bool:
        """The 3422 call log belongs to opposing: never on a closure, never for someone who cannot phone."""
        return self.case.route != Route.CLOSURE and self.who.can_call

    @property
    def phone_answer(self) -> str:
        """The answer to « Pouvez-vous téléphoner ? », said on the case page with a link to change it."""
        return phone_answer(self.who)

    @property
    def written_offer(self) -> str:
        """When phone and website fail: the written request, in words for whoever acts."""
        line_answers = self.deadlines is None or not self.who.can_call or self.last_call_moment is not None
        return written_offer(self.who, self.case.route, line_answers=line_answers)

    @property
    def closure_overdue_advice(self) -> str:
        """The deletion's three months have passed without a confirmation: how to ask where it stands."""
        return closure_overdue_advice(self.who)

    @property
    def close_children_first(self) -> bool:
        """A parent's own space to close while a child's, managed from it, is not closed yet."""
        return bool(self.children_first or self.children_maybe)

    @property
    def together_sheet(self) -> bool:
        """A large-print sheet to do the next action together, for an adult who acts themself (helped by you)."""
        return self.who.is_adult and self.action is not None

    @property
    def closure_requested_on(self) -> date | None:
        return step_day([row.step for row in self.steps], StepKind.CLOSE_SPACE, self.case.person.owner.time_zone)

    @property
    def closure_confirmed_on(self) -> date | None:
        return step_day([row.step for row in self.steps], StepKind.CLOSURE_CONFIRMED, self.case.person.owner.time_zone)

    @property
    def deletion_requests(self) -> list[DeletionRequest]:
        """The online closure and the written request that asked for deletion, each with its own due date."""
        return deletion_requests(
            today=self.today,
            online_on=self.closure_requested_on,
            confirmed_on=self.closure_confirmed_on,
            written=self.request_dates,
        )

    @property
    def closure_confirmation_due(self) -> date | None:
        requested = self.closure_requested_on
        return deadlines.closure_confirmation_due(requested) if requested else None

    @property
    def closure_confirmation_overdue(self) -> bool:
        due = self.closure_confirmation_due
        return due is not None and self.today > due

    @property
    def archive_deleted_on(self) -> date | None:
        requested = self.closure_requested_on
        return deadlines.archive_deleted_on(requested) if requested else None

    @property
    def written_request(self) -> WrittenRequest | None:
        return written_request_of(self.case)

    @property
    def request_dates(self) -> RequestDates | None:
        return request_dates_of(self.case)

    @property
    def request_answer_overdue(self) -> bool:
        dates = self.request_dates
        return dates is not None and dates.answer_overdue(self.today)

    @property
    def offers_written_request(self) -> bool:
        """When phone and website fail: a letter to the caisse, while an opposition is in time,
        once the space is open, and when a closure's deletion is overdue."""
        return written_request_offered(
            self.situation, written=self.written_request is not None, deletion_overdue=self.closure_confirmation_overdue
        )


def case_rows(cases, steps_by_case: dict[int, list[Step]], now: datetime, time_zone: str) -> list[CaseRow]:
    """A row per case (owner loaded on each), with its dates and its steps in route order; a parent's
    own case knows which of the children's (among `cases`) to close first."""
    today = deadlines.local_today(now, time_zone)
    rows = []
    for case in cases:
        case_deadlines = dates_of(case)
        by_kind = {step.kind: step for step in steps_by_case.get(case.pk, [])}
        who, scheme = who_of(case), scheme_of(case)
        steps = [
            StepRow(spec, by_kind[spec.kind], spec.help_for(who, scheme))
            for spec in case.route_spec.steps
            if spec.kind in by_kind
        ]
        first, maybe = children_to_close_first(case, cases, now)
        rows.append(
            CaseRow(
                case=case,
                deadlines=case_deadlines,
                today=today,
                steps=steps,
                now=now,
                children_first=tuple(child.person.label for child in first),
                children_maybe=tuple(child.person.label for child in maybe),
            )
        )
    return rows


def steps_by_case(steps) -> dict[int, list[Step]]:
    grouped: dict[int, list[Step]] = {}
    for step in steps:
        grouped.setdefault(step.case_id, []).append(step)
    return grouped
