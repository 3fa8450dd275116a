"""On the legal deadline's evening, after the 3422 has closed for the last time, a phone case's email
tells how to refuse online with the provisional code (the action then), never what to say on the phone."""

import re
from datetime import datetime
from html import unescape

import pytest
import time_machine
from django.utils import timezone

from optout.models import Reminder
from reminders import emails
from tests.factories import UserFactory
from tests.helpers import PARIS, open_case, plain

pytestmark = pytest.mark.django_db

#: The default letter's legal deadline is Friday 3 April 2026; the line closes at 17:00.
EVENING = datetime(2026, 4, 3, 18, tzinfo=PARIS)

ONLINE = {
    (
        "self",
        "fr",
    ): "Sur monespacesante.fr, saisissez le code provisoire et vos informations, puis choisissez de refuser",
    ("child", "fr"): "Sur monespacesante.fr, saisissez le code provisoire et les informations de Léa, puis choisissez",
    ("self", "en"): "On monespacesante.fr, enter the provisional code and your details, then choose to refuse",
    ("child", "en"): "On monespacesante.fr, enter the provisional code and Léa's details, then choose to refuse",
}
PHONE = {"fr": ["au téléphone", "Dites que vous", "raccrochez"], "en": ["on the phone", "Say that you", "hang up"]}


@pytest.mark.parametrize(("relation", "language"), list(ONLINE))
def test_the_legal_deadlines_evening_tells_a_phone_case_how_to_refuse_online(relation, language):
    user = UserFactory(language=language)
    case = open_case(user, route="phone", label="Moi" if relation == "self" else "Léa", relation=relation)
    reminder = Reminder(case=case, kind="late-last-call", due_at=EVENING)
    with time_machine.travel(EVENING, tick=False):
        subject, text, html = emails.render_reminder(*emails.reminder_parts(reminder, now=timezone.now()))

    assert "monespacesante.fr" in subject and "3422" not in subject
    for part in (plain(text), plain(unescape(re.sub(r"<[^>]+>", "", html)))):  # the HTML as it reads
        assert ONLINE[relation, language] in part, part
        for words in PHONE[language]:
            assert words not in part, (words, part)
