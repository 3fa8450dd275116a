"""What the dashboard, the case page and the new-case flow read, scoped to the owner."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property

from django.db.models import Count, Subquery
from django.shortcuts import get_object_or_404

from accounts.models import User
from optout import deadlines, routes
from optout.actions import Action, ActionKind, plan, possible_routes
from optout.advice import Recommendation, recommend_route
from optout.deadlines import Deadlines, RequestDates, Standing
from optout.deletion import DeletionRequest, deletion_requests
from optout.models import CallAttempt, Case, CaseEvent, Person, Step, WrittenRequest
from optout.picture import Picture, picture
from optout.request_words import closure_overdue_advice, written_offer
from optout.state import (
    CHILD_SPACE_PENDING,
    action_of,
    children_to_close_first,
    dates_of,
    request_dates_of,
    scheme_of,
    situation_of,
    who_of,
    written_request_of,
)
from optout.vocabulary import CaseStatus as Status
from optout.vocabulary import Relation, Route, Situation, StepKind
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

    @property
    def headline(self) -> Headline | None:
        """The action in words, in the active language (not cached: a page renders it once)."""
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

    @property
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
        """The first step not done after the last one done (or the first step not done)."""
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
        return written_offer(self.who, self.case.route)

    @property
    def closure_overdue_advice(self) -> str:
        """The deletion's three months have passed without a confirmation: how to ask where it stands."""
        return closure_overdue_advice(self.who)

    @property
    def together_sheet(self) -> bool:
        """A large-print sheet to do the next action together, for an adult who acts themself (helped by you)."""
        return self.who.is_adult and self.action is not None

    @property
    def closure_requested_on(self) -> date | None:
        for row in self.steps:
            if row.kind == StepKind.CLOSE_SPACE and row.done:
                return deadlines.local_today(row.step.done_at, self.case.person.owner.time_zone)
        return None

    @property
    def closure_confirmed_on(self) -> date | None:
        for row in self.steps:
            if row.kind == StepKind.CLOSURE_CONFIRMED and row.done:
                return deadlines.local_today(row.step.done_at, self.case.person.owner.time_zone)
        return None

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
        if self.written_request is not None:
            return False
        offered = (Situation.SAFE, Situation.LATE, Situation.SPACE_OPEN)
        return self.situation in offered or self.closure_confirmation_overdue


@dataclass
class PersonRow:
    person: Person
    cases: list[CaseRow] = field(default_factory=list)


@dataclass
class Dashboard:
    people: list[PersonRow]

    @property
    def close_children_first(self) -> bool:
        """The owner's own space is to be closed while a child's is not closed yet."""
        return any(row.children_first or row.children_maybe for person in self.people for row in person.cases)


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


def dashboard_for(*, user: User, now: datetime) -> Dashboard:
    """Three plain queries (people, cases with letters, steps), grouped here: the
    dashboard is the busiest page, and the ORM's prefetch machinery costs more than the queries."""
    people = list(Person.objects.filter(owner=user))
    cases = list(
        Case.objects.filter(person__owner=user).select_related("letter", "written_request").order_by("created_at", "id")
    )
    steps = steps_by_case(Step.objects.filter(case__person__owner=user)) if cases else {}
    by_id = {person.pk: person for person in people}
    for person in people:
        person.owner = user  # already known: no query per person
    for case in cases:
        case.person = by_id[case.person_id]
    by_person: dict[int, list[CaseRow]] = {}
    for row in case_rows(cases, steps, now, user.time_zone):
        by_person.setdefault(row.case.person_id, []).append(row)
    return Dashboard(people=[PersonRow(person=person, cases=by_person.get(person.pk, [])) for person in people])


@dataclass
class CaseDetail:
    row: CaseRow
    calls: list[CallAttempt]
    events: list[CaseEvent]
    #: How many events the case has in all (`events` may hold only the latest).
    events_total: int = 0

    @property
    def last_call(self) -> CallAttempt | None:
        return self.calls[0] if self.calls else None

    @property
    def close_children_first(self) -> bool:
        return bool(self.row.children_first or self.row.children_maybe)


def case_detail_for(*, user: User, case_id: int, now: datetime, events_limit: int | None = None) -> CaseDetail:
    """A case with everything its pages show; with `events_limit`, only its latest events (oldest first)."""
    case = get_object_or_404(
        Case.objects.select_related("letter", "person", "written_request"), pk=case_id, person__owner=user
    )
    case.person.owner = user
    household = [case]
    if case.person.relation == Relation.SELF and case.status in (Status.OPEN, Status.CLOSING):
        # Children's spaces are managed from the parent's: closed first (state.children_to_close_first).
        household += list(
            Case.objects.filter(
                person__owner=user, person__relation=Relation.CHILD, status__in=CHILD_SPACE_PENDING
            ).select_related("letter", "person")
        )
        for other in household[1:]:
            other.person.owner = user
    [row, *_] = case_rows(household, steps_by_case(Step.objects.filter(case=case)), now, user.time_zone)
    timeline = CaseEvent.objects.filter(case=case)
    if events_limit is None:
        events = list(timeline)
        total = len(events)
    else:
        # The count of all the case's events comes with the latest ones: a subquery counted once
        # on the index `case_timeline`, which also gives the latest ones without sorting the rest.
        count = timeline.order_by().values("case").annotate(n=Count("id")).values("n")
        latest = timeline.annotate(total=Subquery(count)).order_by("-at", "-id")
        events = list(latest[:events_limit])[::-1]
        total = events[0].total if events else 0
    return CaseDetail(
        row=row,
        calls=list(CallAttempt.objects.filter(case=case)),
        events=events,
        events_total=total,
    )


def case_for(*, user: User, case_id: int) -> Case:
    return get_object_or_404(
        Case.objects.select_related("person__owner", "letter", "written_request"), pk=case_id, person__owner=user
    )


def owned_case(*, user: User, case_id: int) -> Case:
    """The case if it is the user's (404 otherwise), with only its id loaded: for a service
    that locks the case and reads it afresh (a step's « C'est fait », « Annuler », a new route)."""
    return get_object_or_404(Case.objects.only("pk"), pk=case_id, person__owner=user)


def person_for(*, user: User, person_id: int) -> Person:
    return get_object_or_404(Person.objects.select_related("owner"), pk=person_id, owner=user)


def people_for(*, user: User) -> list[Person]:
    return list(Person.objects.filter(owner=user).prefetch_related("cases"))


def recommendation_for(
    *, person: Person, letter, now: datetime, departement: str | None = None
) -> tuple[Recommendation, Deadlines | None]:
    """The advised route for a letter not stored yet (a form's data), with the letter's dates.

    `departement`, when given, stands for the owner's (chosen with the letter, saved with the case).
    """
    letter_deadlines = deadlines.of_letter(letter, departement or person.owner.departement or None)
    advice = recommend_route(
        deadlines=letter_deadlines,
        had_code=bool(letter and letter.had_code),
        now=now,
        can_call=person.can_call,
    )
    return advice, letter_deadlines


def case_by_link(*, case_id: int) -> Case | None:
    """The case a signed link names (the signature stands for the owner's session)."""
    return Case.objects.select_related("person__owner", "letter").filter(pk=case_id).first()
