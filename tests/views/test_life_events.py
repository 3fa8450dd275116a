"""Ways in for the events that bring a letter: a notification or a lost letter (dates estimated, and said so
wherever they show), a newborn (the parent receives the letter), and « is this message genuine? »."""

import re

import icalendar
import pytest
from django.urls import reverse

from optout import services
from optout.models import Case
from tests.factories import UserFactory
from tests.helpers import NOW, text

pytestmark = pytest.mark.django_db

#: No letter to hand: a notification received on 24 February 2026, as far as the person remembers.
NO_LETTER = {"situation": "no_letter", "channel": "notice", "received_on": "2026-02-24", "sent_on": "2026-02-01"}


@pytest.fixture
def me(user):
    return services.person_create(owner=user, label="Moi", relation="self")


def test_a_notification_alone_leads_to_estimated_dates_said_as_such_on_every_page(user_client, user, me):
    route_page = text(user_client.post(reverse("case_new_for", args=[me.pk]), NO_LETTER))
    user_client.post(reverse("case_new_for", args=[me.pk]), {**NO_LETTER, "route": "phone"})
    case = Case.objects.get()
    feed = services.calendar_feed_regenerate(user=user, now=NOW)

    page = text(user_client.get(reverse("case_detail", args=[case.pk])))
    dashboard = text(user_client.get(reverse("dashboard")))
    sheet = text(user_client.get(reverse("case_sheet", args=[case.pk])))
    calendar = icalendar.Calendar.from_ical(user_client.get(reverse("calendar_feed", args=[feed.token])).content)

    # The printed date typed by mistake is not kept: the letter is missing, the arrival stands in.
    assert (case.letter.sent_on, case.letter.estimated, case.letter.channel) == (None, True, "notice")
    estimate = "Ces dates sont des estimations : sans le courrier, nous partons de la date approximative"
    for html in (route_page, page, sheet):
        assert "Dernier jour conseillé (date estimée)" in html
    assert estimate in route_page and estimate in page
    assert "Dernier jour conseillé (date estimée)" in dashboard
    for shown in (page, sheet):  # in the dates list and in the picture's words (which say what the 3422 does)
        assert re.sub(r"<[^>]+>", "", shown).count("mardi 24 mars 2026 (date estimée") >= 2
    assert "Notification, reçue vers le 24 février 2026. Ses dates sont des estimations." in page
    assert all("(date estimée)" in str(event["SUMMARY"]) for event in calendar.walk("VEVENT"))


def test_a_lost_letter_is_said_as_received_around_its_date(user_client, me):
    user_client.post(
        reverse("case_new_for", args=[me.pk]), {**NO_LETTER, "channel": "post", "route": "phone", "scheme": "msa"}
    )
    case = Case.objects.get()

    page = text(user_client.get(reverse("case_detail", args=[case.pk])))
    letter = text(user_client.get(reverse("case_request_letter", args=[case.pk])))

    assert "Courrier postal de la MSA, reçu vers le 24 février 2026. Ses dates sont des estimations." in page
    assert "Le courrier d'information de la MSA m'est parvenu vers le 24 février 2026." in letter


def test_a_notification_does_not_stand_for_a_letter_with_its_dates(user_client, me):
    html = text(user_client.post(reverse("case_new_for", args=[me.pk]), {**NO_LETTER, "situation": "letter"}))

    assert "Une notification seule ne donne pas les dates : choisissez « je n'ai plus le courrier » plus haut." in html
    assert not Case.objects.exists()


def test_without_the_letter_long_ago_closing_is_what_remains(user_client, me):
    html = text(user_client.post(reverse("case_new_for", args=[me.pk]), {**NO_LETTER, "received_on": "2025-06-01"}))

    assert 'value="closure"' in html and 'value="phone"' not in html


def test_a_childs_letter_step_says_that_for_a_newborn_the_parent_receives_it(user_client, user, me):
    child = services.person_create(owner=user, label="Léa", relation="child")

    for_child = text(user_client.get(reverse("case_new_for", args=[child.pk])))
    for_me = text(user_client.get(reverse("case_new_for", args=[me.pk])))

    newborn = "Pour un nouveau-né, c'est le parent qui a déclaré l'enfant à l'Assurance Maladie qui reçoit le courrier"
    assert newborn in for_child and newborn not in for_me


def test_the_letter_step_asks_whether_the_message_is_genuine_and_never_for_the_message(user_client, me):
    html = text(user_client.get(reverse("case_new_for", args=[me.pk])))

    assert "Ce message est-il authentique ?" in html
    assert f'href="{reverse("genuine")}">Comment le vérifier</a>' in html
    assert "Ne recopiez pas le message ici : seules ses dates nous servent." in html
    assert "<textarea" not in html


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_genuine_page_says_what_the_real_message_holds_and_what_none_asks(client, language):
    client.cookies["language"] = language
    html = text(client.get(reverse("genuine")))

    if language == "fr":
        assert "Il contient un code provisoire" in html
        assert "Il est daté : en haut du courrier, ou la date d'envoi du courriel." in html
        assert "un mot de passe, ni vos identifiants FranceConnect ;" in html
        assert "un paiement : le service est gratuit" in html
        assert "vos coordonnées bancaires" in html
        assert "d'appeler un autre numéro que le 3422" in html
        assert "Appelez vous-même le 3422, du lundi au vendredi, de 8 h 30 à 17 h (heure de Paris)" in html
        assert "ne le copiez ni ici ni ailleurs" in html
    else:
        assert "What no genuine message asks" in html and "a password, or your FranceConnect credentials;" in html
    assert "https://assurance-maladie.ameli.fr/presse/2022-04-07-cp-phishing" in html
    main = html.split('<main id="content"')[1].split("</main>")[0]
    assert "<form" not in main and "<textarea" not in main  # nothing to paste, nothing sent
    cited = set(re.findall(r'href="#source-([\w-]+)"', html))
    assert cited and cited <= set(re.findall(r'id="source-([\w-]+)"', html))  # each claim's source is listed


def test_the_genuine_page_says_the_hours_on_the_readers_clock(client):
    client.force_login(UserFactory(time_zone="America/Martinique", departement="972"))

    html = text(client.get(reverse("genuine")))

    assert "de 8 h 30 à 17 h, heure de Paris, soit de 3 h 30 à 12 h en Martinique" in html
