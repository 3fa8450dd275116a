"""Writes to cases: open one, change its route, tick its steps, log calls, move missed windows.

Keyword-only, typed, named <entity>_<action>. `now` is always passed in. A
refused change raises ValidationError with a translated message and writes
nothing (each service runs in one transaction), and every accepted change
re-syncs the case's reminders in that same transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from optout import deadlines, routes, sql
from optout.advice import route_refusal
from optout.models import CallAttempt, Case, Letter, Person, Step
from optout.services.common import event, locked, set_status, today_of, touch
from optout.services.reminders import reminders_sync
from optout.state import dates_of
from optout.validators import no_identifiers
from optout.vocabulary import CallOutcome, CaseStatus, EventKind, Route, Scheme, StepKind


@dataclass(frozen=True)
class LetterData:
    channel: str
    sent_on: date | None
    received_on: date
    had_code: bool
    #: Who wrote (optout.vocabulary.Scheme).
    scheme: str = Scheme.UNKNOWN
    #: The letter itself is missing (lost, or only a notification): `received_on` is approximate.
    estimated: bool = False


def _sync_steps(case: Case) -> None:
    """The case has a row for each step of its route; undone steps of other routes go."""
    kinds = case.route_spec.kinds
    existing = set(case.steps.values_list("kind", flat=True))
    Step.objects.bulk_create([Step(case=case, kind=kind) for kind in kinds if kind not in existing])
    case.steps.filter(done_at__isnull=True).exclude(kind__in=kinds).delete()


def _check_route_possible(
    route: str, letter_deadlines: deadlines.Deadlines | None, now: datetime, can_call: bool = True
) -> None:
    """Refuse a route no longer possible, with the advice's reason (optout.advice.route_refusal)."""
    refusal = route_refusal(route, deadlines=letter_deadlines, now=now, can_call=can_call)
    if refusal is not None:
        raise ValidationError(refusal)


def letter_validate(*, data: LetterData, today: date) -> None:
    """The checks a letter's dates must pass; each error names its field."""
    errors = {}
    if data.received_on > today:
        errors["received_on"] = _("La date de réception ne peut pas être dans le futur.")
    if data.sent_on and data.sent_on > today:
        errors["sent_on"] = _("La date imprimée sur le courrier ne peut pas être dans le futur.")
    elif data.sent_on and data.sent_on > data.received_on:
        errors["received_on"] = _(
            "Le courrier ne peut pas être arrivé avant la date imprimée dessus. Vérifiez les deux dates."
        )
    earliest = data.sent_on or data.received_on
    if earliest < deadlines.DECREE_DATE:
        errors["sent_on" if data.sent_on else "received_on"] = _(
            "Mon espace santé n'existait pas avant le décret du 4 août 2021. Vérifiez l'année de cette date."
        )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def case_open(
    *, person: Person, route: str, letter: LetterData | None, now: datetime, intent: UUID | None = None
) -> Case:
    """Start following a case: the letter (if any), the route and its checklist.

    `intent` is the form's one-time token: the same form sent twice (a double click, a
    reload) opens one case and returns it both times. The person's row is locked while
    looking, so two submissions at the same moment wait for each other.
    """
    if intent is not None:
        Person.objects.select_for_update().filter(pk=person.pk).exists()
        opened = Case.objects.filter(person=person, intent=intent).first()
        if opened is not None:
            return opened
    today = today_of(person, now)
    if letter is not None:
        letter_validate(data=letter, today=today)
    letter_row = None
    if letter is not None:
        letter_row = Letter(
            person=person,
            channel=letter.channel,
            sent_on=letter.sent_on,
            received_on=letter.received_on,
            had_code=letter.had_code,
            scheme=letter.scheme,
            estimated=letter.estimated,
        )
    case = Case(person=person, letter=letter_row, route=route, status_changed_at=now, created_at=now, intent=intent)
    letter_deadlines = dates_of(case)
    _check_route_possible(route, letter_deadlines, now, can_call=person.can_call)
    if letter_row is not None:
        letter_row.save()
        case.letter = letter_row
    case.status = CaseStatus.CLOSING if route == Route.CLOSURE else CaseStatus.OPEN
    if letter_deadlines is not None:
        # A copy kept only so that the periodic job finds due cases with one indexed query.
        case.legal_deadline = letter_deadlines.legal_deadline
    case.save()
    _sync_steps(case)
    if letter is not None and letter.had_code:
        case.steps.filter(kind=StepKind.CODE_RECEIVED).update(done_at=now)
    event(case, EventKind.OPENED, now, route=route)
    reminders_sync(case=case, now=now)
    return case


@transaction.atomic
def case_change_route(*, case: Case, route: str, now: datetime) -> Case:
    case = locked(case.pk)
    if route == case.route:
        return case
    if case.status in (CaseStatus.CLOSURE_REQUESTED, CaseStatus.CLOSED):
        raise ValidationError(_("La clôture est déjà demandée : la démarche ne peut plus changer."))
    if route == Route.CLOSURE:
        set_status(case, CaseStatus.CLOSING, now)
    else:
        if case.status == CaseStatus.OPPOSED:
            raise ValidationError(_("L'opposition est déjà faite : il n'y a plus rien à faire par une autre voie."))
        _check_route_possible(route, dates_of(case), now, can_call=case.person.can_call)
        set_status(case, CaseStatus.OPEN, now)
    previous = case.route
    case.route = route
    case.save(update_fields=["route", "status", "status_changed_at"])
    _sync_steps(case)
    event(case, EventKind.ROUTE_CHANGED, now, previous=previous, route=route)
    reminders_sync(case=case, now=now)
    return case


