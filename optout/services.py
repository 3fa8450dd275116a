"""Every write to people, letters, cases, steps and calls.

Keyword-only, typed, named <entity>_<action>. `now` is always passed in.
A refused change raises ValidationError with a translated message and
writes nothing (each service runs in one transaction).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import User
from optout import deadlines, routes, schedule
from optout.advice import recommend_route
from optout.models import CalendarFeed, CallAttempt, Case, CaseEvent, Letter, Person, Reminder, Step
from optout.validators import no_identifiers

Status = Case.Status


@dataclass(frozen=True)
class LetterData:
    channel: str
    sent_on: date | None
    received_on: date
    had_code: bool


def _touch(owner_id: int) -> None:
    """What this person's pages show has changed: cached fragments of them are stale."""
    User.objects.filter(pk=owner_id).update(data_version=F("data_version") + 1)


# People -----------------------------------------------------------------


def person_create(*, owner: User, label: str, relation: str) -> Person:
    no_identifiers(label)
    if relation == Person.Relation.SELF and owner.people.filter(relation=Person.Relation.SELF).exists():
        raise ValidationError(
            _("Vous figurez déjà dans votre suivi. Ajoutez plutôt un enfant ou une personne représentée.")
        )
    try:
        with transaction.atomic():
            person = Person.objects.create(owner=owner, label=label.strip(), relation=relation)
            _touch(owner.pk)
            return person
    except IntegrityError:  # two tabs adding "myself" at once
        raise ValidationError(_("Vous figurez déjà dans votre suivi.")) from None


def person_update(*, person: Person, label: str, relation: str) -> Person:
    no_identifiers(label)
    others = person.owner.people.exclude(pk=person.pk)
    if relation == Person.Relation.SELF and others.filter(relation=Person.Relation.SELF).exists():
        raise ValidationError(_("Une autre personne de votre compte est déjà « moi-même »."))
    person.label = label.strip()
    person.relation = relation
    person.save(update_fields=["label", "relation"])
    _touch(person.owner_id)
    return person


def _cancel_pending(reminders) -> None:
    """First of every deletion: no reminder about data we are deleting may still go out."""
    reminders.filter(status=Reminder.Status.PENDING).update(status=Reminder.Status.CANCELLED)


@transaction.atomic
def person_delete(*, person: Person) -> None:
    """Removes the person with their letters, cases, steps, calls and reminders."""
    _cancel_pending(Reminder.objects.filter(case__person=person))
    _touch(person.owner_id)
    person.delete()


@transaction.atomic
def case_delete(*, case: Case) -> None:
    """Removes one case with its letter, steps, calls, timeline and reminders."""
    _cancel_pending(case.reminders.all())
    _touch(case.person.owner_id)
    letter = case.letter
    case.delete()
    if letter is not None:
        letter.delete()


# Cases ------------------------------------------------------------------


def _event(case: Case, kind: str, at: datetime, **data) -> None:
    CaseEvent.objects.create(case=case, kind=kind, at=at, data=data)


def _today(case_or_person, now: datetime) -> date:
    person = case_or_person.person if isinstance(case_or_person, Case) else case_or_person
    return deadlines.local_today(now, person.owner.time_zone)


def _set_status(case: Case, status: str, now: datetime) -> None:
    if status == case.status:
        return
    if status not in Case.TRANSITIONS[case.status]:
        raise ValidationError(
            _("Impossible de passer de « %(from)s » à « %(to)s ».")
            % {"from": Status(case.status).label, "to": Status(status).label}
        )
    case.status = status
    case.status_changed_at = now


def _sync_steps(case: Case) -> None:
    """The case has a row for each step of its route; undone steps of other routes go."""
    kinds = case.route_spec.kinds
    existing = set(case.steps.values_list("kind", flat=True))
    Step.objects.bulk_create([Step(case=case, kind=kind) for kind in kinds if kind not in existing])
    case.steps.filter(done_at__isnull=True).exclude(kind__in=kinds).delete()


