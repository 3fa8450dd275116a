"""French typography on every French page, email and calendar: the rules of config/typography.py.

A narrow no-break space before « ; : ! ? » and inside « », no-break spaces in
« 8 h 30 » and between a number and its unit, typographic apostrophes. Pages are
rendered signed in and out, in every situation a case can be in; emails are
every reminder and every account email.
"""

import re
from datetime import datetime, timedelta
from html.parser import HTMLParser

import icalendar
import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from config.typography import NBSP, NNBSP, typeset
from optout import services
from optout.models import Reminder
from reminders import emails
from tests.factories import PASSWORD, UserFactory
from tests.helpers import NOW, PARIS, open_case

pytestmark = pytest.mark.django_db

NO_BREAK = NBSP + NNBSP
PROBLEMS = {
    "straight apostrophe": re.compile(r"[A-Za-zÀ-ÿ]'[A-Za-zÀ-ÿ]"),
    "breakable space before ; ! ?": re.compile(rf"(?<=[^{NO_BREAK}])[;!?](?=\s|$|»)"),
    "breakable space before :": re.compile(rf"(?<=[^{NO_BREAK}\d]):(?=\s|$)"),
    "breakable space after «": re.compile(rf"«(?=[^{NO_BREAK}])"),
    "breakable space before »": re.compile(rf"(?<=[^{NO_BREAK}])»"),
    "breakable hour": re.compile(r"\d h\b|\bh \d"),
    "breakable number and unit": re.compile(r"\d (jours?|mois|ans|semaines?|caractères|chiffres|étapes?)\b"),
}


class Visible(HTMLParser):
    """The text a reader sees: text nodes and placeholders, not scripts, styles or attributes."""

    def __init__(self):
        super().__init__()
        self.parts, self.hidden = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.hidden += 1
        placeholder = dict(attrs).get("placeholder")
        if placeholder:
            self.parts.append(placeholder)

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.hidden -= 1

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


def visible(html: str) -> str:
    parser = Visible()
    parser.feed(html)
    return "\n".join(parser.parts)


def problems_in(text: str, where: str) -> list[str]:
    found = []
    for name, pattern in PROBLEMS.items():
        for match in pattern.finditer(text):
            found.append(f"{where}: {name}: …{text[max(match.start() - 30, 0) : match.end() + 20]!r}")
    return found


def test_the_typesetter_follows_the_rules():
    assert typeset("L'opposition est faite : « Paramètres » ? Oui !") == (
        f"L’opposition est faite{NNBSP}: «{NNBSP}Paramètres{NNBSP}»{NNBSP}? Oui{NNBSP}!"
    )
    assert typeset("de 8 h 30 à 17 h, 15 caractères") == f"de 8{NBSP}h{NBSP}30 à 17{NBSP}h, 15{NBSP}caractères"
    assert (
        typeset('<a href="https://x.fr/?a=1">lien</a> : %(day)s')
        == f'<a href="https://x.fr/?a=1">lien</a>{NNBSP}: %(day)s'
    )
    assert typeset("https://monespacesante.fr et 10:32") == "https://monespacesante.fr et 10:32"
    for name, pattern in PROBLEMS.items():  # each check would catch the plain text
        assert pattern.search(
            {
                "straight apostrophe": "l'espace",
                "breakable space before ; ! ?": "Oui !",
                "breakable space before :": "Note : ",
                "breakable space after «": "« Paramètres",
                "breakable space before »": "Paramètres »",
                "breakable hour": "8 h 30",
                "breakable number and unit": "15 caractères",
            }[name]
        ), name


def french_client(user=None) -> Client:
    client = Client()
    client.cookies["language"] = "fr"
    if user:
        client.force_login(user)
    return client


def page_urls(user):
    """Every kind of page, in every situation a case can be in."""
    safe = open_case(user)  # act by 24 March 2026
    child = open_case(user, route="online", label="Léa", relation="child")
    closing = open_case(user, route="closure", received_on=None, label="Tom", relation="represented")
    services.step_mark_done(case=closing, kind="close_space", now=NOW)
    adult = open_case(user, label="Paul", relation="adult")
    services.call_log(case=safe, outcome="asked_for_code", note="", now=NOW)
    urls = [reverse(name) for name in ("dashboard", "account", "people", "case_new", "calendar_settings")]
    urls += [reverse(name) for name in ("account_delete", "account_email", "account_change_password")]
    urls += [reverse("account_export_page")]
    for case in (safe, child, closing, adult):
        urls += [reverse("case_detail", args=[case.pk]), reverse("case_sheet", args=[case.pk])]
    urls += [reverse("case_new_for", args=[child.person.pk]), reverse("person_edit", args=[child.person.pk])]
    urls += [reverse("person_delete", args=[child.person.pk]), reverse("case_delete", args=[child.pk])]
    for name in ("case_request", "case_request_letter", "case_complaint", "case_timeline"):
        urls.append(reverse(name, args=[closing.pk]))
    return urls


