"""One way to build any email: templates/emails/<name>/{subject.txt, body.txt, body.html}.

Rendered in the recipient's language and time zone. Every email has a text
and an HTML part.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.core.mail.message import forbid_multi_line_headers, sanitize_address
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape

from optout import deadlines, links, routes
from optout.actions import Action, ActionKind, action_for
from optout.context_processors import VOCABULARY
from optout.models import Case, Reminder
from optout.state import (
    CHILD_SPACE_PENDING,
    action_of,
    children_to_close_first,
    dates_of,
    request_dates_of,
    scheme_of,
)
from optout.vocabulary import (
    REQUEST_REMINDERS,
    CaseStatus,
    Relation,
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


def render_templates(name: str, language: str, time_zone: str, context: dict) -> tuple[str, str, str]:
    """Subject, text and HTML of `templates/emails/<name>/`, in the reader's language and time zone."""
    with translation.override(language), timezone.override(time_zone):
        # One line; no-break spaces (French typography) are kept.
        subject = re.sub(r"[ \t\r\n]+", " ", render_to_string(f"emails/{name}/subject.txt", context)).strip()
        # Templates leave blank lines where optional parts are absent: keep one at most.
        text = re.sub(r"\n{3,}", "\n\n", render_to_string(f"emails/{name}/body.txt", context).strip()) + "\n"
        html = render_to_string(f"emails/{name}/body.html", context)
    return subject, text, html


def build_email(
    name: str,
    *,
    to: str,
    language: str,
    time_zone: str = "Europe/Paris",
    context: dict,
    headers: dict | None = None,
    connection=None,
) -> EmailMultiAlternatives:
    context = {**VOCABULARY, "SITE_NAME": settings.SITE_NAME, "SITE_URL": settings.SITE_URL, **context}
    subject, text, html = render_templates(name, language, time_zone, context)
    message = EmailMultiAlternatives(subject, text, to=[to], headers=headers or {}, connection=connection)
    message.attach_alternative(html, "text/html")
    return message


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


def message_id(reminder: Reminder) -> str:
    return f"<reminder.{reminder.pk}.{reminder.kind}@{links.site_domain()}>"


@dataclass(frozen=True)
class Shape:
    """Everything that decides a reminder's words, and nothing personal or unique.

    A wave of letters gives thousands of reminders of the same shape: they are
    rendered once per shape (and per dispatcher process), then only the personal
    parts are filled in. Templates stay the one source of every word.
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


WHITESPACE = re.compile(r"\s+")

#: The personal or unique parts of a reminder: a placeholder in the cached rendering.
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


def _mark(name: str) -> str:
    return f"\ue000{name}\ue001"  # private-use characters: never in our text, never escaped


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


def _context(shape: Shape, personal: dict) -> dict:
    route = routes.ROUTES[shape.route]
    step_route = routes.ROUTES[Route.CLOSURE if shape.kind == ReminderKind.MISSED else shape.route]
    step_kind = reminder_step(shape.kind, shape.route, shape.action)
    if step_kind == StepKind.CLOSE_SPACE:
        step_route = routes.ROUTES[Route.CLOSURE]
    step = step_route.step(step_kind) if shape.has_step else None
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
        "step": step,
        "step_help": step.help_for(who, shape.scheme) if step else "",
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


def _render(shape: Shape, personal: dict) -> tuple[str, str, str]:
    with translation.override(shape.language):  # the context holds texts already in words
        context = _context(shape, personal)
    return render_templates(shape.template, shape.language, shape.time_zone, context)


@lru_cache(maxsize=512)
def _render_shape(shape: Shape) -> tuple[str, str, str]:
    marks = {name: _mark(name) for name in PERSONAL}
    if not shape.has_step:
        marks["done_url"] = ""  # no « C'est fait » button at all
    return _render(shape, marks)


def render_reminder(shape: Shape, personal: dict) -> tuple[str, str, str]:
    """The cached rendering of the shape, with the personal parts filled in (escaped in HTML)."""
    subject, text, html = _render_shape(shape)
    for name in PERSONAL:
        value = str(personal[name])
        subject = subject.replace(_mark(name), WHITESPACE.sub(" ", value))
        text = text.replace(_mark(name), value)
        html = html.replace(_mark(name), escape(value))
    return subject, text, html


def reminder_parts(reminder: Reminder) -> tuple[Shape, dict]:
    case = reminder.case
    owner = case.person.owner
    case_deadlines = dates_of(case)
    now = timezone.now()  # the words are those of the moment the email leaves
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


@lru_cache(maxsize=4)
def encoded_sender(sender: str) -> str:
    """The From header, encoded once: « À temps » needs RFC 2047 encoding, and
    encoding it again for every email of a wave is a measurable part of sending."""
    return sanitize_address(sender, "utf-8")


@lru_cache(maxsize=1024)
def _subject_header(subject: str, encoding: str) -> str:
    """The Subject header's value exactly as Django writes it (RFC 2047 words when not ASCII)."""
    return forbid_multi_line_headers("Subject", subject, encoding)[1]


class ReminderEmail(EmailMultiAlternatives):
    """Django's email, whose Subject header is encoded once per distinct subject.

    A wave of reminders repeats a few subjects (« J-12 pour refuser Mon espace santé »),
    and encoding a subject that is not ASCII is about an eighth of writing the email
    out. The header is the one Django would write (tests/emails/test_wire.py compares).
    """

    def message(self):
        subject, self.subject = self.subject, "-"  # ASCII: Django's encoding of it is cheap
        try:
            msg = super().message()
        finally:
            self.subject = subject
        msg.replace_header("Subject", _subject_header(subject, self.encoding or settings.DEFAULT_CHARSET))
        return msg


def reminder_email(reminder: Reminder, *, connection=None) -> EmailMultiAlternatives:
    """The email for a reminder row, from the case as it is now."""
    shape, personal = reminder_parts(reminder)
    subject, text, html = render_reminder(shape, personal)
    headers = {
        "Message-ID": reminder.message_id or message_id(reminder),
        "List-Unsubscribe": f"<{personal['unsubscribe_url']}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        "Auto-Submitted": "auto-generated",
        "List-Id": links.list_id(),
    }
    message = ReminderEmail(
        subject,
        text,
        from_email=encoded_sender(settings.DEFAULT_FROM_EMAIL),
        to=[reminder.case.person.owner.email],
        headers=headers,
        connection=connection,
    )
    message.attach_alternative(html, "text/html")
    return message
