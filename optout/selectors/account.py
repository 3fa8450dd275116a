"""What the account pages and the retention job read: the export, the calendar address, who to delete."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from allauth.account.models import EmailAddress
from django.db.models import Prefetch

from accounts.models import User
from accounts.preferences import RETENTION_UNVERIFIED
from optout import schedule
from optout.models import CalendarFeed, Case, Person, Reminder
from optout.state import dates_of, request_dates_of, written_request_of

RETENTION_FINISHED = timedelta(days=schedule.RETENTION_DAYS)


def export_people_for(*, user: User):
    """Every person of the account with their cases, letters, steps, calls, timeline and reminders."""
    return (
        Person.objects.filter(owner=user)
        .select_related("owner")
        .prefetch_related(
            Prefetch(
                "cases",
                queryset=Case.objects.select_related("letter", "written_request").prefetch_related(
                    "steps",
                    "calls",
                    "events",
                    Prefetch("reminders", queryset=Reminder.objects.order_by("due_at", "id")),
                ),
            )
        )
    )


def export_for(*, user: User) -> dict:
    """Everything stored about the account, and nothing of anyone else (GDPR articles 15 and 20)."""

    def when(value):
        return value.isoformat() if value else None

    feed = CalendarFeed.objects.filter(user=user).first()
    people = export_people_for(user=user)
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
            "email_undeliverable_since": when(user.email_undeliverable_since),
            "email_undeliverable_reason": user.email_undeliverable_reason,
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
                "adult_month": person.adult_month.strftime("%Y-%m") if person.adult_month else None,
                "can_call": person.can_call,
                "created_at": when(person.created_at),
                "cases": [_export_case(case, person, when) for case in person.cases.all()],
            }
            for person in people
        ],
    }


def _export_case(case: Case, person: Person, when) -> dict:
    case.person = person
    letter, dates = case.letter, dates_of(case)
    return {
        "route": case.route,
        "status": case.status,
        "created_at": when(case.created_at),
        "status_changed_at": when(case.status_changed_at),
        "act_by": when(dates and dates.act_by),
        "legal_deadline": when(dates and dates.legal_deadline),
        "window_missed_on": when(case.window_missed_on),
        "letter": None
        if letter is None
        else {
            "channel": letter.channel,
            "sent_on": when(letter.sent_on),
            "received_on": when(letter.received_on),
            "had_code": letter.had_code,
            "scheme": letter.scheme,
            "estimated": letter.estimated,
        },
        "written_request": _export_request(case, when),
        "steps": [{"kind": s.kind, "done_at": when(s.done_at), "note": s.note} for s in case.steps.all()],
        "calls": [{"called_at": when(c.called_at), "outcome": c.outcome, "note": c.note} for c in case.calls.all()],
        "timeline": [{"at": when(e.at), "kind": e.kind, "data": e.data} for e in case.events.all()],
        "reminders": [
            {"kind": r.kind, "due_at": when(r.due_at), "status": r.status, "sent_at": when(r.sent_at)}
            for r in case.reminders.all()
        ],
    }


def _export_request(case: Case, when) -> dict | None:
    request, dates = written_request_of(case), request_dates_of(case)
    if request is None:
        return None
    return {
        "kind": request.kind,
        "channel": request.channel,
        "sent_on": when(request.sent_on),
        "delivered_on": when(request.delivered_on),
        "extension_notified_on": when(request.extension_notified_on),
        "answer_received_on": when(request.answer_received_on),
        "answer_due": when(dates.answer_due),
        "deletion_due": when(dates.deletion_due),
    }


def calendar_feed_for(*, user: User) -> CalendarFeed | None:
    return CalendarFeed.objects.filter(user=user).first()


@dataclass
class RetentionReport:
    cases: list[int]
    accounts: list[int]


def retention_candidates(*, now: datetime) -> RetentionReport:
    """Finished cases a year after they ended, and accounts never verified after 7 days."""
    finished = Case.objects.filter(status__in=list(Case.FINISHED), status_changed_at__lt=now - RETENTION_FINISHED)
    verified = EmailAddress.objects.filter(verified=True).values("user_id")
    unverified = User.objects.filter(date_joined__lt=now - RETENTION_UNVERIFIED, is_staff=False).exclude(
        pk__in=verified
    )
    return RetentionReport(
        cases=sorted(finished.values_list("pk", flat=True)), accounts=sorted(unverified.values_list("pk", flat=True))
    )


def user_by_link(*, user_id: int) -> User | None:
    """The account a signed link names (the signature stands for the owner's session)."""
    return User.objects.filter(pk=user_id).first()
