"""What calendars read: whose feed a token opens, and every date of an account as events."""

from __future__ import annotations

from datetime import datetime

from django.utils.text import capfirst
from django.utils.translation import gettext as _

from accounts.models import User
from optout import deadlines
from optout.calendar import CalendarEvent, deadline_events, request_events, uid
from optout.models import CalendarFeed, Case
from optout.selectors.case_row import case_rows, steps_by_case
from optout.vocabulary import CaseStatus
from optout.wording.facts import facts


def calendar_feed_owner(*, token: str) -> User | None:
    feed = CalendarFeed.objects.select_related("user").filter(token=token).first()
    return feed.user if feed else None


def calendar_events_for(*, user: User, now: datetime) -> list[CalendarEvent]:
    """Every case's dates still to come, for the user's private calendar. Call in the user's language."""
    events = []
    today = deadlines.local_today(now, user.time_zone)
    cases = (
        Case.objects.filter(person__owner=user)
        .select_related("letter", "person", "written_request")
        .prefetch_related("steps")
    )
    for case in cases:
        case.person.owner = user
        [row] = case_rows([case], steps_by_case(case.steps.all()), now, user.time_zone)
        if case.status == CaseStatus.OPEN and row.deadlines:
            events += deadline_events(
                row.deadlines,
                uid_base=f"case-{case.pk}",
                now=now,
                who=row.who,
                routes=[case.route],
                alarm_days=user.reminder_lead_days,
                time_zone=user.time_zone,
            )
        requested = row.closure_requested_on
        if case.status == CaseStatus.CLOSURE_REQUESTED and requested:
            events.append(
                CalendarEvent(
                    uid(f"case-{case.pk}", "closure-confirmation"),
                    deadlines.closure_confirmation_due(requested),
                    _("Confirmation de suppression attendue") + f" ({case.person.label})",
                    capfirst(
                        (
                            _(
                                "%(deletion_period)s après la demande de clôture (article R1111-36). Sans nouvelles, appelez le 3422."
                            )
                            if row.who.can_call
                            else _(
                                "%(deletion_period)s après la demande de clôture (article R1111-36). Sans nouvelles, "
                                "écrivez à la caisse."
                            )
                        )
                        % facts()
                    ),
                    (),
                )
            )
        if row.request_dates is not None and not case.is_finished:
            events += request_events(
                row.request_dates,
                uid_base=f"case-{case.pk}",
                today=today,
                who=case.person.label,
                alarm_days=user.reminder_lead_days,
            )
    return events