PUBLIC = [
    "home",
    "account_login",
    "account_signup",
    "account_reset_password",
    "account_request_login_code",
    "calculator",
    "privacy",
    "legal",
    "checker",
    "request_letter",
    "complaint",
]
CALCULATOR = [
    {"sent_on": "2026-02-20", "received_on": "2026-02-24"},  # safe
    {"sent_on": "2026-02-01", "received_on": "2026-02-01"},  # late on 2 March
    {"sent_on": "2026-01-02", "received_on": "2026-01-05"},  # missed
    {"sent_on": "2026-01-20", "received_on": "2026-02-24"},  # odd dates
    {"received_on": "2026-02-30"},  # an error
]


@pytest.mark.slow
def test_every_french_page_is_typeset():
    user = UserFactory(language="fr")
    found = []
    with time_machine.travel(NOW, tick=False):
        anonymous = french_client()
        for name in PUBLIC:
            response = anonymous.get(reverse(name))
            found += problems_in(visible(response.content.decode()), name)
        for params in CALCULATOR:
            response = anonymous.get(reverse("calculator"), params)
            found += problems_in(visible(response.content.decode()), f"calculator {params}")
        signed_in = french_client(user)
        for url in page_urls(user):
            response = signed_in.get(url)
            assert response.status_code == 200, url
            found += problems_in(visible(response.content.decode()), url)
    assert found == []


DUE = {
    "lead-7": datetime(2026, 3, 17, 9, tzinfo=PARIS),
    "last-call": datetime(2026, 3, 24, 9, tzinfo=PARIS),
    "late-start": datetime(2026, 3, 25, 9, tzinfo=PARIS),
    "late-lead": datetime(2026, 4, 1, 9, tzinfo=PARIS),
    "late-last-call": datetime(2026, 4, 3, 9, tzinfo=PARIS),
    "missed": datetime(2026, 4, 4, 9, tzinfo=PARIS),
    "code-awaited": datetime(2026, 3, 12, 9, tzinfo=PARIS),
    "closure-confirmation": datetime(2026, 6, 30, 9, tzinfo=PARIS),
    "retention-warning": datetime(2027, 2, 16, 9, tzinfo=PARIS),
}


@pytest.mark.parametrize("relation", ["self", "child"])
@pytest.mark.parametrize("kind", sorted(DUE))
def test_every_french_reminder_is_typeset(kind, relation):
    user = UserFactory(language="fr")
    route = {"code-awaited": "online", "closure-confirmation": "closure"}.get(kind, "phone")
    case = open_case(user, route=route, label="Moi" if relation == "self" else "Léa", relation=relation)
    if kind == "closure-confirmation":
        services.step_mark_done(case=case, kind="close_space", now=NOW)
    reminder = Reminder(case=case, kind=kind, due_at=DUE[kind])
    with time_machine.travel(DUE[kind], tick=False):
        subject, text, html = emails.render_reminder(*emails.reminder_parts(reminder, now=timezone.now()))

    assert problems_in(subject, "subject") + problems_in(text, "text") + problems_in(visible(html), "html") == []


def test_the_account_emails_are_typeset(mailoutbox, requests_commit):
    client = french_client()
    client.post(
        reverse("account_signup"), {"email": "nouveau@example.org", "password1": PASSWORD, "password2": PASSWORD}
    )
    UserFactory(email="ancien@example.org", language="fr")
    client.post(
        reverse("account_signup"), {"email": "ancien@example.org", "password1": PASSWORD, "password2": PASSWORD}
    )
    client.post(reverse("account_reset_password"), {"email": "ancien@example.org"})
    client.post(reverse("account_reset_password"), {"email": "inconnu@example.org"})
    client.force_login(UserFactory(email="change@example.org", language="fr"))
    client.post(  # a notice: « Quand : le 29 novembre 2026 à 10 h 00 »
        reverse("account_change_password"),
        {"oldpassword": PASSWORD, "password1": "nouveau-passe-77", "password2": "nouveau-passe-77"},
    )
    assert len(mailoutbox) >= 5
    found = []
    for message in mail.outbox:
        found += problems_in(message.subject, "subject") + problems_in(message.body, message.subject)
        for content, subtype in getattr(message, "alternatives", []):
            if subtype == "text/html":
                found += problems_in(visible(content), message.subject)
    assert found == []


def test_the_french_calendar_is_typeset():
    with time_machine.travel(NOW - timedelta(days=10), tick=False):
        response = french_client().get(
            reverse("calculator"), {"sent_on": "2026-02-20", "received_on": "2026-02-20", "format": "ics"}
        )
    calendar = icalendar.Calendar.from_ical(response.content)
    found = []
    for event in calendar.walk("VEVENT"):
        found += problems_in(str(event["SUMMARY"]), "summary") + problems_in(str(event["DESCRIPTION"]), "description")
    assert found == []


def test_no_page_email_or_message_says_the_3422_closes_at_17h30():
    """The line closes at 17:00 (the Mon espace santé FAQ): the hour is said from LINE_CLOSES, never typed."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    pattern = re.compile(r"17[\s\u00a0\u202f]*h[\s\u00a0\u202f]*30|17:30|5:30\s*pm", re.I)
    places = [
        *root.joinpath("templates").rglob("*.*"),
        *root.joinpath("optout").rglob("*.py"),
        *root.joinpath("reminders").rglob("*.py"),
    ]
    places += list(root.joinpath("locale").rglob("django.po"))
    found = [str(path.relative_to(root)) for path in places if pattern.search(path.read_text(errors="ignore"))]
    assert found == []
