"""Every read a page needs, scoped to its owner, in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404

from accounts.models import User
from optout import deadlines, routes
from optout.deadlines import Deadlines
from optout.models import CalendarFeed, CallAttempt, Case, CaseEvent, Person, Step

Status = Case.Status

# What a case's situation is, for the words and colours on its pages.
WINDOW_OPEN = "window_open"
LATE_BUT_LEGAL = "late_but_legal"
WINDOW_MISSED = "window_missed"
SPACE_OPEN = "space_open"
DONE = "done"


@dataclass
class StepRow:
    spec: routes.StepSpec
    step: Step

    @property
    def kind(self) -> str:
        return self.spec.kind

    @property
    def done(self) -> bool:
        return self.step.is_done


@dataclass
class CaseRow:
    case: Case
    deadlines: Deadlines | None
    today: date
    steps: list[StepRow]

    @property
    def person(self) -> Person:
        return self.case.person

    @property
    def route(self) -> routes.Route:
        return self.case.route_spec

    @property
    def days_left(self) -> int | None:
        return None if self.deadlines is None else self.deadlines.days_left(self.today)

    @property
    def done_count(self) -> int:
        return sum(1 for row in self.steps if row.done)

    @property
    def next_step(self) -> StepRow | None:
        return next((row for row in self.steps if not row.done), None)

    @property
    def situation(self) -> str:
        case = self.case
        if case.status in (Status.OPPOSED, Status.CLOSED):
            return DONE
        if case.status == Status.OPEN:
            return WINDOW_OPEN if self.deadlines.window_open(self.today) else LATE_BUT_LEGAL
        if case.window_missed_on:
            return WINDOW_MISSED
        return SPACE_OPEN

    @property
    def shows_countdown(self) -> bool:
        return self.case.status == Status.OPEN

    @property
    def can_still_object(self) -> bool:
        """The space is being closed after a missed window, but the legal deadline still runs."""
        return (
            self.case.status == Status.CLOSING and self.deadlines is not None and self.deadlines.still_legal(self.today)
        )

    @property
    def closure_requested_on(self) -> date | None:
        for row in self.steps:
            if row.kind == "close_space" and row.done:
                return deadlines.local_today(row.step.done_at, self.case.person.owner.time_zone)
        return None

    @property
    def closure_confirmation_due(self) -> date | None:
        requested = self.closure_requested_on
        return deadlines.closure_confirmation_due(requested) if requested else None

    @property
    def archive_deleted_on(self) -> date | None:
        requested = self.closure_requested_on
        return deadlines.archive_deleted_on(requested) if requested else None


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
    own_closing = any(r.person.relation == Person.Relation.SELF and r.case.status == Status.CLOSING for r in rows)
    others_open = any(
        r.person.relation != Person.Relation.SELF and r.case.route == routes.CLOSURE and r.case.status != Status.CLOSED
        for r in rows
    )
    return own_closing and others_open


def _case_rows(cases, steps_by_case: dict[int, list[Step]], owner: User, today: date) -> list[CaseRow]:
    rows = []
    for case in cases:
        case_deadlines = deadlines.of_letter(case.letter, owner.departement)
        by_kind = {step.kind: step for step in steps_by_case.get(case.pk, [])}
        steps = [StepRow(spec, by_kind[spec.kind]) for spec in case.route_spec.steps if spec.kind in by_kind]
        rows.append(CaseRow(case=case, deadlines=case_deadlines, today=today, steps=steps))
    return rows


def _steps_by_case(steps) -> dict[int, list[Step]]:
    grouped: dict[int, list[Step]] = {}
    for step in steps:
        grouped.setdefault(step.case_id, []).append(step)
    return grouped


def dashboard_for(*, user: User, now: datetime) -> Dashboard:
    """Three plain queries (people, cases with letters, steps), grouped here: the
    dashboard is the busiest page, and the ORM's prefetch machinery costs more than the queries."""
    today = deadlines.local_today(now, user.time_zone)
    people = list(Person.objects.filter(owner=user))
    cases = list(Case.objects.filter(person__owner=user).select_related("letter").order_by("created_at", "id"))
    steps = _steps_by_case(Step.objects.filter(case__person__owner=user)) if cases else {}
    by_person: dict[int, list[Case]] = {}
    for case in cases:
        by_person.setdefault(case.person_id, []).append(case)
    rows = []
    for person in people:
        person.owner = user  # already known: no query per person
        mine = by_person.get(person.pk, [])
        for case in mine:
            case.person = person
        rows.append(PersonRow(person=person, cases=_case_rows(mine, steps, user, today)))
    return Dashboard(people=rows)


@dataclass
class CaseDetail:
    row: CaseRow
    calls: list[CallAttempt]
    events: list[CaseEvent]
    close_children_first: bool

    @property
    def last_call(self) -> CallAttempt | None:
        return self.calls[0] if self.calls else None


