"""Someone in La Réunion, Martinique or Mayotte sees the 3422's hours in Paris time and in their own: on the
case page, the sheet, the new-case flow, the calculator, the private calendar and the reminder emails.

The default letter (tests/helpers): act by Tuesday 24 March 2026, before the change to summer time:
Paris is UTC+1, so 17:00 in Paris is 20:00 in La Réunion, 19:00 in Mayotte and 12:00 in Martinique.
"""

from datetime import datetime, timedelta

import icalendar
import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from optout import services
from reminders import dispatch
from tests.factories import UserFactory
from tests.helpers import NOW, PARIS, open_case, plain, text

pytestmark = pytest.mark.django_db

REUNION_HOURS = "de 8 h 30 à 17 h, heure de Paris, soit de 11 h 30 à 20 h à La Réunion"


@pytest.fixture
def reunion():
    return UserFactory(time_zone="Indian/Reunion", departement="974")


def test_the_case_page_and_the_sheet_say_the_hours_in_reunion_time_too(client, reunion):
    case = open_case(user=reunion)
    client.force_login(reunion)

    page = text(client.get(reverse("case_detail", args=[case.pk])))
    sheet = text(client.get(reverse("case_sheet", args=[case.pk])))

    instruction = (
        "Appelez le 3422 au plus tard le mardi 24 mars 2026, avant 17 h, heure de Paris, soit 20 h à La Réunion."
    )
    assert instruction in page and instruction in sheet
    assert f"Le 3422 répond du lundi au vendredi, {REUNION_HOURS}, sauf les jours fériés." in page
    assert f"Le 3422 répond du lundi au vendredi, {REUNION_HOURS}, sauf les jours fériés." in sheet


@pytest.mark.parametrize(
    ("zone", "departement", "hour"),
    [("America/Martinique", "972", "12 h en Martinique"), ("Indian/Mayotte", "976", "19 h à Mayotte")],
)
def test_martinique_and_mayotte_see_their_own_hour(client, zone, departement, hour):
    user = UserFactory(time_zone=zone, departement=departement)
    case = open_case(user=user)
    client.force_login(user)

    page = text(client.get(reverse("case_detail", args=[case.pk])))

    assert f"avant 17 h, heure de Paris, soit {hour}." in page


def test_in_paris_nothing_more_is_said(user_client, user):
    case = open_case(user=user)

    page = text(user_client.get(reverse("case_detail", args=[case.pk])))

    assert "Appelez le 3422 au plus tard le mardi 24 mars 2026, avant 17 h." in page
    assert "soit" not in page


def test_in_english_too(client):
    user = UserFactory(time_zone="Indian/Reunion", departement="974", language="en")
    case = open_case(user=user)
    client.force_login(user)

    page = text(client.get(reverse("case_detail", args=[case.pk])))

    assert "Call 3422 by Tuesday 24 March 2026, before 5 pm Paris time, that is 8 pm in Réunion." in page


def test_choosing_an_overseas_departement_in_the_new_case_flow_sets_the_clock_too(client):
    user = UserFactory()  # Paris time and no département: as every new account starts
    client.force_login(user)
    person = services.person_create(owner=user, label="Moi", relation="self")
    letter = {"situation": "letter", "channel": "post", "sent_on": "2026-02-20", "received_on": "2026-02-24"}

    route_page = text(client.post(reverse("case_new_for", args=[person.pk]), {**letter, "departement": "974"}))
    client.post(reverse("case_new_for", args=[person.pk]), {**letter, "departement": "974", "route": "phone"})

    assert "avant 17 h, heure de Paris, soit 20 h à La Réunion" in route_page
    assert REUNION_HOURS in route_page
    user.refresh_from_db()
    assert (user.departement, user.time_zone) == ("974", "Indian/Reunion")


def test_the_calculator_and_its_calendar_use_the_departements_clock(client):
    params = {"sent_on": "2026-02-20", "received_on": "2026-02-24", "departement": "974"}

    page = text(client.get(reverse("calculator"), params))
    calendar = icalendar.Calendar.from_ical(client.get(reverse("calculator"), {**params, "format": "ics"}).content)

    assert "avant 17 h, heure de Paris, soit 20 h à La Réunion" in page
    descriptions = [plain(str(event["DESCRIPTION"])) for event in calendar.walk("VEVENT")]
    summaries = [plain(str(event["SUMMARY"])) for event in calendar.walk("VEVENT")]
    assert any("appeler le 3422 avant 17 h, heure de Paris, soit 20 h à La Réunion" in s for s in summaries)
    assert any(REUNION_HOURS in d for d in descriptions)


def test_the_private_calendar_says_the_owners_hours(client, reunion):
    open_case(user=reunion)
    feed = services.calendar_feed_regenerate(user=reunion, now=NOW)

    calendar = icalendar.Calendar.from_ical(client.get(reverse("calendar_feed", args=[feed.token])).content)

    summaries = {plain(str(event["SUMMARY"])) for event in calendar.walk("VEVENT")}
    assert "Dernier jour conseillé : appeler le 3422 avant 17 h, heure de Paris, soit 20 h à La Réunion" in summaries


def test_the_reminder_email_comes_while_the_line_answers_and_says_both_hours(smtp_server, reunion):
    case = open_case(user=reunion)
    case.reminders.exclude(kind="last-call").update(status="cancelled")
    # The last-call reminder: 9:00 in La Réunion is 6:00 in Paris, before the line opens: it comes at 8:30
    # in Paris (11:30 in La Réunion) on Tuesday 24 March.
    due = datetime(2026, 3, 24, 8, 30, tzinfo=PARIS)

    with time_machine.travel(due - timedelta(minutes=1), tick=False):
        assert dispatch.dispatch_due(clock=timezone.now).sent == 0
    with time_machine.travel(due + timedelta(seconds=5), tick=False):
        assert dispatch.dispatch_due(clock=timezone.now).sent == 1

    [message] = smtp_server.messages
    body = plain(message.get_body(preferencelist=("plain",)).get_content())
    assert "aujourd'hui, avant 17 h, heure de Paris, soit 20 h à La Réunion" in plain(message["Subject"])
    assert REUNION_HOURS in body


def test_when_the_line_is_closed_its_reopening_and_the_advice_after_a_call_say_both_hours(client, reunion):
    case = open_case(user=reunion)
    services.call_log(case=case, outcome="no_answer", note="", now=NOW)
    client.force_login(reunion)

    with time_machine.travel(datetime(2026, 3, 7, 12, tzinfo=PARIS), tick=False):  # a Saturday
        page = text(client.get(reverse("case_detail", args=[case.pk])))

    assert "Elle rouvre le lundi 9 mars 2026 à 8 h 30, heure de Paris, soit 11 h 30 à La Réunion." in page
    assert f"Rappelez un peu plus tard, du lundi au vendredi, {REUNION_HOURS}, sauf les jours fériés." in page
