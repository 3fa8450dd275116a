"""Writes to a case's written request: its dates as they come, or its removal.

The request itself (a letter or an email to the Assurance Maladie) is written in
the person's browser and never reaches us: only its kind, its channel and its
dates are kept. Each change logs its dates on the timeline and re-syncs the
case's reminders in the same transaction (the answer's date, the deletion's).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from optout import deadlines
from optout.models import Case, WrittenRequest
from optout.services.common import event, locked, today_of
from optout.services.reminders import reminders_sync
from optout.vocabulary import EventKind, RequestKind, Route

#: Each recorded date, with the timeline event that says it.
_DATED_EVENTS = {
    "sent_on": EventKind.REQUEST_SENT,
    "delivered_on": EventKind.REQUEST_DELIVERED,
    "extension_notified_on": EventKind.REQUEST_EXTENDED,
    "answer_received_on": EventKind.REQUEST_ANSWERED,
}


@dataclass(frozen=True)
class RequestData:
    kind: str
    channel: str
    sent_on: date
    delivered_on: date | None = None
    extension_notified_on: date | None = None
    answer_received_on: date | None = None


def request_kind_for(case: Case) -> str:
    """What a written request for this case asks: closure on the closure route, else opposition."""
    return RequestKind.CLOSURE if case.route == Route.CLOSURE else RequestKind.OPPOSITION


def written_request_validate(*, data: RequestData, today: date) -> None:
    """The checks a request's dates must pass; each error names its field."""
    errors = {}
    if data.sent_on > today:
        errors["sent_on"] = _("La date d'envoi ne peut pas être dans le futur.")
    elif data.sent_on < deadlines.DECREE_DATE:
        errors["sent_on"] = _(
            "Mon espace santé n'existait pas avant le décret du 4 août 2021. Vérifiez l'année de cette date."
        )
    later = {
        "delivered_on": _("La demande ne peut pas être arrivée avant d'avoir été envoyée. Vérifiez les deux dates."),
        "extension_notified_on": _(
            "La prolongation ne peut pas avoir été annoncée avant l'envoi de la demande. Vérifiez les deux dates."
        ),
        "answer_received_on": _("La réponse ne peut pas précéder l'envoi de la demande. Vérifiez les deux dates."),
    }
    for name, before_sending in later.items():
        day = getattr(data, name)
        if day is None:
            continue
        if day > today:
            errors[name] = _("Cette date ne peut pas être dans le futur.")
        elif day < data.sent_on:
            errors[name] = before_sending
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def written_request_record(*, case: Case, data: RequestData, now: datetime) -> WrittenRequest:
    """Record a request sent, or correct and complete its dates (delivery, extension, answer)."""
    case = locked(case.pk)
    written_request_validate(data=data, today=today_of(case, now))
    # Read after the lock, on its own: a request recorded by a submission that held the lock
    # before us (a double click) is then this one's to update, not to create again.
    request = WrittenRequest.objects.filter(case_id=case.pk).first()
    before = {name: getattr(request, name) for name in _DATED_EVENTS} if request else {}
    if request is None:
        request = WrittenRequest(case=case, created_at=now)
    for name, value in vars(data).items():
        setattr(request, name, value)
    request.save()
    for name, kind in _DATED_EVENTS.items():
        day = getattr(request, name)
        if day is not None and day != before.get(name):
            extra = {"channel": request.channel, "request": request.kind} if kind == EventKind.REQUEST_SENT else {}
            event(case, kind, now, day=day.isoformat(), **extra)
    case.written_request = request
    reminders_sync(case=case, now=now)
    return request


@transaction.atomic
def written_request_delete(*, case: Case, now: datetime) -> None:
    """Stop following the case's written request: its dates go, its reminders still to come are cancelled.

    Reminders already sent stay in the history (and are not sent again if a request is recorded later).
    """
    case = locked(case.pk)
    request = WrittenRequest.objects.filter(case_id=case.pk).first()  # read after the lock, like above
    if request is None:
        return
    request.delete()
    event(case, EventKind.REQUEST_REMOVED, now)
    case.written_request = None
    reminders_sync(case=case, now=now)
