"""Reminder emails: their words, both parts, the reader's language, and the fast rendering path."""

from datetime import datetime, timedelta

import pytest
import time_machine
from django.utils import timezone, translation

from optout.models import Reminder
from reminders import dispatch, emails
from tests.factories import UserFactory
from tests.helpers import PARIS, open_case, plain

LEAD_7 = datetime(2026, 3, 17, 9, 0, tzinfo=PARIS)


def statuses():
    return dict(Reminder.objects.values_list("kind", "status"))


def body(message, subtype):
    return plain(message.get_body(preferencelist=(subtype,)).get_content())


@pytest.mark.django_db
def test_a_reminder_goes_out_at_its_time_in_the_users_language_with_both_parts(smtp_server):
    case = open_case()

    with time_machine.travel(LEAD_7 - timedelta(minutes=1), tick=False):
        assert dispatch.dispatch_due(clock=timezone.now).sent == 0
    with time_machine.travel(LEAD_7 + timedelta(seconds=5), tick=False):
        assert dispatch.dispatch_due(clock=timezone.now).sent == 1

    [message] = smtp_server.messages
    assert message["To"] == case.person.owner.email
    assert (
        message["Subject"].strip()
        == "J-7\u202f: appelez le 3422 au plus tard le mardi 24\u00a0mars 2026, avant 17\u00a0h"
    )
    plain, html = body(message, "plain"), body(message, "html")
    assert plain.splitlines()[2] == "Appelez le 3422 au plus tard le mardi 24 mars 2026, avant 17 h."
    assert "Ce qu'il faut dire au téléphone : Dites que vous vous opposez" in plain
    assert "du lundi au vendredi, de 8 h 30 à 17 h (heure de Paris)" in plain
    assert "<strong>Appelez le" in html
    assert '<a href="tel:3422" class="action-link">3422</a>' in html  # a phone calls it in one tap
    assert statuses()["lead-7"] == "sent"
    row = Reminder.objects.get(kind="lead-7")
    assert message["Message-ID"] == row.message_id == f"<reminder.{row.pk}.lead-7@testserver>"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


@pytest.mark.django_db
def test_an_english_speaker_gets_english(smtp_server):
    case = open_case(user=UserFactory(language="en"), label="Lea", relation="child")

    with time_machine.travel(LEAD_7 + timedelta(seconds=5), tick=False):
        dispatch.dispatch_due(clock=timezone.now)

    [message] = smtp_server.messages
    assert message["Subject"].strip() == "7 days left: call 3422 for Lea by Tuesday 24 March 2026, before 5\u00a0pm"
    assert "Tuesday 24 March 2026" in body(message, "plain")
    assert case.person.owner.email == message["To"]


@pytest.mark.slow
@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize(
    ("label", "relation"), [("Moi", "self"), ("<b>Tom & « Jo »</b>", "child"), ("O'Brien\\n", "represented")]
)
@pytest.mark.parametrize(
    ("route", "kind", "due"),
    [
        ("phone", "lead-7", LEAD_7),
        ("phone", "lead-2", datetime(2026, 3, 20, 9, tzinfo=PARIS)),
        ("online", "last-call", datetime(2026, 3, 24, 9, tzinfo=PARIS)),
        ("phone", "late-start", datetime(2026, 3, 25, 9, tzinfo=PARIS)),
        ("online", "late-lead", datetime(2026, 4, 1, 9, tzinfo=PARIS)),
        ("phone", "late-last-call", datetime(2026, 4, 3, 9, tzinfo=PARIS)),
        ("phone", "missed", datetime(2026, 4, 4, 9, tzinfo=PARIS)),
        ("online", "code-awaited", datetime(2026, 3, 12, 9, tzinfo=PARIS)),
        ("closure", "closure-confirmation", LEAD_7),
        ("phone", "retention-warning", LEAD_7),
    ],
)
def test_a_reminder_rendered_from_its_cached_shape_is_the_same_as_rendered_in_full(
    language, label, relation, route, kind, due
):
    user = UserFactory(language=language)
    case = open_case(user=user, route=route, label=label, relation=relation)
    reminder = Reminder(case=case, kind=kind, due_at=due)

    with time_machine.travel(due, tick=False):
        shape, personal = emails.reminder_parts(reminder, now=timezone.now())
        fast = emails.render_reminder(shape, personal)
        full = emails.render(shape, {**personal, "done_url": personal["done_url"] if shape.has_step else ""})

    assert fast == full


@pytest.mark.django_db
def test_every_word_of_a_reminder_is_in_its_readers_language_whatever_language_is_active():
    case = open_case(user=UserFactory(language="fr"))
    reminder = Reminder(case=case, kind="lead-7", due_at=LEAD_7)

    with time_machine.travel(LEAD_7, tick=False), translation.override("en"):  # a worker serving English first
        _subject, text, html = emails.render_reminder(*emails.reminder_parts(reminder, now=timezone.now()))

    assert "Votre numéro de sécurité sociale" in text and "Dites que vous vous opposez" in text
    assert "Your social security number" not in text + html and "Say that you object" not in text + html
