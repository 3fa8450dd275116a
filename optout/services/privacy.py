"""Deleting data: one case, a whole account, and what retention removes on its own.

Pending reminders are cancelled first, in the same transaction, so that no
email about deleted data can still go out.
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction

from accounts.models import Session, User
from optout import page_cache, selectors, signals
from optout.models import Case, Reminder
from optout.services.common import touch
from optout.services.delivery import webhook_events_forget
from optout.services.reminders import cancel_pending, parent_reminders_sync
from optout.vocabulary import Relation


@transaction.atomic
def case_delete(*, case: Case, now: datetime) -> None:
    """Removes one case with its letter, steps, calls, timeline and reminders; a child's case no longer
    holds back the parent's own closure email."""
    cancel_pending(case.reminders.all())
    owner_id, case_id, child = case.person.owner_id, case.pk, case.person.relation == Relation.CHILD
    touch(owner_id)
    letter = case.letter
    case.delete()
    if letter is not None:
        letter.delete()
    if child:
        parent_reminders_sync(owner_id=owner_id, now=now)
    # The case page kept the child's name and the notes: they go with the case (again once it is
    # gone for good, in case a request rendered it meanwhile).
    page_cache.forget_cases(owner_id, [case_id])
    transaction.on_commit(lambda: page_cache.forget_cases(owner_id, [case_id]))


def account_delete(*, user: User, now: datetime) -> bool:
    """Everything of the account goes: reminders cancelled first, then every row, then its sessions.

    A last email confirms the deletion, in the person's language. The account's row is locked
    first: a second deletion at the same moment (a double click) finds nothing left to delete,
    sends nothing and returns False.
    """
    email, language, user_id = user.email, user.language, user.pk
    page_cache.forget_all(user_id)
    with transaction.atomic():
        if not User.objects.select_for_update().filter(pk=user_id).exists():
            return False  # deleted a moment ago
        cancel_pending(Reminder.objects.filter(case__person__owner=user))
        # Cascades to email addresses, people, letters, cases, steps, calls, events, reminders.
        user.delete()
        Session.objects.filter(user_id=user_id).delete()  # any saved since, too
        signals.account_deleted.send(sender=User, email=email, language=language)  # the last email, after commit
    page_cache.forget_all(user_id)  # and any page rendered meanwhile
    return True


def retention_apply(*, now: datetime) -> selectors.RetentionReport:
    """Finished cases a year after they ended (warned 14 days before by email), accounts never
    verified, expired sessions (they name their user) and old webhook event digests."""
    Session.objects.filter(expire_date__lt=now).delete()
    webhook_events_forget(now=now)
    report = selectors.retention_candidates(now=now)
    for case in Case.objects.filter(pk__in=report.cases).select_related("letter", "person"):
        case_delete(case=case, now=now)
    with transaction.atomic():
        User.objects.filter(pk__in=report.accounts).delete()
    return report
