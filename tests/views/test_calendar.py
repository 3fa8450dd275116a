"""The anonymous calculator, its .ics, and each user's private calendar feed."""

from datetime import date, datetime, time, timedelta

import icalendar
import pytest
import time_machine
from django.urls import reverse

from optout import services
from optout.models import CalendarFeed
from tests.factories import UserFactory
from tests.helpers import NOW, PARIS, open_case, text

pytestmark = pytest.mark.django_db


def on(day: str):
    """Travel to noon, Paris time, on `day` (an ISO date)."""
    return time_machine.travel(datetime.combine(date.fromisoformat(day), time(12), tzinfo=PARIS), tick=False)


def ics(client, **params):
    response = client.get(reverse("calculator"), {**params, "format": "ics"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


KINDS = ("act-by", "last-call", "legal-deadline")


def by_kind(calendar):
    """Events keyed by what they are, read from the end of their UID."""
    return {kind: e for e in calendar.walk("VEVENT") for kind in KINDS if str(e["UID"]).endswith(f"-{kind}@testserver")}


def by_summary(calendar):
    return {str(e["SUMMARY"]): e for e in calendar.walk("VEVENT")}


def day_of(event):
    return event["DTSTART"].dt


@pytest.mark.parametrize(
    ("sent_on", "received_on", "departement", "act_by", "last_call", "legal"),
    [
        ("2022-01-03", "2022-01-05", "", date(2022, 2, 5), date(2022, 2, 4), date(2022, 2, 14)),  # the README example
        ("2024-01-27", "2024-01-31", "", date(2024, 2, 29), date(2024, 2, 29), date(2024, 3, 9)),  # leap year month end
        ("2023-01-27", "2023-01-31", "", date(2023, 2, 28), date(2023, 2, 28), date(2023, 3, 10)),
        ("2025-03-15", "2025-03-21", "", date(2025, 4, 21), date(2025, 4, 18), date(2025, 4, 26)),  # Easter Monday
        ("2025-03-15", "2025-03-21", "67", date(2025, 4, 21), date(2025, 4, 17), date(2025, 4, 26)),  # + Good Friday
        ("2025-11-20", "2025-11-26", "57", date(2025, 12, 26), date(2025, 12, 24), date(2026, 1, 1)),  # St Stephen
        ("2025-11-20", "2025-11-26", "75", date(2025, 12, 26), date(2025, 12, 26), date(2026, 1, 1)),
        ("", "2025-11-30", "", date(2025, 12, 30), date(2025, 12, 30), date(2026, 1, 11)),  # no printed date
        ("2025-10-01", "2025-11-05", "", date(2025, 11, 12), date(2025, 11, 12), date(2025, 11, 12)),  # late letter
    ],
)
def test_the_ics_holds_each_date_as_an_all_day_event_with_alarms(
    client, sent_on, received_on, departement, act_by, last_call, legal
):
    with on(received_on):  # the day the letter arrived: every date is still to come
        calendar = ics(client, sent_on=sent_on, received_on=received_on, departement=departement)

    assert str(calendar["PRODID"]).startswith("-//À temps//")
    assert str(calendar["VERSION"]) == "2.0"
    uids = {str(e["UID"]) for e in calendar.walk("VEVENT")}
    assert len(uids) == 3
    assert {kind: day_of(e) for kind, e in by_kind(calendar).items()} == {
        "act-by": act_by,
        "last-call": last_call,
        "legal-deadline": legal,
    }
    for event in calendar.walk("VEVENT"):
        assert type(day_of(event)) is date  # all-day: a DATE value, not a date-time
        assert event["DTEND"].dt == day_of(event) + timedelta(days=1)
        assert event["DTSTAMP"].dt.tzinfo is not None
    triggers = sorted(a["TRIGGER"].dt for a in by_kind(calendar)["act-by"].walk("VALARM"))
    assert triggers == [timedelta(days=-7, hours=9), timedelta(days=-2, hours=9)]


def test_a_letter_just_arrived_gives_an_act_by_event(client):
    with on("2022-01-05"):
        calendar = ics(client, sent_on="2022-01-03", received_on="2022-01-05")

    summaries = by_summary(calendar)
    assert day_of(summaries["Date limite pour refuser Mon espace santé"]) == date(2022, 2, 5)


@on("2022-01-05")
def test_the_same_dates_keep_the_same_uids_across_downloads(client):
    first = sorted(str(e["UID"]) for e in ics(client, sent_on="2022-01-03", received_on="2022-01-05").walk("VEVENT"))
    second = sorted(str(e["UID"]) for e in ics(client, sent_on="2022-01-03", received_on="2022-01-05").walk("VEVENT"))
    other = sorted(str(e["UID"]) for e in ics(client, sent_on="2022-01-04", received_on="2022-01-05").walk("VEVENT"))

    assert first == second
    assert set(first).isdisjoint(other)


def test_the_calculator_page_shows_the_deadline_the_rule_the_route_and_a_sign_up(client):
    html = text(client.get(reverse("calculator"), {"sent_on": "2026-02-20", "received_on": "2026-02-24"}))

    assert "J-22" in html
    assert "Opposez-vous au plus tard le <strong>mardi 24 mars 2026</strong>" in html
    assert "Cette date tombe un mois après la réception, le 24 février 2026 : c'est plus tôt que six semaines" in html
    assert "vendredi 3 avril 2026" in html and "mardi 24 mars 2026" in html
    assert "Notre conseil : Par téléphone, au 3422" in html
    assert "Votre numéro de sécurité sociale" in html
    assert "Créer un compte gratuit" in html and "7 jours et 2 jours avant" in html
    assert "format=ics" in html
    # It never asked about a provisional code: it claims nothing about one.
    assert "Vous n'avez pas de code provisoire" not in html
    assert "Si le courrier contenait un code, vous pouvez aussi refuser en ligne" in html


@on("2026-11-29")
def test_in_the_late_phase_the_calculator_shows_the_legal_deadline_and_the_last_day_to_call(client):
    params = {"sent_on": "2026-10-27", "received_on": "2026-10-28"}
    html = text(client.get(reverse("calculator"), params))

    assert "Délai légal : <strong>mardi 8 décembre 2026</strong>" in html
    assert "J-9" in html
    assert "Appelez le 3422 au plus tard le mardi 8 décembre 2026" in html
    assert "Dernier jour pour appeler le 3422" in html
    assert "vendredi 27 novembre 2026" not in html  # the safe phase's last call day, already past
    assert "La date la plus sûre, le 28 novembre 2026, est passée" in html
    assert "7 jours et 2 jours avant" not in html
    assert "dès que le 3422 répond" in html
    events = {kind: day_of(e) for kind, e in by_kind(ics(client, **params)).items()}
    assert events == {"last-call": date(2026, 12, 8), "legal-deadline": date(2026, 12, 8)}  # nothing past


@on("2026-11-29")
def test_after_the_legal_deadline_the_calculator_offers_closure_and_no_calendar_of_past_dates(client):
    params = {"sent_on": "2026-09-01", "received_on": "2026-09-03"}
    response = client.get(reverse("calculator"), params)
    html = text(response)

    assert "Le délai pour s'opposer est passé" in html
    assert "Clôturer l'espace" in html and "Cochez la case qui demande la suppression définitive" in html
    assert "format=ics" not in html
    assert "7 jours et 2 jours avant" not in html and "Suivre la clôture ?" in html
    as_ics = client.get(reverse("calculator"), {**params, "format": "ics"})
    assert as_ics["Content-Type"].startswith("text/html")


@on("2026-11-29")
@pytest.mark.parametrize(
    ("params", "warning"),
    [
        ({"sent_on": "2026-10-20", "received_on": "2026-11-20"}, "plus de trois semaines après la date imprimée"),
        ({"received_on": "2025-10-20"}, "il y a plus d'un an"),
    ],
)
def test_odd_dates_are_shown_back_with_a_request_to_check_them(client, params, warning):
    html = text(client.get(reverse("calculator"), params))

    assert "Vérifiez ces dates" in html and warning in html


@on("2022-01-05")
def test_the_same_result_in_french_and_in_english(client):
    params = {"sent_on": "2022-01-03", "received_on": "2022-01-05", "departement": "67"}
    french = text(client.get(reverse("calculator"), params))
    client.cookies["language"] = "en"
    english = text(client.get(reverse("calculator"), params))

    assert "samedi 5 février 2022" in french and "Saturday 5 February 2022" in english
    assert "vendredi 4 février 2022" in french and "Friday 4 February 2022" in english
    assert "lundi 14 février 2022" in french and "Monday 14 February 2022" in english
    english_ics = by_summary(ics(client, **params))
    assert day_of(english_ics["Deadline to object to Mon espace santé"]) == date(2022, 2, 5)


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"received_on": ""}, "Indiquez la date à laquelle vous l'avez reçu."),
        ({"sent_on": "2026-02-01"}, "Indiquez la date à laquelle vous l'avez reçu."),
        ({"received_on": "2026-02-30"}, "Saisissez une date valide."),
        ({"received_on": "hier", "sent_on": "lundi"}, "Saisissez une date valide."),
        (
            {"sent_on": "2026-02-25", "received_on": "2026-02-24"},
            "Le courrier ne peut pas être arrivé avant la date imprimée dessus.",
        ),
        ({"received_on": "2031-01-01"}, "La date de réception ne peut pas être dans le futur."),
        ({"received_on": "9999-12-31"}, "La date de réception ne peut pas être dans le futur."),
        ({"received_on": "2019-05-05"}, "Mon espace santé n'existait pas avant le décret du 4 août 2021."),
        ({"received_on": "2026-02-24", "departement": "99"}, "Sélectionnez un choix valide."),
    ],
)
@pytest.mark.parametrize("fmt", ["", "ics"])
def test_bad_input_gives_the_form_back_with_a_translated_error(client, params, message, fmt):
    response = client.get(reverse("calculator"), {**params, "format": fmt})

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    html = text(response)
    assert message in html
    assert "Le formulaire contient" in html
    for value in params.values():
        if value and value != "99":
            assert f'value="{value}"' in html


