"""A reminder row's email: its shape rendered once (cached), the personal parts filled in.

The words are those of the case as it is at `now`, the moment the email leaves (the dispatcher
passes it). Headers: the one builder's (reminders/mail.py).
"""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.urls import reverse
from django.utils import translation

from optout import deadlines, links
from optout.actions import Action, ActionKind, action_for
from optout.models import Case, Reminder
from optout.state import (
    CHILD_SPACE_PENDING,
    action_of,
    children_to_close_first,
    dates_of,
    request_dates_of,
    scheme_of,
)
from optout.vocabulary import REQUEST_REMINDERS, CaseStatus, Relation, ReminderKind, Route, StepKind
from reminders import speed
from reminders.mail import REMINDERS_LIST, headers, render_templates
from reminders.shape import PERSONAL, Shape, context_of, is_action_reminder, reminder_step, template_for


def message_id(reminder: Reminder) -> str:
    return f"<reminder.{reminder.pk}.{reminder.kind}@{links.site_domain()}>"


def render(shape: Shape, personal: dict) -> tuple[str, str, str]:
    """Subject, text and HTML of a reminder of this shape with these personal parts."""
    with translation.override(shape.language):  # the context holds texts already in words
        context = context_of(shape, personal)
    return render_templates(shape.template, shape.language, shape.time_zone, context)


def render_reminder(shape: Shape, personal: dict) -> tuple[str, str, str]:
    """The shape rendered once per process (reminders/speed.py), the personal parts filled in."""
    return speed.render_by_shape(shape, personal, render, PERSONAL)


def reminder_parts(reminder: Reminder, *, now: datetime) -> tuple[Shape, dict]:
    """What decides the words (the shape) and the personal parts, at `now`: when the email leaves."""
    case = reminder.case
    owner = case.person.owner
    case_deadlines = dates_of(case)
    action = (
        action_of(case, now)
        if is_action_reminder(reminder.kind) or reminder.kind == ReminderKind.CODE_AWAITED
        else None
    )
    step_kind = reminder_step(reminder.kind, case.route, action)
    first, maybe = children_first_for(case, now) if action is not None and action.kind == ActionKind.CLOSE else ([], [])
    shape = Shape(
        template=template_for(reminder.kind),
        language=owner.language,
        time_zone=owner.time_zone,
        kind=reminder.kind,
        route=case.route,
        relation=case.person.relation,
        case_open=case.status == CaseStatus.OPEN,
        code_received=any(step.kind == StepKind.CODE_RECEIVED and step.is_done for step in case.steps.all()),
        deadlines=case_deadlines,
        today=deadlines.local_today(now, owner.time_zone),
        has_step=step_kind is not None,
        # Read only for the reminders about it: the others never query the request.
        request=request_dates_of(case) if reminder.kind in REQUEST_REMINDERS else None,
        action=action,
        channel=case.letter.channel if case.letter_id else None,
        children_first=bool(first),
        children_maybe=bool(maybe),
        call=_call_instead(case, action, now),
        scheme=scheme_of(case),
        adult_month=case.person.adult_month if reminder.kind == ReminderKind.OF_AGE else None,
        can_call=case.person.can_call,
    )
    personal = {
        "label": case.person.label,
        "done_url": links.step_done_url(case.pk, step_kind) if step_kind else "",
        "case_url": _case_url_pattern(settings.SITE_URL).format(case.pk),
        "unsubscribe_url": links.unsubscribe_url(owner.pk),
        "request_url": _case_url_pattern(settings.SITE_URL, "case_request").format(case.pk),
        "complaint_url": _case_url_pattern(settings.SITE_URL, "case_complaint").format(case.pk),
        "children": ", ".join(child.person.label for child in first),
        "children_maybe": ", ".join(child.person.label for child in maybe),
        "person_url": _case_url_pattern(settings.SITE_URL, "person_edit").format(case.person_id),
        "together_url": _case_url_pattern(settings.SITE_URL, "case_together_sheet").format(case.pk),
    }
    return shape, personal


def _call_instead(case: Case, action: Action | None, now) -> Action | None:
    """On the online route, without a code yet: the call still possible (its own last moment), or None."""
    if action is None or action.kind != ActionKind.ONLINE or case.route != Route.ONLINE or not case.person.can_call:
        return None
    if any(step.kind == StepKind.CODE_RECEIVED and step.is_done for step in case.steps.all()):
        return None
    call = action_for(action.deadlines, route=Route.PHONE, now=now)
    return call if call.kind == ActionKind.CALL else None


def children_first_for(case: Case, now) -> tuple[list[Case], list[Case]]:
    """A parent's own space to close: the children's to close before it, and those that may still open
    (one query, only then)."""
    if case.person.relation != Relation.SELF:
        return [], []
    children = list(
        Case.objects.filter(
            person__owner_id=case.person.owner_id, person__relation=Relation.CHILD, status__in=CHILD_SPACE_PENDING
        ).select_related("letter", "person")
    )
    for child in children:
        child.person.owner = case.person.owner
    return children_to_close_first(case, children, now)


@lru_cache(maxsize=8)
def _case_url_pattern(site: str, name: str = "case_detail") -> str:
    return site + reverse(name, args=[0]).replace("/0/", "/{}/")


def reminder_email(reminder: Reminder, *, now: datetime, connection=None) -> EmailMultiAlternatives:
    """The email for a reminder row, from the case as it is at `now`."""
    shape, personal = reminder_parts(reminder, now=now)
    subject, text, html = render_reminder(shape, personal)
    message = speed.ReminderEmail(
        subject,
        text,
        from_email=speed.encoded_sender(settings.DEFAULT_FROM_EMAIL),
        to=[reminder.case.person.owner.email],
        headers=headers(
            list_name=REMINDERS_LIST,
            unsubscribe_url=personal["unsubscribe_url"],
            message_id=reminder.message_id or message_id(reminder),
        ),
        connection=connection,
    )
    message.attach_alternative(html, "text/html")
    return message
