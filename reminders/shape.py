"""A reminder's shape: everything that decides its words, and nothing personal or unique.

A wave of letters gives thousands of reminders of the same shape: each shape's words come
from the templates (templates/emails/reminder-*/) through the context built here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.urls import reverse

from optout import deadlines, routes
from optout.actions import Action, ActionKind
from optout.context_processors import VOCABULARY
from optout.vocabulary import (
    REQUEST_REMINDERS,
    ReminderKind,
    Route,
    Scheme,
    StepKind,
    lead_days_of,
)
from optout.wording import Who
from optout.wording.clock import line_facts
from optout.wording.headline import headline, without_phone
from optout.wording.people import of_age
from optout.wording.reminders import closure_confirmation_words, code_words, reminder_words, retention_words
from optout.wording.schemes import scheme_note


#: The step a reminder is about: "C'est fait" in the email marks it done.
def reminder_step(kind: str, route: str, action: Action | None = None) -> str | None:
    if kind in (ReminderKind.RETENTION_WARNING, ReminderKind.OF_AGE) or kind in REQUEST_REMINDERS:
        return None  # a written request's answer is noted on its page, with its date
    if kind == ReminderKind.CODE_AWAITED:
        return StepKind.CODE_RECEIVED
    if kind == ReminderKind.CLOSURE_CONFIRMATION:
        return StepKind.CLOSURE_CONFIRMED
    closing = action is not None and action.kind == ActionKind.CLOSE
    if closing or kind == ReminderKind.MISSED or route == Route.CLOSURE:
        return StepKind.CLOSE_SPACE
    return {Route.PHONE: StepKind.CALL, Route.ONLINE: StepKind.OBJECT_ONLINE}.get(route)


#: Reminders about the next action (to call, to refuse online, to close): their words are the
#: action's at the moment they leave (optout/actions.py), whatever moment they were planned for.
ACTION_REMINDERS = (
    ReminderKind.LAST_CALL,
    ReminderKind.LATE_START,
    ReminderKind.LATE_LEAD,
    ReminderKind.LATE_LAST_CALL,
    ReminderKind.MISSED,
)


def is_action_reminder(kind: str) -> bool:
    return kind in ACTION_REMINDERS or lead_days_of(kind) is not None


#: Once an extension is notified in time, the answer's reminders keep their words with the later date.
_SAME_WORDS = {
    ReminderKind.EXTENDED_ANSWER_SOON: ReminderKind.ANSWER_SOON,
    ReminderKind.EXTENDED_ANSWER_LATE: ReminderKind.ANSWER_LATE,
}


def template_for(kind: str) -> str:
    return "reminder-action" if is_action_reminder(kind) else f"reminder-{_SAME_WORDS.get(kind, kind)}"


@dataclass(frozen=True)
class Shape:
    """Everything that decides a reminder's words, and nothing personal or unique.

    A wave of letters gives thousands of reminders of the same shape: they are
    rendered once per shape (and per dispatcher process, reminders/speed.py), then
    only the personal parts are filled in. Templates stay the one source of every word.
    """

    template: str
    language: str
    time_zone: str
    kind: str
    route: str
    relation: str
    case_open: bool
    code_received: bool
    deadlines: deadlines.Deadlines | None
    today: date
    has_step: bool
    #: A written request's dates, for the reminders about it (None for the others).
    request: deadlines.RequestDates | None = None
    #: The case's next action at the moment the email leaves (None once nothing is left to do).
    action: Action | None = None
    channel: str | None = None
    #: A parent's own closure: are there children's spaces to close first, and children whose spaces may
    #: still open (their names are personal: placeholders)?
    children_first: bool = False
    children_maybe: bool = False
    #: On the online route without a code: the call still possible, if any (said as the other way).
    call: Action | None = None
    #: Who wrote the letter (optout.vocabulary.Scheme): the steps name the sender.
    scheme: str = Scheme.UNKNOWN
    #: For the `of-age` reminder: the month the child turns 18 (None for the others).
    adult_month: date | None = None
    #: Whoever acts can phone (« Pouvez-vous téléphoner ? »): when not, nothing about calling.
    can_call: bool = True


#: The personal or unique parts of a reminder: filled in after the shape is rendered.
PERSONAL = (
    "label",
    "done_url",
    "case_url",
    "unsubscribe_url",
    "request_url",
    "complaint_url",
    "children",
    "children_maybe",
    "person_url",
    "together_url",
)


#: Reminders about calling the 3422 whatever the route: they carry the phone script and hours.
_ABOUT_CALLING = (ReminderKind.LATE_START, ReminderKind.LATE_LEAD, ReminderKind.LATE_LAST_CALL)


def _action_context(shape: Shape, who: Who, personal: dict) -> dict:
    """What the action email (templates/emails/reminder-action/) says: the action first, in words for `who`."""
    action = shape.action
    if action is None:
        return {}
    words = headline(
        action,
        who,
        shape.today,
        time_zone=shape.time_zone,
        channel=shape.channel,
        children_first=(personal["children"],) if shape.children_first else (),
        children_maybe=(personal["children_maybe"],) if shape.children_maybe else (),
    )
    ready_route = {ActionKind.CALL: Route.PHONE, ActionKind.ONLINE: Route.ONLINE}.get(action.kind, Route.CLOSURE)
    extra = {
        "headline": words,
        "action_kind": str(action.kind),
        "ready": routes.ROUTES[ready_route].have_ready_for(who, shape.scheme),
    }
    extra.update(reminder_words(action, who, call=shape.call, today=shape.today, time_zone=shape.time_zone))
    return extra


def context_of(shape: Shape, personal: dict) -> dict:
    """The templates' context for a reminder of this shape, the personal parts as given."""
    route = routes.ROUTES[shape.route]
    who = Who(relation=shape.relation, label=personal["label"], can_call=shape.can_call)
    phone, closure = routes.ROUTES[Route.PHONE], routes.ROUTES[Route.CLOSURE]
    about_calling = shape.kind in _ABOUT_CALLING and shape.can_call
    phone_kinds = (ReminderKind.CODE_AWAITED, ReminderKind.CLOSURE_CONFIRMATION)
    return {
        **VOCABULARY,
        **personal,
        "SITE_NAME": settings.SITE_NAME,
        "SITE_URL": settings.SITE_URL,
        "who": who,
        "route": route,
        "deadlines": shape.deadlines,
        "request": shape.request,
        "standing": shape.deadlines.on(shape.today) if shape.deadlines else None,
        "today": shape.today,
        "lead_days": lead_days_of(shape.kind),
        # Refusing online is said as the online route says it, whatever the case's route: a phone case whose
        # line no longer answers in time is told how to refuse online, not what to say on the phone.
        "online_help": routes.ROUTES[Route.ONLINE].step(StepKind.OBJECT_ONLINE).help_for(who, shape.scheme),
        "ready": (phone if about_calling else route).have_ready_for(who, shape.scheme),
        "call_help": phone.step(StepKind.CALL).help_for(who, shape.scheme),
        "closure_steps": [(item.title, item.help_for(who, shape.scheme)) for item in closure.steps],
        "closure_ready": closure.have_ready_for(who, shape.scheme),
        "scheme_note": scheme_note(shape.scheme),
        "has_code": shape.code_received,
        "preferences_url": settings.SITE_URL + reverse("account"),
        "export_url": settings.SITE_URL + reverse("account_export"),
        "case_open": shape.case_open,
        "show_phone_hours": shape.can_call
        and (shape.route == Route.PHONE or about_calling or shape.kind in phone_kinds),
        "line_facts": line_facts(shape.time_zone, on=shape.today),
        "closure_words": closure_confirmation_words(who),
        "code_words": code_words(who, _no_phone_words(shape, who)),
        "retention_words": retention_words(who, route.name),
        "of_age": of_age(who, shape.adult_month, shape.today),
        **_action_context(shape, who, personal),
    }


def _no_phone_words(shape: Shape, who: Who) -> str:
    """For someone who cannot phone, refusing online: a new code in time, or the written request's day."""
    action = shape.action
    if shape.can_call or action is None or action.kind != ActionKind.ONLINE:
        return ""
    return " ".join(without_phone(action, who, shape.today))