def case_detail_for(*, user: User, case_id: int, now: datetime) -> CaseDetail:
    case = get_object_or_404(Case.objects.select_related("letter", "person"), pk=case_id, person__owner=user)
    case.person.owner = user
    today = deadlines.local_today(now, user.time_zone)
    [row] = _case_rows([case], _steps_by_case(Step.objects.filter(case=case)), user, today)
    close_children_first = False
    if case.person.relation == Person.Relation.SELF and case.status == Status.CLOSING:
        others = (
            Case.objects.filter(person__owner=user, route=routes.CLOSURE)
            .exclude(person__relation=Person.Relation.SELF)
            .exclude(status=Status.CLOSED)
        )
        close_children_first = others.exists()
    return CaseDetail(
        row=row,
        calls=list(CallAttempt.objects.filter(case=case)),
        events=list(CaseEvent.objects.filter(case=case)),
        close_children_first=close_children_first,
    )


def case_for(*, user: User, case_id: int) -> Case:
    return get_object_or_404(Case.objects.select_related("person__owner", "letter"), pk=case_id, person__owner=user)


def person_for(*, user: User, person_id: int) -> Person:
    return get_object_or_404(Person.objects.select_related("owner"), pk=person_id, owner=user)


def people_for(*, user: User) -> list[Person]:
    return list(Person.objects.filter(owner=user).prefetch_related("cases"))


def export_for(*, user: User) -> dict:
    """Everything stored about the account, and nothing of anyone else (GDPR articles 15 and 20)."""
    from allauth.account.models import EmailAddress

    def when(value):
        return value.isoformat() if value else None

    feed = CalendarFeed.objects.filter(user=user).first()
    people = Person.objects.filter(owner=user).prefetch_related(
        Prefetch(
            "cases",
            queryset=Case.objects.select_related("letter").prefetch_related("steps", "calls", "events", "reminders"),
        )
    )
    return {
        "format": "a-temps-export/1",
        "account": {
            "email": user.email,
            "date_joined": when(user.date_joined),
            "last_login": when(user.last_login),
            "language": user.language,
            "time_zone": user.time_zone,
            "departement": user.departement,
            "reminders_enabled": user.reminders_enabled,
            "reminder_lead_days": user.reminder_lead_days,
            "reminder_hour": user.reminder_hour,
            "email_addresses": [
                {"email": a.email, "verified": a.verified, "primary": a.primary}
                for a in EmailAddress.objects.filter(user=user)
            ],
        },
        "calendar_feed": {"created_at": when(feed.created_at)} if feed else None,
        "people": [
            {
                "label": person.label,
                "relation": person.relation,
                "created_at": when(person.created_at),
                "cases": [_export_case(case, when) for case in person.cases.all()],
            }
            for person in people
        ],
    }


def _export_case(case: Case, when) -> dict:
    letter = case.letter
    return {
        "route": case.route,
        "status": case.status,
        "created_at": when(case.created_at),
        "status_changed_at": when(case.status_changed_at),
        "act_by": when(case.act_by),
        "legal_deadline": when(case.legal_deadline),
        "window_missed_on": when(case.window_missed_on),
        "letter": None
        if letter is None
        else {
            "channel": letter.channel,
            "sent_on": when(letter.sent_on),
            "received_on": when(letter.received_on),
            "had_code": letter.had_code,
        },
        "steps": [{"kind": s.kind, "done_at": when(s.done_at), "note": s.note} for s in case.steps.all()],
        "calls": [{"called_at": when(c.called_at), "outcome": c.outcome, "note": c.note} for c in case.calls.all()],
        "timeline": [{"at": when(e.at), "kind": e.kind, "data": e.data} for e in case.events.all()],
        "reminders": [
            {"kind": r.kind, "due_at": when(r.due_at), "status": r.status, "sent_at": when(r.sent_at)}
            for r in case.reminders.all()
        ],
    }


def calendar_feed_owner(*, token: str) -> User | None:
    feed = CalendarFeed.objects.select_related("user").filter(token=token).first()
    return feed.user if feed else None


def calendar_events_for(*, user: User):
    """Every case's dates for the user's private calendar. Call in the user's language."""
    from django.utils.translation import gettext as _

    from optout.calendar import CalendarEvent, deadline_events, uid
    from optout.deadlines import closure_confirmation_due

    events = []
    cases = Case.objects.filter(person__owner=user).select_related("letter", "person").prefetch_related("steps")
    for case in cases:
        case.person.owner = user
        [row] = _case_rows(
            [case], _steps_by_case(case.steps.all()), user, deadlines.local_today(case.created_at, user.time_zone)
        )
        if case.status == Status.OPEN and row.deadlines:
            events += deadline_events(
                row.deadlines, uid_base=f"case-{case.pk}", who=case.person.label, alarm_days=user.reminder_lead_days
            )
        requested = row.closure_requested_on
        if case.status == Status.CLOSURE_REQUESTED and requested:
            events.append(
                CalendarEvent(
                    uid(f"case-{case.pk}", "closure-confirmation"),
                    closure_confirmation_due(requested),
                    _("Confirmation de suppression attendue") + f" ({case.person.label})",
                    _("Trois mois après la demande de clôture (article R1111-36). Sans nouvelles, appelez le 3422."),
                    (),
                )
            )
    return events
