"""Keep each case's Reminder rows equal to its schedule: sync, plan, bulk re-sync, pause.

Every service that changes a case calls `reminders_sync` inside its own
transaction. Sent, sending and failed rows are history: never touched.
Held rows (the owner's address does not work) are planned like pending ones;
catch-up rows are not part of any schedule (optout.services.delivery).
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction

from accounts.models import User
from optout import schedule, sql
from optout.models import Case, Reminder, Step
from optout.services.common import touch
from optout.state import CHILD_SPACE_PENDING, case_state_of, children_open_on, preferences_of
from optout.vocabulary import Relation, ReminderStatus, is_catch_up

#: Columns written by a re-sync, the primary key first, with their SQL types.
_SYNC_COLUMNS = {"id": "bigint", "status": "varchar", "due_at": "timestamptz", "attempts": "smallint"}


def cancel_pending(reminders) -> None:
    """First of every deletion: no reminder about data we are deleting may still go out."""
    reminders.filter(status__in=WAITING).update(status=ReminderStatus.CANCELLED)


#: Rows still to send, now or once the address works again.
WAITING = (ReminderStatus.PENDING, ReminderStatus.HELD)


def reminders_plan(
    *, wanted: dict[str, datetime], existing: dict[str, Reminder], case: Case, now: datetime, held: bool = False
) -> tuple[list[Reminder], list[Reminder]]:
    """What to create and what to update so the rows match the schedule.

    Sent, sending and failed rows are never touched. A reminder whose time has
    already passed is not created nor revived: it would arrive late and wrong.
    With `held` (the owner's address does not work), waiting rows are held; without,
    held rows still to come are pending again — those already due wait for the
    release of the address, which replaces them with one catch-up email.
    """
    waiting = ReminderStatus.HELD if held else ReminderStatus.PENDING
    to_create, to_update = [], []
    for kind, due in wanted.items():
        row = existing.get(kind)
        if row is None:
            if due > now:
                to_create.append(Reminder(case=case, kind=kind, due_at=due, status=waiting))
        elif row.status in WAITING and (row.due_at != due or row.status != waiting):
            if row.status == ReminderStatus.HELD and not held and due <= now:
                continue
            row.status, row.due_at = waiting, due
            to_update.append(row)
        elif row.status == ReminderStatus.CANCELLED and due > now:
            row.status, row.due_at, row.attempts = waiting, due, 0
            to_update.append(row)
    for kind, row in existing.items():
        if kind not in wanted and row.status in WAITING and not is_catch_up(kind):
            row.status = ReminderStatus.CANCELLED
            to_update.append(row)
    return to_create, to_update


def _children_open_on(owner_ids) -> dict:
    """By owner: the latest day one of their children's spaces still to close first opens."""
    letters = sql.children_letters(list(owner_ids), relation=Relation.CHILD, statuses=list(CHILD_SPACE_PENDING))
    return children_open_on(letters)


def _latest_cases(person_ids) -> set[int]:
    """The latest case of each of these people: the one that carries a child's `of-age` reminder."""
    latest = (
        Case.objects.filter(person_id__in=person_ids)
        .order_by("person_id", "-created_at", "-id")
        .distinct("person_id")
        .values_list("pk", flat=True)
    )
    return set(latest)


def _adult_month(case: Case, latest: set[int] | None = None):
    """The month a child turns 18, for the child's latest case only (one email per child)."""
    person = case.person
    if person.relation != Relation.CHILD or person.adult_month is None:
        return None
    latest = _latest_cases([person.pk]) if latest is None else latest
    return person.adult_month if case.pk in latest else None


def _plan_case(
    case: Case,
    now: datetime,
    steps: list[Step] | None = None,
    household: dict | None = None,
    latest: set[int] | None = None,
) -> tuple[list[Reminder], list[Reminder]]:
    """The plan for one case whose steps and reminders are loaded (or loadable); `steps`, when the
    caller has just read (and changed) them; `household`, children's opening days by owner when known;
    `latest`, the latest case of each person when known."""
    steps = list(case.steps.all()) if steps is None else steps
    owner_id = case.person.owner_id
    opens = None
    if case.person.relation == Relation.SELF and case.letter_id:
        opens = (household if household is not None else _children_open_on([owner_id])).get(owner_id)
    state = case_state_of(case, steps, children_open_on=opens, adult_month=_adult_month(case, latest))
    wanted = schedule.schedule_for(state, preferences_of(case.person.owner))
    existing = {row.kind: row for row in case.reminders.all()}
    held = case.person.owner.email_undeliverable_since is not None
    return reminders_plan(wanted=wanted, existing=existing, case=case, now=now, held=held)


def _write(to_create: list[Reminder], to_update: list[Reminder]) -> None:
    Reminder.objects.bulk_create(to_create)
    sql.update_from_values(
        Reminder, columns=_SYNC_COLUMNS, rows=[(r.pk, r.status, r.due_at, r.attempts) for r in to_update]
    )


def reminders_sync(*, case: Case, now: datetime, steps: list[Step] | None = None) -> None:
    """Make the case's Reminder rows match its schedule. Call inside the change's transaction.

    `steps`: every step row of the case, as the change left them, when the caller holds them.
    A child's case also re-syncs its parent's own: the parent's closure email waits for the child's;
    and the child's other cases, when the month they turn 18 is known (one `of-age` email per child).
    """
    _write(*_plan_case(case, now, steps))
    if case.person.relation == Relation.CHILD:
        parent_reminders_sync(owner_id=case.person.owner_id, now=now)
        if case.person.adult_month is not None:
            # The child's `of-age` reminder belongs to their latest case: a newer one takes it over.
            for other in case.person.cases.exclude(pk=case.pk).select_related("person__owner", "letter"):
                _write(*_plan_case(other, now))
    touch(case.person.owner_id)


def parent_reminders_sync(*, owner_id: int, now: datetime) -> None:
    """The owner's own cases, after one of their children's changed or went: the closure email of a
    parent's own space waits for the children's spaces to be closed first."""
    own = Case.objects.filter(
        person__owner_id=owner_id, person__relation=Relation.SELF, letter__isnull=False
    ).select_related("person__owner", "letter", "written_request")
    for parent_case in own:
        _write(*_plan_case(parent_case, now))


def reminders_resync_bulk(*, cases, now: datetime, chunk_size: int = 2000) -> int:
    """Re-sync many cases at once (after a change of default lead times, or a schedule fix).

    The same rules as `reminders_sync`, a chunk at a time: a fixed number of queries
    per chunk instead of four per case. Returns the number of cases handled.
    """
    ids = list(cases.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), chunk_size):
        chunk = (
            Case.objects.filter(pk__in=ids[start : start + chunk_size])
            .select_related("person__owner", "letter", "written_request")
            .prefetch_related("steps", "reminders")
        )
        to_create, to_update = [], []
        with transaction.atomic():
            chunk = list(chunk)
            household = _children_open_on({case.person.owner_id for case in chunk})
            growing = {case.person_id for case in chunk if case.person.adult_month is not None}
            latest = _latest_cases(growing) if growing else set()
            for case in chunk:
                created, updated = _plan_case(case, now, household=household, latest=latest)
                to_create += created
                to_update += updated
            _write(to_create, to_update)
    return len(ids)


def reminders_sync_for_user(*, user: User, now: datetime) -> None:
    for case in Case.objects.filter(person__owner=user).select_related("person__owner", "letter", "written_request"):
        case.person.owner = user
        reminders_sync(case=case, now=now)


@transaction.atomic
def reminders_pause(*, user: User, now: datetime) -> None:
    """Stop every reminder email (the unsubscribe link, or the preferences page)."""
    if user.reminders_enabled:
        user.reminders_enabled = False
        user.save(update_fields=["reminders_enabled"])
    reminders_sync_for_user(user=user, now=now)
