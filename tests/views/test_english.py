"""English as an English reader expects: no French shorthand (« J-12 »), no French spacing before
punctuation, no French left outside an element marked lang="fr", on every page, email and calendar."""

import re
from datetime import date, datetime
from html import unescape

import icalendar
import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from optout import services
from optout.models import Reminder
from reminders import emails
from tests.factories import UserFactory
from tests.helpers import PARIS, open_case

pytestmark = pytest.mark.django_db

OPENED = datetime(2026, 11, 10, 10, tzinfo=PARIS)
LOOKED = datetime(2026, 11, 20, 10, tzinfo=PARIS)
SENT, RECEIVED = date(2026, 11, 2), date(2026, 11, 6)

#: French spacing, shorthand and quotes; and words that only French uses, as whole words.
FRENCH = re.compile(
    r"J-\d|\u202f|\u00a0[:;!?]| [:;!?](?=\s|$)|[«»]"
    r"|\b(?:les|des|du|vous|votre|vos|avec|pour|une|jusqu|aujourd|démarche|délai|espace|courrier|rappel)\b",
    re.I,
)
#: What may stay French in an English page: the brand, the départements' names in a list, French marked so.
ALLOWED = [
    re.compile(r'<([a-z0-9]+)[^>]*\blang="fr"[^>]*>.*?</\1>', re.S),
    re.compile(r"<select[^>]*>.*?</select>", re.S),
    re.compile(r"<(script|style)[^>]*>.*?</\1>", re.S),
    re.compile(r"À temps"),
    re.compile(r"Mon espace santé"),  # the service's own name, marked lang="fr" where markup allows
]
INLINE = re.compile(r"</?(?:a|span|strong|em|b|i|abbr|time)\b[^>]*>")
TAG = re.compile(r"<[^>]+>")
URL = re.compile(r"https?://\S+")


def french_left(html: str) -> list[str]:
    for pattern in ALLOWED:
        html = pattern.sub("X", html)
    words = re.sub(r"\s+", " ", unescape(TAG.sub("\n", INLINE.sub("", html))))
    # A link's signed token is no word: "…8J-8hU…" in one read as the countdown « J-8 » (a flaky failure).
    words = URL.sub("X", words)
    return [words[max(0, m.start() - 40) : m.end() + 30] for m in FRENCH.finditer(words)]


@pytest.fixture
def family():
    user = UserFactory(language="en")
    dates = {"sent_on": SENT, "received_on": RECEIVED, "now": OPENED}
    cases = [
        open_case(user, **dates),
        open_case(user, label="Léa", relation="child", **dates),
        open_case(user, label="Jeanne", relation="adult", route="online", **dates),
        open_case(user, label="Paul", relation="represented", route="closure", received_on=None, now=OPENED),
    ]
    return user, cases


@pytest.mark.slow
def test_every_page_of_an_english_account_is_in_english(client, family):
    user, cases = family
    client.cookies["language"] = "en"
    urls = [
        reverse("dashboard"),
        reverse("account"),
        reverse("account_export_page"),
        reverse("calendar_settings"),
        reverse("people"),
        reverse("case_new"),
        reverse("calculator") + "?sent_on=2026-11-02&received_on=2026-11-06",
        reverse("home"),
        reverse("privacy"),
        reverse("glossary"),
        reverse("legal"),
        reverse("checker"),
        reverse("request_letter"),
        reverse("complaint"),
        reverse("complaint_mandate"),
        reverse("account_delete"),
    ]
    for case in cases:
        urls += [
            reverse("case_detail", args=[case.pk]),
            reverse("case_sheet", args=[case.pk]),
            reverse("case_timeline", args=[case.pk]),
            reverse("case_new_for", args=[case.person_id]),
            reverse("case_request_letter", args=[case.pk]),
            reverse("case_request", args=[case.pk]),
            reverse("case_complaint", args=[case.pk]),
            reverse("case_complaint_mandate", args=[case.pk]),
            reverse("case_delete", args=[case.pk]),
        ]
    found = {}
    with time_machine.travel(LOOKED, tick=False):
        client.force_login(user)
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, url
            left = french_left(response.content.decode())
            if left:
                found[url] = left[:5]
    assert found == {}, "\n".join(f"{url}: {left}" for url, left in found.items())


@pytest.mark.parametrize(
    ("kind", "due"),
    [
        ("lead-7", datetime(2026, 11, 27, 9, tzinfo=PARIS)),
        ("last-call", datetime(2026, 12, 4, 9, tzinfo=PARIS)),
        ("late-start", datetime(2026, 12, 7, 9, tzinfo=PARIS)),
        ("late-last-call", datetime(2026, 12, 14, 9, tzinfo=PARIS)),
        ("missed", datetime(2026, 12, 15, 9, tzinfo=PARIS)),
    ],
)
def test_every_reminder_to_an_english_account_is_in_english(family, kind, due):
    _user, cases = family
    for case in cases[:3]:
        with time_machine.travel(due, tick=False):
            subject, text, html = emails.render_reminder(
                *emails.reminder_parts(Reminder(case=case, kind=kind, due_at=due), now=timezone.now())
            )
        assert french_left(subject) == [], subject
        # Plain text cannot mark a language: the labels of the French site stay in French quotes there.
        assert french_left(re.sub(r"«[^»]*»", "X", text)) == [], text
        assert french_left(html) == [], html


def test_the_private_calendar_of_an_english_account_is_in_english(client, family):
    user, _cases = family
    feed = services.calendar_feed_regenerate(user=user, now=OPENED)

    with time_machine.travel(LOOKED, tick=False):
        calendar = icalendar.Calendar.from_ical(client.get(reverse("calendar_feed", args=[feed.token])).content)

    for event in calendar.walk("VEVENT"):
        words = " ".join(str(event[field]) for field in ("SUMMARY", "DESCRIPTION")).replace("Mon espace santé", "")
        alarms = " ".join(str(alarm["DESCRIPTION"]) for alarm in event.walk("VALARM")).replace("Mon espace santé", "")
        assert french_left(words + " " + alarms) == []


def test_the_complaint_stays_in_french_with_an_english_summary_of_what_it_says(client):
    client.cookies["language"] = "en"

    html = client.get(reverse("complaint")).content.decode()

    assert "What the complaint says" in html
    assert "before you sign it" in html
    assert 'id="document" lang="fr"' in html  # the complaint itself, in French
