"""Writes to the people an account follows: oneself, children, represented adults, other adults who act
themselves (of the household, or a relative you help), and whether whoever acts can phone.

When the answer to « Pouvez-vous téléphoner ? » becomes no, the person's cases still to oppose by phone
move to the online route (the phone is never their next action), and every case of theirs re-syncs its
reminders in the same transaction: their timing and words follow.

For a child, the month and year they turn 18 may be kept (`adult_month`, the month's first day):
never a day, never a date of birth. That month a reminder tells the parent the child now acts
themself; changing it, or the person's relation, re-syncs the child's reminders.
"""

from __future__ import annotations

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from accounts.models import User
from optout import page_cache
from optout.models import Case, Person, Reminder
from optout.services.cases import case_change_route
from optout.services.common import touch
from optout.services.reminders import cancel_pending, parent_reminders_sync, reminders_sync
from optout.validators import no_identifiers, one_line_name
from optout.vocabulary import CaseStatus, Relation, Route


def adult_month_of(month: date | None, relation: str) -> date | None:
    """The first day of the month a child turns 18, or None: only a child's, only a month."""
    if month is None or relation != Relation.CHILD:
        return None
    return month.replace(day=1)


def person_create(
    *, owner: User, label: str, relation: str, can_call: bool = True, adult_month: date | None = None
) -> Person:
    no_identifiers(label)
    one_line_name(label)
    if relation == Relation.SELF and owner.people.filter(relation=Relation.SELF).exists():
        raise ValidationError(
            _(
                "Vous figurez déjà dans votre suivi. Pour un autre adulte du foyer, choisissez « un autre adulte "
                "du foyer »."
            )
        )
    try:
        with transaction.atomic():
            person = Person.objects.create(
                owner=owner,
                label=label.strip(),
                relation=relation,
                can_call=can_call,
                adult_month=adult_month_of(adult_month, relation),
            )
            touch(owner.pk)
            return person
    except IntegrityError:  # two tabs adding "myself" at once
        raise ValidationError(_("Vous figurez déjà dans votre suivi.")) from None


def person_update(
    *,
    person: Person,
    label: str,
    relation: str,
    now: datetime,
    can_call: bool | None = None,
    adult_month: date | None = None,
) -> Person:
    """Rename, change the relation, the answer to « Pouvez-vous téléphoner ? » (`can_call`, unchanged if None)
    or the month a child turns 18. Every case of the person re-syncs its reminders: their words name them,
    and follow the answers."""
    no_identifiers(label)
    one_line_name(label)
    others = person.owner.people.exclude(pk=person.pk)
    someone_else = _("Une autre personne de votre compte est déjà « moi-même ».")
    if relation == Relation.SELF and others.filter(relation=Relation.SELF).exists():
        raise ValidationError(someone_else)
    person.label, person.relation = label.strip(), relation
    person.adult_month = adult_month_of(adult_month, relation)
    if can_call is not None:
        person.can_call = can_call
    try:
        with transaction.atomic():
            person.save(update_fields=["label", "relation", "can_call", "adult_month"])
            if not person.can_call:
                _leave_the_phone(person, now)
            for case in Case.objects.filter(person=person).select_related("person__owner", "letter", "written_request"):
                case.person = person
                reminders_sync(case=case, now=now)
            touch(person.owner_id)
    except IntegrityError:  # another request made someone else "myself" at the same moment
        raise ValidationError(someone_else) from None
    return person


def _leave_the_phone(person: Person, now: datetime) -> None:
    """Whoever acts cannot phone any more: their oppositions still to make by phone move online."""
    for case in Case.objects.filter(person=person, route=Route.PHONE, status=CaseStatus.OPEN):
        case_change_route(case=case, route=Route.ONLINE, now=now)


@transaction.atomic
def person_delete(*, person: Person, now: datetime) -> None:
    """Removes the person with their letters, cases, steps, calls and reminders; a child's cases no
    longer hold back the parent's own closure email."""
    cancel_pending(Reminder.objects.filter(case__person=person))
    owner_id, case_ids = person.owner_id, list(Case.objects.filter(person=person).values_list("pk", flat=True))
    touch(owner_id)
    child = person.relation == Relation.CHILD
    person.delete()
    if child:
        parent_reminders_sync(owner_id=owner_id, now=now)
    page_cache.forget_cases(owner_id, case_ids)
    transaction.on_commit(lambda: page_cache.forget_cases(owner_id, case_ids))
