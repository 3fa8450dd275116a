"""What every service shares: the cache version bump, the timeline, the case lock, the day."""

from __future__ import annotations

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db.models import F
from django.utils.translation import gettext as _

from accounts.models import User
from optout import deadlines
from optout.models import Case, CaseEvent, Person
from optout.vocabulary import CaseStatus


def touch(owner_id: int) -> None:
    """What this person's pages show has changed: cached fragments of them are stale."""
    User.objects.filter(pk=owner_id).update(data_version=F("data_version") + 1)


def event(case: Case, kind: str, at: datetime, **data) -> None:
    CaseEvent.objects.create(case=case, kind=kind, at=at, data=data)


def today_of(case_or_person: Case | Person, now: datetime) -> date:
    """The calendar day it is for the case's owner, in their time zone."""
    person = case_or_person.person if isinstance(case_or_person, Case) else case_or_person
    return deadlines.local_today(now, person.owner.time_zone)


def locked(case_id: int) -> Case:
    """The case, locked until the end of the transaction, with what the rules read."""
    return (
        Case.objects.select_for_update(of=("self",))
        .select_related("person__owner", "letter", "written_request")
        .get(pk=case_id)
    )


def set_status(case: Case, status: str, now: datetime) -> None:
    """Move the case to `status` if the transition is allowed (the caller saves)."""
    if status == case.status:
        return
    if status not in Case.TRANSITIONS[case.status]:
        raise ValidationError(
            _("Impossible de passer de « %(from)s » à « %(to)s ».")
            % {"from": CaseStatus(case.status).label, "to": CaseStatus(status).label}
        )
    case.status = status
    case.status_changed_at = now