def _check_route_possible(route: str, letter_deadlines: deadlines.Deadlines | None, today: date) -> None:
    if route == routes.CLOSURE:
        return
    if letter_deadlines is None:
        raise ValidationError(_("Sans courrier, l'espace est déjà ouvert : seule la clôture est possible."))
    if not letter_deadlines.still_legal(today):
        raise ValidationError(
            _(
                "Le délai légal est passé le %(date)s : l'espace est ouvert. "
                "Il n'est plus possible de s'y opposer, mais vous pouvez le clôturer."
            )
            % {"date": date_format(letter_deadlines.legal_deadline, "j F Y")}
        )


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
def case_open(*, person: Person, route: str, letter: LetterData | None, now: datetime) -> Case:
    """Start following a case: the letter (if any), the route and its checklist."""
    today = _today(person, now)
    letter_deadlines = None
    if letter is not None:
        letter_validate(data=letter, today=today)
        letter_deadlines = deadlines.of_letter(letter, person.owner.departement)
    _check_route_possible(route, letter_deadlines, today)

    letter_row = None
    if letter is not None:
        letter_row = Letter.objects.create(
            person=person,
            channel=letter.channel,
            sent_on=letter.sent_on,
            received_on=letter.received_on,
            had_code=letter.had_code,
        )
    late = letter_deadlines is not None and not letter_deadlines.window_open(today)
    case = Case.objects.create(
        person=person,
        letter=letter_row,
        route=route,
        status=Status.CLOSING if route == routes.CLOSURE else Status.OPEN,
        act_by=letter_deadlines.act_by if letter_deadlines else None,
        legal_deadline=letter_deadlines.legal_deadline if letter_deadlines else None,
        # Opened after the safe day: the person knows, nothing to move later.
        window_missed_on=today if late else None,
        status_changed_at=now,
        created_at=now,
    )
    _sync_steps(case)
    if letter is not None and letter.had_code:
        case.steps.filter(kind=routes.CODE_STEP.kind).update(done_at=now)
    _event(case, CaseEvent.Kind.OPENED, now, route=route)
    reminders_sync(case=case, now=now)
    return case


def recommendation_for(*, person: Person, letter: LetterData | None, now: datetime):
    """The advised route for a letter not stored yet, with the letter's dates."""
    letter_deadlines = deadlines.of_letter(letter, person.owner.departement)
    advice = recommend_route(
        deadlines=letter_deadlines, had_code=bool(letter and letter.had_code), today=_today(person, now)
    )
    return advice, letter_deadlines


@transaction.atomic
def case_change_route(*, case: Case, route: str, now: datetime) -> Case:
    case = Case.objects.select_for_update(of=("self",)).select_related("letter", "person__owner").get(pk=case.pk)
    if route == case.route:
        return case
    if case.status in (Status.CLOSURE_REQUESTED, Status.CLOSED):
        raise ValidationError(_("La clôture est déjà demandée : la démarche ne peut plus changer."))
    if route == routes.CLOSURE:
        _set_status(case, Status.CLOSING, now)
    else:
        if case.status == Status.OPPOSED:
            raise ValidationError(_("L'opposition est déjà faite : il n'y a plus rien à faire par une autre voie."))
        _check_route_possible(route, deadlines.of_letter(case.letter, case.person.owner.departement), _today(case, now))
        _set_status(case, Status.OPEN, now)
    previous = case.route
    case.route = route
    case.save(update_fields=["route", "status", "status_changed_at"])
    _sync_steps(case)
    _event(case, CaseEvent.Kind.ROUTE_CHANGED, now, previous=previous, route=route)
    reminders_sync(case=case, now=now)
    return case


# Steps and calls ----------------------------------------------------------


def _locked(case_id: int) -> Case:
    return Case.objects.select_for_update(of=("self",)).select_related("person__owner", "letter").get(pk=case_id)