def _step_of(case: Case, kind: str) -> tuple[routes.StepSpec, Step, list[Step]]:
    """The step's rules, its row, and every step row of the case (read once: the re-sync needs them)."""
    spec = case.route_spec.step(kind)
    steps = list(case.steps.all())
    step = next((s for s in steps if s.kind == kind), None)
    if spec is None or step is None:
        raise ValidationError(_("Cette étape ne fait pas partie de la démarche choisie."))
    return spec, step, steps


@transaction.atomic
def step_mark_done(*, case: Case, kind: str, now: datetime, note: str = "") -> Step:
    case = locked(case.pk)
    spec, step, steps = _step_of(case, kind)
    if step.is_done:
        raise ValidationError(_("Cette étape est déjà marquée comme faite."))
    no_identifiers(note)
    if spec.completes:
        if spec.completes == CaseStatus.CLOSED and case.status == CaseStatus.CLOSING:
            raise ValidationError(_("Marquez d'abord la demande de clôture comme faite, puis sa confirmation."))
        set_status(case, spec.completes, now)
        case.save(update_fields=["status", "status_changed_at"])
    step.done_at = now
    step.note = note.strip()
    step.save(update_fields=["done_at", "note"])
    event(case, EventKind.STEP_DONE, now, step=kind)
    reminders_sync(case=case, now=now, steps=steps)
    return step


#: The status a case goes back to when the step that completed it is undone.
_UNDO_STATUS = {
    CaseStatus.OPPOSED: CaseStatus.OPEN,
    CaseStatus.CLOSURE_REQUESTED: CaseStatus.CLOSING,
    CaseStatus.CLOSED: CaseStatus.CLOSURE_REQUESTED,
}


@transaction.atomic
def step_undo(*, case: Case, kind: str, now: datetime) -> Step:
    case = locked(case.pk)
    spec, step, steps = _step_of(case, kind)
    if not step.is_done:
        raise ValidationError(_("Cette étape n'est pas marquée comme faite."))
    if spec.completes:
        if case.status != spec.completes:
            raise ValidationError(_("Annulez d'abord l'étape suivante."))
        set_status(case, _UNDO_STATUS[case.status], now)
        case.save(update_fields=["status", "status_changed_at"])
    step.done_at = None
    step.save(update_fields=["done_at"])
    event(case, EventKind.STEP_UNDONE, now, step=kind)
    reminders_sync(case=case, now=now, steps=steps)
    return step


@transaction.atomic
def call_log(*, case: Case, outcome: str, note: str, now: datetime) -> CallAttempt:
    """Record a call to 3422. A call that worked marks the call step done."""
    no_identifiers(note)
    call = CallAttempt.objects.create(case=case, called_at=now, outcome=outcome, note=note.strip())
    event(case, EventKind.CALL_LOGGED, now, outcome=outcome)
    touch(case.person.owner_id)
    worked = outcome == CallOutcome.WORKED and case.route == Route.PHONE
    if worked and case.steps.filter(kind=StepKind.CALL, done_at__isnull=True).exists():
        step_mark_done(case=case, kind=StepKind.CALL, now=now)
    return call


def cases_move_missed_windows(*, now: datetime, owner: User | None = None) -> int:
    """Cases still to oppose whose legal deadline has passed move to closure: their space opens.

    Runs every few minutes from beat; a case moves on the morning its space opens
    (`opens_on`, the day after the legal deadline) in its owner's time zone. Between
    act-by and the legal deadline an opposition is still in time: nothing moves then.
    With `owner`, only that person's cases: their pages call it before they are shown, so
    that on the morning the space opens the steps, badge and next step already say closure
    (beat may not have passed yet).
    """
    if owner is not None:
        # A person's own cases, as one of their pages is built: their day is known, the query exact
        # and lean (no rows to build: this runs before every page that changed).
        today = deadlines.local_today(now, owner.time_zone)
        late = sql.late_cases(owner.pk, status=CaseStatus.OPEN, before=today)
        return sum(_move_to_closure(case_id=pk, now=now) for pk in late)
    # Beat's pass over everyone: the latest calendar day anywhere on Earth, a superset refined per owner.
    latest_day = (now + timedelta(hours=14)).date()
    candidates = Case.objects.filter(status=CaseStatus.OPEN, legal_deadline__lt=latest_day)
    candidates = candidates.select_related("person__owner").only("id", "legal_deadline", "person__owner__time_zone")
    moved = 0
    for candidate in candidates.iterator():
        if today_of(candidate, now) > candidate.legal_deadline:
            moved += _move_to_closure(case_id=candidate.pk, now=now)
    return moved


@transaction.atomic
def _move_to_closure(*, case_id: int, now: datetime) -> int:
    case = locked(case_id)
    if case.status != CaseStatus.OPEN:  # marked done meanwhile
        return 0
    previous = case.route
    case.route = Route.CLOSURE
    set_status(case, CaseStatus.CLOSING, now)
    case.window_missed_on = today_of(case, now)
    case.save(update_fields=["route", "status", "status_changed_at", "window_missed_on"])
    _sync_steps(case)
    event(case, EventKind.WINDOW_MISSED, now, previous=previous, legal_deadline=case.legal_deadline.isoformat())
    reminders_sync(case=case, now=now)
    return 1
