"""What the dashboard, the case page and the new-case flow read, scoped to the owner."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Count, Q, Subquery
from django.http import Http404
from django.shortcuts import get_object_or_404

from accounts.models import User
from optout import deadlines
from optout.advice import Recommendation, recommend_route
from optout.deadlines import Deadlines
from optout.models import CallAttempt, Case, CaseEvent, Person, Step
from optout.selectors.case_row import CaseRow, case_rows, steps_by_case
from optout.state import (
    CHILD_SPACE_PENDING,
)
from optout.vocabulary import CaseStatus as Status
from optout.vocabulary import Relation


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
        return any(row.close_children_first for person in self.people for row in person.cases)

    @property
    def children_spaces_to_close(self) -> bool:
        """Of those children's spaces, one is open or will open: to close now (otherwise they only may open)."""
        return any(row.children_first for person in self.people for row in person.cases)


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
        return self.row.close_children_first


def case_detail_for(*, user: User, case_id: int, now: datetime, events_limit: int | None = None) -> CaseDetail:
    """A case with everything its pages show; with `events_limit`, only its latest events (oldest first)."""
    # The case and, in the same query, the owner's children's spaces still to close: a parent's own
    # space is closed after them (state.children_to_close_first), and they are few.
    found = list(
        Case.objects.filter(
            Q(pk=case_id) | Q(person__relation=Relation.CHILD, status__in=CHILD_SPACE_PENDING), person__owner=user
        ).select_related("letter", "person", "written_request")
    )
    case = next((each for each in found if each.pk == int(case_id)), None)
    if case is None:
        raise Http404
    for each in found:
        each.person.owner = user
    household = [case]
    if case.person.relation == Relation.SELF and case.status in (Status.OPEN, Status.CLOSING):
        household += [each for each in found if each is not case]
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