def test_the_calculator_stores_nothing(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        client.get(reverse("calculator"), {"sent_on": "2026-02-20", "received_on": "2026-02-24"})
        client.get(reverse("calculator"), {"sent_on": "2026-02-20", "received_on": "2026-02-24", "format": "ics"})


def feed_of(client, user):
    feed = services.calendar_feed_regenerate(user=user, now=NOW)
    return feed, client.get(reverse("calendar_feed", args=[feed.token]))


def test_the_private_feed_holds_only_its_owners_cases_in_their_language(client):
    owner = UserFactory(language="en")
    other = UserFactory()
    open_case(owner, label="Lea", relation="child")
    open_case(other, label="Tom", relation="child")

    _, response = feed_of(client, owner)

    calendar = icalendar.Calendar.from_ical(response.content)
    summaries = sorted(str(e["SUMMARY"]) for e in calendar.walk("VEVENT"))
    assert summaries == [
        "Deadline to object to Mon espace santé (Lea)",
        "Last day to call 3422 (Lea)",
        "Legal deadline: six weeks after the letter was sent (Lea)",
    ]
    act_by = next(e for e in calendar.walk("VEVENT") if "Deadline" in str(e["SUMMARY"]))
    assert day_of(act_by) == date(2026, 3, 24)
    assert sorted(a["TRIGGER"].dt for a in act_by.walk("VALARM")) == [
        timedelta(days=-7, hours=9),
        timedelta(days=-2, hours=9),
    ]


def test_a_regenerated_token_kills_the_old_address(client):
    owner = UserFactory()
    open_case(owner)
    old, response = feed_of(client, owner)
    assert response.status_code == 200
    old_token = old.token

    new = services.calendar_feed_regenerate(user=owner, now=NOW)

    assert client.get(reverse("calendar_feed", args=[old_token])).status_code == 404
    assert client.get(reverse("calendar_feed", args=[new.token])).status_code == 200
    assert CalendarFeed.objects.count() == 1


def test_the_calendar_page_offers_https_webcal_google_and_outlook_links(user_client, user):
    user_client.post(reverse("calendar_settings"))
    html = text(user_client.get(reverse("calendar_settings")))
    token = CalendarFeed.objects.get(user=user).token

    assert f"http://testserver/calendrier/{token}.ics" in html
    assert f"webcal://testserver/calendrier/{token}.ics" in html
    assert "https://calendar.google.com/calendar/render?cid=webcal%3A%2F%2Ftestserver" in html
    assert "https://outlook.live.com/calendar/0/addfromweb?url=http%3A%2F%2Ftestserver" in html
    assert len(token) >= 40


def test_an_unknown_feed_token_is_a_404(client):
    assert client.get("/calendrier/nope.ics").status_code == 404
    assert client.get(reverse("calendar_feed", args=["A" * 43])).status_code == 404