@transaction.atomic
def step_mark_done(*, case: Case, kind: str, now: datetime, note: str = "") -> Step:
    case = _locked(case.pk)
    spec = case.route_spec.step(kind)
    step = case.steps.filter(kind=kind).first()
    if spec is None or step is None:
        raise ValidationError(_("Cette étape ne fait pas partie de la démarche choisie."))
    if step.is_done:
        raise ValidationError(_("Cette étape est déjà marquée comme faite."))
    no_identifiers(note)
    if spec.completes:
        if spec.completes == Status.CLOSED and case.status == Status.CLOSING:
            raise ValidationError(_("Marquez d'abord la demande de clôture comme faite, puis sa confirmation."))
        _set_status(case, spec.completes, now)
        case.save(update_fields=["status", "status_changed_at"])
    step.done_at = now
    step.note = note.strip()
    step.save(update_fields=["done_at", "note"])
    _event(case, CaseEvent.Kind.STEP_DONE, now, step=kind)
    reminders_sync(case=case, now=now)
    return step


#: The status a case goes back to when the step that completed it is undone.
_UNDO_STATUS = {
    Status.OPPOSED: Status.OPEN,
    Status.CLOSURE_REQUESTED: Status.CLOSING,
    Status.CLOSED: Status.CLOSURE_REQUESTED,
}


@transaction.atomic
def step_undo(*, case: Case, kind: str, now: datetime) -> Step:
    case = _locked(case.pk)
    spec = case.route_spec.step(kind)
    step = case.steps.filter(kind=kind).first()
    if spec is None or step is None:
        raise ValidationError(_("Cette étape ne fait pas partie de la démarche choisie."))
    if not step.is_done:
        raise ValidationError(_("Cette étape n'est pas marquée comme faite."))
    if spec.completes:
        if case.status != spec.completes:
            raise ValidationError(_("Annulez d'abord l'étape suivante."))
        _set_status(case, _UNDO_STATUS[case.status], now)
        case.save(update_fields=["status", "status_changed_at"])
    step.done_at = None
    step.save(update_fields=["done_at"])
    _event(case, CaseEvent.Kind.STEP_UNDONE, now, step=kind)
    reminders_sync(case=case, now=now)
    return step


@transaction.atomic
def call_log(*, case: Case, outcome: str, note: str, now: datetime) -> CallAttempt:
    """Record a call to 3422. A call that worked marks the call step done."""
    no_identifiers(note)
    call = CallAttempt.objects.create(case=case, called_at=now, outcome=outcome, note=note.strip())
    _event(case, CaseEvent.Kind.CALL_LOGGED, now, outcome=outcome)
    _touch(case.person.owner_id)
    worked = outcome == CallAttempt.Outcome.WORKED and case.route == routes.PHONE
    if worked and case.steps.filter(kind="call", done_at__isnull=True).exists():
        step_mark_done(case=case, kind="call", now=now)
    return call


# Periodic -----------------------------------------------------------------


def cases_move_missed_windows(*, now: datetime) -> int:
    """Cases whose safe day passed with no opposition marked done move to closure.

    Runs every few minutes from beat; each case is handled once (window_missed_on).
    Also catches a late opposition still open after the legal deadline.
    """
    # The latest calendar day anywhere on Earth: a superset, refined per owner below.
    latest_day = (now + timedelta(hours=14)).date()
    candidates = (
        Case.objects.filter(status=Status.OPEN, act_by__lt=latest_day)
        .select_related("person__owner")
        .only("id", "act_by", "legal_deadline", "window_missed_on", "person__owner__time_zone")
    )
    moved = 0
    for candidate in candidates.iterator():
        today = _today(candidate, now)
        missed = candidate.window_missed_on is None and today > candidate.act_by
        if missed or today > candidate.legal_deadline:
            moved += _move_to_closure(case_id=candidate.pk, now=now)
    return moved


@transaction.atomic
def _move_to_closure(*, case_id: int, now: datetime) -> int:
    case = _locked(case_id)
    if case.status != Status.OPEN:  # marked done meanwhile
        return 0
    previous = case.route
    case.route = routes.CLOSURE
    _set_status(case, Status.CLOSING, now)
    case.window_missed_on = case.window_missed_on or _today(case, now)
    case.save(update_fields=["route", "status", "status_changed_at", "window_missed_on"])
    _sync_steps(case)
    _event(case, CaseEvent.Kind.WINDOW_MISSED, now, previous=previous, act_by=case.act_by.isoformat())
    reminders_sync(case=case, now=now)
    return 1


# Reminders ------------------------------------------------------------------


