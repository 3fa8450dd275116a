"""The written request's dates in the private calendar feed: the answer's and the deletion's, with stable UIDs."""

from datetime import date, datetime

import icalendar
import pytest
import time_machine
from django.urls import reverse

from optout import services
from optout.services import RequestData
from tests.factories import UserFactory
from tests.helpers import PARIS, open_case

pytestmark = pytest.mark.django_db

ASKED = datetime(2026, 3, 31, 10, tzinfo=PARIS)
SENT = datetime(2026, 7, 2, 10, tzinfo=PARIS)


def events(client, user, now):
    with time_machine.travel(now, tick=False):
        feed = services.calendar_feed_regenerate(user=user, now=now)
        response = client.get(reverse("calendar_feed", args=[feed.token]))
    calendar = icalendar.Calendar.from_ical(response.content)
    return {str(e["UID"]): (e["DTSTART"].dt, str(e["SUMMARY"])) for e in calendar.walk("VEVENT")}


@pytest.fixture
def case():
    case = open_case(UserFactory(language="fr"), route="closure", label="Léa", relation="child", now=ASKED)
    services.step_mark_done(case=case, kind="code_received", now=ASKED)
    services.step_mark_done(case=case, kind="close_space", now=ASKED)
    return case


def record(case, now=SENT, **dates):
    data = {"kind": "closure", "channel": "registered", "sent_on": date(2026, 7, 2), **dates}
    services.written_request_record(case=case, data=RequestData(**data), now=now)


def test_the_answer_and_the_deletion_are_events_that_move_with_their_dates(client, case):
    user = case.person.owner
    record(case)

    sent = events(client, user, SENT)
    answer, deletion = f"case-{case.pk}-request-answer@testserver", f"case-{case.pk}-request-deletion@testserver"
    # Sunday 2 August: the answer is due Monday 3 August; the deletion's date is not moved.
    assert sent[answer] == (date(2026, 8, 3), "Réponse attendue de l’Assurance Maladie (Léa)")
    assert sent[deletion] == (date(2026, 10, 2), "Suppression des données due (Léa)")

    later = datetime(2026, 7, 8, 10, tzinfo=PARIS)
    record(case, now=later, delivered_on=date(2026, 7, 6), extension_notified_on=date(2026, 7, 8))
    moved = events(client, user, later)
    assert moved[answer][0] == date(2026, 10, 6)  # extended: three months after delivery, same UID
    assert moved[deletion][0] == date(2026, 10, 6)

    answered = datetime(2026, 9, 1, 10, tzinfo=PARIS)
    record(case, now=answered, delivered_on=date(2026, 7, 6), answer_received_on=date(2026, 9, 1))
    assert answer not in events(client, user, answered)


def test_a_finished_case_has_no_request_event(client, case):
    record(case)
    services.step_mark_done(case=case, kind="closure_confirmed", now=datetime(2026, 7, 10, tzinfo=PARIS))

    assert not any("request" in uid for uid in events(client, case.person.owner, datetime(2026, 7, 10, tzinfo=PARIS)))
