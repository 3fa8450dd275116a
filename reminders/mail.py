"""The one builder of every email: templates/emails/<name>/{subject.txt, body.txt, body.html}.

Rendered in the recipient's language and time zone; a text and an HTML part. Every email
says what it is to mail software, as Zulip's and Healthchecks' do, here and nowhere else
(`headers`): Auto-Submitted (RFC 3834: no auto-reply to it), List-Id (RFC 2919: a list per
kind, to file and filter them) and, when there are reminders to stop, List-Unsubscribe with
List-Unsubscribe-Post (RFC 2369, RFC 8058: one click in the mail client stops them).
Reminders (reminders/emails.py), the catch-up (reminders/catch_up.py), the address check
and the goodbye (reminders/tasks.py) and allauth's account emails (reminders/account_mail.py)
all get their headers here.
"""

from __future__ import annotations

import re

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import timezone, translation

from optout import links
from optout.context_processors import VOCABULARY

#: The list each kind of email belongs to (List-Id): reminders, or the account's own messages.
REMINDERS_LIST = "Rappels"
ACCOUNT_LIST = "Compte"


def list_id(name: str = REMINDERS_LIST) -> str:
    """A List-Id (RFC 2919): « Rappels <rappels.a-temps.fr> »."""
    return f"{name} <{name.lower()}.{links.site_domain()}>"


def headers(*, list_name: str, unsubscribe_url: str = "", message_id: str = "") -> dict[str, str]:
    """What every email says about itself to mail software, in this order on the wire."""
    out = {"Message-ID": message_id} if message_id else {}
    if unsubscribe_url:
        out["List-Unsubscribe"] = f"<{unsubscribe_url}>"
        out["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    out["Auto-Submitted"] = "auto-generated"
    out["List-Id"] = list_id(list_name)
    return out


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
    list_name: str = ACCOUNT_LIST,
    unsubscribe_url: str = "",
    message_id: str = "",
    connection=None,
) -> EmailMultiAlternatives:
    """Any email but a reminder (reminders/emails.py renders those by shape, with the same headers)."""
    context = {**VOCABULARY, "SITE_NAME": settings.SITE_NAME, "SITE_URL": settings.SITE_URL, **context}
    subject, text, html = render_templates(name, language, time_zone, context)
    message = EmailMultiAlternatives(
        subject,
        text,
        to=[to],
        headers=headers(list_name=list_name, unsubscribe_url=unsubscribe_url, message_id=message_id),
        connection=connection,
    )
    message.attach_alternative(html, "text/html")
    return message
