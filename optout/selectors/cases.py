"""What the dashboard, the case page and the new-case flow read, scoped to the owner."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import Count, Subquery
from django.shortcuts import get_object_or_404

from accounts.models import User
from optout import deadlines, routes
from optout.advice import Recommendation, recommend_route
from optout.deadlines import Deadlines, RequestDates, Standing
from optout.deletion import DeletionRequest, deletion_requests
from optout.models import CallAttempt, Case, CaseEvent, Person, Step, WrittenRequest
from optout.state import dates_of, request_dates_of, situation_of, who_of, written_request_of
from optout.vocabulary import CaseStatus as Status
from optout.vocabulary import Relation, Route, Situation, StepKind
from optout.wording import Who


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
    """A case as its pages show it on `today`: every date, phase and word comes from optout/state.py."""

    case: Case
    deadlines: Deadlines | None
    today: date
    steps: list[StepRow]

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
    def have_ready(self) -> list[str]:
        return self.route.have_ready_for(self.who)

    @property
    def standing(self) -> Standing | None:
        return None if self.deadlines is None else self.deadlines.on(self.today)

    @property
    def situation(self) -> Situation:
        return situation_of(self.case.status, self.standing)

    @property
    def days_left(self) -> int | None:
        """Days until the date to act by now (act-by when safe, the legal deadline when late)."""
        standing = self.standing
        return None if standing is None else standing.days_left

    @property
    def done_count(self) -> int:
        return sum(1 for row in self.steps if row.done)

    @property
    def next_step(self) -> StepRow | None:
        """The first step not done after the last one done (or the first step not done)."""
        last_done = max((i for i, row in enumerate(self.steps) if row.done), default=-1)
        return next((row for row in self.steps[last_done + 1 :] if not row.done), None)

    @property
    def shows_countdown(self) -> bool:
        return self.situation in (Situation.SAFE, Situation.LATE)

    @property
    def takes_calls(self) -> bool:
        """The 3422 call log belongs to opposing: never on a closure."""
        return self.case.route != Route.CLOSURE

    @property
    def can_still_object(self) -> bool:
        """Closure was chosen but the space is not open yet: an opposition is still in time."""
        return self.situation == Situation.NOT_OPEN_YET

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
        return _close_children_first([row for person in self.people for row in person.cases])


def _close_children_first(rows: list[CaseRow]) -> bool:
    own_closing = any(r.person.relation == Relation.SELF and r.case.status == Status.CLOSING for r in rows)
    # Children's spaces are managed from the parent's profile: close them before your own.
    children_open = any(
        r.person.relation == Relation.CHILD and r.case.route == Route.CLOSURE and r.case.status != Status.CLOSED
        for r in rows
    )
    return own_closing and children_open


def case_rows(cases, steps_by_case: dict[int, list[Step]], today: date) -> list[CaseRow]:
    """A row per case (owner loaded on each), with its dates and its steps in route order."""
    rows = []
    for case in cases:
        case_deadlines = dates_of(case)
        by_kind = {step.kind: step for step in steps_by_case.get(case.pk, [])}
        who = who_of(case)
        steps = [
            StepRow(spec, by_kind[spec.kind], spec.help_for(who))
            for spec in case.route_spec.steps
            if spec.kind in by_kind
        ]
        rows.append(CaseRow(case=case, deadlines=case_deadlines, today=today, steps=steps))
    return rows


def steps_by_case(steps) -> dict[int, list[Step]]:
    grouped: dict[int, list[Step]] = {}
    for step in steps:
        grouped.setdefault(step.case_id, []).append(step)
    return grouped


def dashboard_for(*, user: User, now: datetime) -> Dashboard:
    """Three plain queries (people, cases with letters, steps), grouped here: the
    dashboard is the busiest page, and the ORM's prefetch machinery costs more than the queries."""
    today = deadlines.local_today(now, user.time_zone)
    people = list(Person.objects.filter(owner=user))
    cases = list(
        Case.objects.filter(person__owner=user).select_related("letter", "written_request").order_by("created_at", "id")
    )
    steps = steps_by_case(Step.objects.filter(case__person__owner=user)) if cases else {}
    by_person: dict[int, list[Case]] = {}
    for case in cases:
        by_person.setdefault(case.person_id, []).append(case)
    rows = []
    for person in people:
        person.owner = user  # already known: no query per person
        mine = by_person.get(person.pk, [])
        for case in mine:
            case.person = person
        rows.append(PersonRow(person=person, cases=case_rows(mine, steps, today)))
    return Dashboard(people=rows)


@dataclass
class CaseDetail:
    row: CaseRow
    calls: list[CallAttempt]
    events: list[CaseEvent]
    close_children_first: bool
    #: How many events the case has in all (`events` may hold only the latest).
    events_total: int = 0

    @property
    def last_call(self) -> CallAttempt | None:
        return self.calls[0] if self.calls else None


def case_detail_for(*, user: User, case_id: int, now: datetime, events_limit: int | None = None) -> CaseDetail:
    """A case with everything its pages show; with `events_limit`, only its latest events (oldest first)."""
    case = get_object_or_404(
        Case.objects.select_related("letter", "person", "written_request"), pk=case_id, person__owner=user
    )
    case.person.owner = user
    today = deadlines.local_today(now, user.time_zone)
    [row] = case_rows([case], steps_by_case(Step.objects.filter(case=case)), today)
    close_children_first = False
    if case.person.relation == Relation.SELF and case.status == Status.CLOSING:
        others = Case.objects.filter(person__owner=user, route=Route.CLOSURE, person__relation=Relation.CHILD).exclude(
            status=Status.CLOSED
        )
        close_children_first = others.exists()
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
        close_children_first=close_children_first,
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
        today=deadlines.local_today(now, person.owner.time_zone),
    )
    return advice, letter_deadlines


def case_by_link(*, case_id: int) -> Case | None:
    """The case a signed link names (the signature stands for the owner's session)."""
    return Case.objects.select_related("person__owner", "letter").filter(pk=case_id).first()