def preferences_of(user: User) -> schedule.Preferences:
    return schedule.Preferences(
        enabled=user.reminders_enabled,
        lead_days=tuple(user.reminder_lead_days),
        send_hour=user.reminder_hour,
        time_zone=user.time_zone,
        departement=user.departement or None,
    )


def case_state_of(case: Case, steps: list[Step]) -> schedule.CaseState:
    done = {step.kind: step.done_at for step in steps if step.done_at}
    close_requested_at = done.get("close_space")
    return schedule.CaseState(
        route=case.route,
        status=case.status,
        created_at=case.created_at,
        finished_at=case.status_changed_at if case.status in Case.FINISHED else None,
        act_by=case.act_by,
        window_missed_on=case.window_missed_on,
        code_received=routes.CODE_STEP.kind in done,
        closure_requested_on=(
            deadlines.local_today(close_requested_at, case.person.owner.time_zone) if close_requested_at else None
        ),
    )


def reminders_plan(
    *, wanted: dict[str, datetime], existing: dict[str, Reminder], case: Case, now: datetime
) -> tuple[list[Reminder], list[Reminder]]:
    """What to create and what to update so the rows match the schedule.

    Sent, sending and failed rows are never touched. A reminder whose time has
    already passed is not created nor revived: it would arrive late and wrong.
    """
    Status = Reminder.Status
    to_create, to_update = [], []
    for kind, due in wanted.items():
        row = existing.get(kind)
        if row is None:
            if due > now:
                to_create.append(Reminder(case=case, kind=kind, due_at=due))
        elif row.status == Status.PENDING and row.due_at != due:
            row.due_at = due
            to_update.append(row)
        elif row.status == Status.CANCELLED and due > now:
            row.status, row.due_at, row.attempts = Status.PENDING, due, 0
            to_update.append(row)
    for kind, row in existing.items():
        if kind not in wanted and row.status == Status.PENDING:
            row.status = Status.CANCELLED
            to_update.append(row)
    return to_create, to_update


def _save_reminder_changes(rows: list[Reminder]) -> None:
    """Write status, due time and attempts of many rows at once.

    Django's bulk_update builds one CASE WHEN per row and field, which grows
    quadratically: on PostgreSQL, one UPDATE … FROM (VALUES …) per 5,000 rows instead.
    """
    if not rows:
        return
    if connection.vendor != "postgresql":
        Reminder.objects.bulk_update(rows, ["status", "due_at", "attempts"])
        return
    with connection.cursor() as cursor:
        for start in range(0, len(rows), 5000):
            chunk = rows[start : start + 5000]
            values = ", ".join(["(%s::bigint, %s::varchar, %s::timestamptz, %s::smallint)"] * len(chunk))
            params = [value for row in chunk for value in (row.pk, row.status, row.due_at, row.attempts)]
            cursor.execute(
                "UPDATE optout_reminder AS r SET status = v.status, due_at = v.due_at, attempts = v.attempts "  # noqa: S608
                f"FROM (VALUES {values}) AS v(id, status, due_at, attempts) WHERE r.id = v.id",
                params,
            )


def reminders_sync(*, case: Case, now: datetime) -> None:
    """Make the case's Reminder rows match its schedule. Call inside the change's transaction."""
    steps = list(case.steps.all())
    wanted = schedule.schedule_for(case_state_of(case, steps), preferences_of(case.person.owner))
    existing = {row.kind: row for row in case.reminders.all()}
    to_create, to_update = reminders_plan(wanted=wanted, existing=existing, case=case, now=now)
    Reminder.objects.bulk_create(to_create)
    _save_reminder_changes(to_update)
    _touch(case.person.owner_id)


