"""The anonymous calculator, its .ics, and each user's private calendar feed."""

from datetime import date, datetime, time, timedelta

import icalendar
import pytest
import time_machine
from django.urls import reverse

from optout import services
from optout.models import CalendarFeed
from tests.factories import UserFactory
from tests.helpers import NOW, PARIS, open_case, plain, text

pytestmark = pytest.mark.django_db


def on(day: str):
    """Travel to noon, Paris time, on `day` (an ISO date)."""
    return time_machine.travel(datetime.combine(date.fromisoformat(day), time(12), tzinfo=PARIS), tick=False)


def ics(client, **params):
    response = client.get(reverse("calculator"), {**params, "format": "ics"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


def by_key(calendar, params):
    """Events keyed by the actions whose last day they are (« call-act-by », « online-legal »…), read from
    their UID after the calculator's base (the letter's dates)."""
    base = f"calc-{params.get('sent_on') or 'none'}-{params['received_on']}-{params.get('departement') or 'fr'}-"
    keys = {}
    for event in calendar.walk("VEVENT"):
        uid = str(event["UID"])
        assert uid.startswith(base) and uid.endswith("@testserver")
        keys[uid[len(base) : -len("@testserver")]] = event
    return keys


def by_summary(calendar):
    return {str(e["SUMMARY"]): e for e in calendar.walk("VEVENT")}


def day_of(event):
    return event["DTSTART"].dt


D = date.fromisoformat
BOTH_ADVISED, BOTH_LEGAL = "call-act-by-online-act-by", "call-legal-online-legal"


@pytest.mark.parametrize(
    ("sent_on", "received_on", "departement", "events"),
    [
        # The README's example: act-by Saturday 5 February 2022, so the call is on Friday 4.
        (
            "2022-01-03",
            "2022-01-05",
            "",
            {"call-act-by": D("2022-02-04"), "online-act-by": D("2022-02-05"), BOTH_LEGAL: D("2022-02-14")},
        ),
        # Leap year month end (a Thursday); the legal deadline a Saturday: its call on the Friday.
        (
            "2024-01-27",
            "2024-01-31",
            "",
            {BOTH_ADVISED: D("2024-02-29"), "call-legal": D("2024-03-08"), "online-legal": D("2024-03-09")},
        ),
        ("2023-01-27", "2023-01-31", "", {BOTH_ADVISED: D("2023-02-28"), BOTH_LEGAL: D("2023-03-10")}),
        # Easter Monday 2025 as act-by, a Saturday as the legal deadline.
        (
            "2025-03-15",
            "2025-03-21",
            "",
            {
                "call-act-by": D("2025-04-18"),
                "online-act-by": D("2025-04-21"),
                "call-legal": D("2025-04-25"),
                "online-legal": D("2025-04-26"),
            },
        ),
        # …and in Alsace, where Good Friday is a holiday too.
        (
            "2025-03-15",
            "2025-03-21",
            "67",
            {
                "call-act-by": D("2025-04-17"),
                "online-act-by": D("2025-04-21"),
                "call-legal": D("2025-04-25"),
                "online-legal": D("2025-04-26"),
            },
        ),
        # St Stephen's Day in Moselle, New Year's Day everywhere.
        (
            "2025-11-20",
            "2025-11-26",
            "57",
            {
                "call-act-by": D("2025-12-24"),
                "online-act-by": D("2025-12-26"),
                "call-legal": D("2025-12-31"),
                "online-legal": D("2026-01-01"),
            },
        ),
        (
            "2025-11-20",
            "2025-11-26",
            "75",
            {BOTH_ADVISED: D("2025-12-26"), "call-legal": D("2025-12-31"), "online-legal": D("2026-01-01")},
        ),
        # No printed date: the arrival stands in; the legal deadline a Sunday.
        (
            "",
            "2025-11-30",
            "",
            {BOTH_ADVISED: D("2025-12-30"), "call-legal": D("2026-01-09"), "online-legal": D("2026-01-11")},
        ),
        # A letter that arrived late: act-by is the legal deadline itself.
        ("2025-10-01", "2025-11-05", "", {"call-act-by-online-act-by-online-legal": D("2025-11-12")}),
    ],
)
def test_the_ics_has_one_all_day_event_per_day_something_is_last_possible(
    client, sent_on, received_on, departement, events
):
    params = {"sent_on": sent_on, "received_on": received_on, "departement": departement}
    with on(received_on):  # the day the letter arrived: every date is still to come
        calendar = ics(client, **params)

    assert str(calendar["PRODID"]).startswith("-//À temps//")
    assert str(calendar["VERSION"]) == "2.0"
    assert {key: day_of(event) for key, event in by_key(calendar, params).items()} == events
    for event in calendar.walk("VEVENT"):
        assert type(day_of(event)) is date  # all-day: a DATE value, not a date-time
        assert event["DTEND"].dt == day_of(event) + timedelta(days=1)
        assert event["DTSTAMP"].dt.tzinfo is not None
        triggers = sorted(a["TRIGGER"].dt for a in event.walk("VALARM"))
        assert triggers == [timedelta(days=-7, hours=9), timedelta(days=-2, hours=9)]


@on("2026-11-25")
def test_christmas_and_new_year_say_online_on_the_holidays_and_have_their_call_days(client):
    # Sent Friday 20 November 2026, received the 25th: act-by Christmas Day, the legal deadline New Year's Day.
    summaries = {
        day_of(e): plain(str(e["SUMMARY"]))
        for e in ics(client, sent_on="2026-11-20", received_on="2026-11-25").walk("VEVENT")
    }

    assert summaries == {
        date(2026, 12, 24): "Dernier jour conseillé pour appeler : appeler le 3422 avant 17 h",
        date(2026, 12, 25): "Dernier jour conseillé : refuser en ligne jusqu'à 23 h 59, avec le code provisoire",
        date(2026, 12, 31): "Dernier jour où le 3422 répond avant la fin du délai légal : appeler le 3422 avant 17 h",
        date(2027, 1, 1): "Dernier jour pour s'opposer : refuser en ligne jusqu'à 23 h 59, avec le code provisoire",
    }
    descriptions = {
        day_of(e): plain(str(e["DESCRIPTION"]))
        for e in ics(client, sent_on="2026-11-20", received_on="2026-11-25").walk("VEVENT")
    }
    assert "jours fériés (Noël)" in descriptions[date(2026, 12, 25)]
    assert "de 8 h 30 à 17 h (heure de Paris)" in descriptions[date(2026, 12, 24)]


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
    assert "<strong>Appelez le 3422 au plus tard le mardi 24 mars 2026, avant 17 h.</strong>" in html
    assert "Le dernier jour conseillé tombe un mois après la réception, le 24 février 2026 : c'est plus tôt" in html
    assert (
        "Autre possibilité : Refusez en ligne sur monespacesante.fr au plus tard le mardi 24 mars 2026, à 23 h 59, "
        "avec le code provisoire." in html
    )
    assert "vendredi 3 avril 2026" in html and "samedi 4 avril 2026" in html
    assert "Notre conseil : Par téléphone, au 3422" in html
    assert "Votre numéro de sécurité sociale" in html
    assert "Créer un compte gratuit" in html and "7 jours et 2 jours avant" in html
    assert "format=ics" in html
    # It never asked about a provisional code: it claims nothing about one.
    assert "Vous n'avez pas de code provisoire" not in html
    assert "Avec le code provisoire, le refus en ligne est possible aussi, à toute heure." in html


@on("2026-11-29")
def test_in_the_late_phase_the_calculator_shows_the_legal_deadline_and_the_last_day_to_call(client):
    params = {"sent_on": "2026-10-27", "received_on": "2026-10-28"}
    html = text(client.get(reverse("calculator"), params))

    assert "J-9" in html
    assert "Appelez le 3422 au plus tard le mardi 8 décembre 2026, avant 17 h." in html
    assert "Dernier jour pour s'opposer" in html
    assert "Le dernier jour conseillé, le samedi 28 novembre 2026, est passé." in html
    assert "7 jours et 2 jours avant" not in html
    assert "dès que le 3422 répond" in html
    events = {key: day_of(e) for key, e in by_key(ics(client, **params), params).items()}
    assert events == {BOTH_LEGAL: date(2026, 12, 8)}  # nothing past


def test_in_moselle_at_easter_when_the_line_is_gone_the_calculator_never_promises_a_call(client):
    # Sent Monday 15 February 2027, received Friday 26: act-by Good Friday (a holiday in Moselle), the legal
    # deadline Easter Monday. On Thursday 25 March after 17:00, the 3422 no longer answers before either.
    params = {"sent_on": "2027-02-15", "received_on": "2027-02-26", "departement": "57"}
    with time_machine.travel(datetime(2027, 3, 25, 17, 30, tzinfo=PARIS), tick=False):
        html = text(client.get(reverse("calculator"), params))

    assert "Refusez en ligne sur monespacesante.fr au plus tard le lundi 29 mars 2027, à 23 h 59" in html
    assert "Notre conseil : En ligne" in html
    assert "dès que le 3422 répond" not in html
    assert "Appelez" not in html


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
    english_ics = {plain(summary): event for summary, event in by_summary(ics(client, **params)).items()}
    online = english_ics["Last advised day: refuse online until 11:59 pm, with the provisional code"]
    assert day_of(online) == date(2022, 2, 5)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"received_on": ""}, "Indiquez la date à laquelle vous l'avez reçu."),
        ({"sent_on": "2026-02-01"}, "Indiquez la date à laquelle vous l'avez reçu."),
        ({"received_on": "2026-02-30"}, "Saisissez une date valide, le jour d'abord"),
        ({"received_on": "hier", "sent_on": "lundi"}, "Saisissez une date valide, le jour d'abord"),
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
    summaries = {day_of(e): plain(str(e["SUMMARY"])) for e in calendar.walk("VEVENT")}
    assert summaries == {
        date(2026, 3, 24): "Last advised day: call 3422 before 5 pm (Lea)",
        date(2026, 4, 3): "Last day to object: call 3422 before 5 pm, or refuse online until 11:59 pm, with the "
        "provisional code (Lea)",
    }
    act_by = next(e for e in calendar.walk("VEVENT") if day_of(e) == date(2026, 3, 24))
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


@on("2026-11-20")
def test_the_calculator_says_when_a_date_reads_better_month_first(client):
    html = text(client.get(reverse("calculator"), {"sent_on": "11/02/2026", "received_on": "06/11/2026"}))

    assert "Vérifiez ces dates" in html
    assert "11/02/2026 se lit le 11 février 2026. S'il s'agit du 2 novembre 2026, corrigez la date." in html
    assert "Lu : mercredi 11 février 2026" in html
