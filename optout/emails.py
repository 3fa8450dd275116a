"""One way to build any email: templates/emails/<name>/{subject.txt, body.txt, body.html}.

Rendered in the recipient's language and time zone. Every email has a text
and an HTML part.
"""

from __future__ import annotations

import re

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import lazy
from django.utils.translation import gettext

from optout import deadlines, links, routes, schedule
from optout.models import Reminder


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
    context = {"SITE_NAME": settings.SITE_NAME, "SITE_URL": settings.SITE_URL, **context}
    with translation.override(language), timezone.override(time_zone):
        subject = " ".join(render_to_string(f"emails/{name}/subject.txt", context).split())
        # Templates leave blank lines where optional parts are absent: keep one at most.
        text = re.sub(r"\n{3,}", "\n\n", render_to_string(f"emails/{name}/body.txt", context).strip()) + "\n"
        html = render_to_string(f"emails/{name}/body.html", context)
    message = EmailMultiAlternatives(subject, text, to=[to], headers=headers or {}, connection=connection)
    message.attach_alternative(html, "text/html")
    return message


#: The step a reminder is about: "C'est fait" in the email marks it done.
def reminder_step(kind: str, route: str) -> str | None:
    if kind == schedule.RETENTION_WARNING:
        return None
    if kind == schedule.CODE_AWAITED:
        return routes.CODE_STEP.kind
    if kind == schedule.CLOSURE_CONFIRMATION:
        return "closure_confirmed"
    if kind == schedule.MISSED or route == routes.CLOSURE:
        return "close_space"
    return {routes.PHONE: "call", routes.ONLINE: "object_online"}.get(route)


def template_for(kind: str) -> str:
    return "reminder-lead" if schedule.lead_days_of(kind) else f"reminder-{kind}"


def message_id(reminder: Reminder) -> str:
    domain = settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0] or "localhost"
    return f"<reminder.{reminder.pk}.{reminder.kind}@{domain}>"


def _space_of(person) -> str:
    if person.relation == "self":
        return gettext("votre espace")
    return gettext("l'espace de %(label)s") % {"label": person.label}


#: Evaluated when the template renders, in the recipient's language.
space_of = lazy(_space_of, str)


def reminder_email(reminder: Reminder, *, connection=None) -> EmailMultiAlternatives:
    """The email for a reminder row, from the case as it is now."""
    case = reminder.case
    owner = case.person.owner
    route = routes.ROUTES[case.route]
    letter = case.letter
    case_deadlines = (
        deadlines.deadlines_for(letter.sent_on, letter.received_on, owner.departement or None) if letter else None
    )
    today = deadlines.local_today(timezone.now(), owner.time_zone)
    step_kind = reminder_step(reminder.kind, case.route)
    step = routes.ROUTES[routes.CLOSURE if reminder.kind == schedule.MISSED else case.route].step(step_kind)
    unsubscribe = links.unsubscribe_url(owner.pk)
    context = {
        "reminder": reminder,
        "case": case,
        "person": case.person,
        "space": space_of(case.person),
        "for_whom": "" if case.person.relation == "self" else f" ({case.person.label})",
        "route": route,
        "deadlines": case_deadlines,
        "today": today,
        "days_left": case_deadlines.days_left(today) if case_deadlines else None,
        "lead_days": schedule.lead_days_of(reminder.kind),
        "step": step,
        "done_url": links.step_done_url(case.pk, step_kind) if step else None,
        "case_url": settings.SITE_URL + reverse("case_detail", args=[case.pk]),
        "preferences_url": settings.SITE_URL + reverse("account"),
        "export_url": settings.SITE_URL + reverse("account_export"),
        "unsubscribe_url": unsubscribe,
        "closure_route": routes.ROUTES[routes.CLOSURE],
        "show_phone_hours": case.route == routes.PHONE or reminder.kind in (schedule.CODE_AWAITED, schedule.MISSED),
    }
    headers = {
        "Message-ID": reminder.message_id or message_id(reminder),
        "List-Unsubscribe": f"<{unsubscribe}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        "Auto-Submitted": "auto-generated",
    }
    return build_email(
        template_for(reminder.kind),
        to=owner.email,
        language=owner.language,
        time_zone=owner.time_zone,
        context=context,
        headers=headers,
        connection=connection,
    )