def reminders_resync_bulk(*, cases, now: datetime, chunk_size: int = 2000) -> int:
    """Re-sync many cases at once (after a change of default lead times, or a schedule fix).

    The same rules as `reminders_sync`, a chunk at a time: a fixed number of queries
    per chunk instead of four per case. Returns the number of cases handled.
    """
    handled = 0
    ids = list(cases.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), chunk_size):
        chunk = (
            Case.objects.filter(pk__in=ids[start : start + chunk_size])
            .select_related("person__owner")
            .prefetch_related("steps", "reminders")
        )
        to_create, to_update = [], []
        with transaction.atomic():
            for case in chunk:
                wanted = schedule.schedule_for(
                    case_state_of(case, list(case.steps.all())), preferences_of(case.person.owner)
                )
                existing = {row.kind: row for row in case.reminders.all()}
                created, updated = reminders_plan(wanted=wanted, existing=existing, case=case, now=now)
                to_create += created
                to_update += updated
            Reminder.objects.bulk_create(to_create)
            _save_reminder_changes(to_update)
        handled += len(ids[start : start + chunk_size])
    return handled


def reminders_sync_for_user(*, user: User, now: datetime) -> None:
    for case in Case.objects.filter(person__owner=user).select_related("person__owner"):
        case.person.owner = user
        reminders_sync(case=case, now=now)


@transaction.atomic
def reminders_pause(*, user: User, now: datetime) -> None:
    """Stop every reminder email (the unsubscribe link, or the preferences page)."""
    if user.reminders_enabled:
        user.reminders_enabled = False
        user.save(update_fields=["reminders_enabled"])
    reminders_sync_for_user(user=user, now=now)


# Accounts and retention -------------------------------------------------------


def _end_sessions(user_id: int, now: datetime) -> None:
    from django.contrib.sessions.models import Session

    # Sessions are signed blobs: decode the live ones to find this user's.
    for session in Session.objects.filter(expire_date__gt=now).iterator():
        if session.get_decoded().get("_auth_user_id") == str(user_id):
            session.delete()


def account_delete(*, user: User, now: datetime) -> None:
    """Everything of the account goes: reminders cancelled first, then every row, then its sessions.

    A last email confirms the deletion, in the person's language.
    """
    from optout import page_cache
    from optout.emails import build_email

    email, language, user_id = user.email, user.language, user.pk
    case_ids = list(Case.objects.filter(person__owner=user).values_list("pk", flat=True))
    page_cache.forget(user_id, ["dashboard", *[f"case:{pk}" for pk in case_ids]])
    with transaction.atomic():
        _cancel_pending(Reminder.objects.filter(case__person__owner=user))
        user.delete()  # cascades to email addresses, people, letters, cases, steps, calls, events, reminders
        _end_sessions(user_id, now)
    build_email("account-deleted", to=email, language=language, context={}).send(fail_silently=True)


RETENTION_FINISHED = timedelta(days=schedule.RETENTION_DAYS)
RETENTION_UNVERIFIED = timedelta(days=7)


@dataclass
class RetentionReport:
    cases: list[int]
    accounts: list[int]


def retention_candidates(*, now: datetime) -> RetentionReport:
    from allauth.account.models import EmailAddress

    finished = Case.objects.filter(status__in=list(Case.FINISHED), status_changed_at__lt=now - RETENTION_FINISHED)
    verified = EmailAddress.objects.filter(verified=True).values("user_id")
    unverified = User.objects.filter(date_joined__lt=now - RETENTION_UNVERIFIED, is_staff=False).exclude(
        pk__in=verified
    )
    return RetentionReport(
        cases=sorted(finished.values_list("pk", flat=True)), accounts=sorted(unverified.values_list("pk", flat=True))
    )


def retention_apply(*, now: datetime) -> RetentionReport:
    """Finished cases a year after they ended (warned 14 days before by email), and accounts never verified."""
    report = retention_candidates(now=now)
    for case in Case.objects.filter(pk__in=report.cases).select_related("letter"):
        case_delete(case=case)
    with transaction.atomic():
        User.objects.filter(pk__in=report.accounts).delete()
    return report


# Calendar ---------------------------------------------------------------------


@transaction.atomic
def calendar_feed_regenerate(*, user: User, now: datetime) -> CalendarFeed:
    """A new private address for the user's calendar; the old one stops working at once."""
    import secrets

    feed, _created = CalendarFeed.objects.select_for_update().get_or_create(
        user=user, defaults={"token": secrets.token_urlsafe(32), "created_at": now}
    )
    if not _created:
        feed.token, feed.created_at = secrets.token_urlsafe(32), now
        feed.save(update_fields=["token", "created_at"])
    return feed
