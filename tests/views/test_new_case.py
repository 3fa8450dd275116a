import pytest
from django.urls import reverse

from optout.models import Case, Person
from tests.helpers import text

pytestmark = pytest.mark.django_db


def letter_post(**overrides):
    data = {"situation": "letter", "channel": "post", "sent_on": "2026-02-20", "received_on": "2026-02-24"}
    data.update(overrides)
    return data


@pytest.fixture
def child(user):
    return Person.objects.create(owner=user, label="Léa", relation="child")


def test_adding_a_person_from_the_new_case_page_leads_to_their_letter(user_client, user):
    response = user_client.post(reverse("case_new"), {"label": "Moi", "relation": "self"})

    person = user.people.get()
    assert response["Location"] == reverse("case_new_for", args=[person.pk])


def test_an_error_at_step_one_stays_at_step_one_with_what_was_typed(user_client, user):
    html = text(user_client.post(reverse("case_new"), {"label": "Léa"}))  # no relation chosen

    assert "Étape 1 sur 3 : pour qui ?" in html
    assert 'value="Léa"' in html
    assert "Le formulaire contient une erreur." in html
    assert not user.people.exists()


def test_the_letter_dates_lead_to_the_deadline_and_the_advised_route(user_client, child):
    response = user_client.post(reverse("case_new_for", args=[child.pk]), letter_post())

    html = text(response)
    assert response.status_code == 200
    assert "J-22" in html
    assert "<strong>Appelez le 3422 pour Léa au plus tard le mardi 24 mars 2026, avant 17 h.</strong>" in html
    assert "Le dernier jour conseillé tombe un mois après la réception du courrier, le 24 février 2026" in html
    assert "Vous n'avez pas de code provisoire pour Léa : le téléphone est le plus simple." in html
    assert "normalement pas" not in html
    # Each route says its own last moment, so that the choice is made knowing it.
    assert "Refusez en ligne pour Léa sur monespacesante.fr au plus tard le mardi 24 mars 2026, à 23 h 59" in html
    assert 'value="phone" aria-describedby="route-phone-help" checked' in html
    assert not Case.objects.exists()  # nothing is stored before the route is chosen


def test_choosing_the_route_creates_the_case_and_shows_its_checklist(user_client, child):
    response = user_client.post(
        reverse("case_new_for", args=[child.pk]), {**letter_post(had_code="on"), "route": "online"}
    )

    case = Case.objects.get()
    assert response["Location"] == reverse("case_detail", args=[case.pk])
    assert (case.route, case.letter.had_code, case.person) == ("online", True, child)
    page = text(user_client.get(response["Location"]))
    assert "Refuser sur monespacesante.fr" in page
    assert "J-22" in page


def test_with_the_code_in_hand_online_is_advised(user_client, child):
    html = text(user_client.post(reverse("case_new_for", args=[child.pk]), letter_post(had_code="on")))

    assert 'value="online" aria-describedby="route-online-help" checked' in html
    assert "Vous avez le code provisoire" in html


def test_a_space_already_open_goes_straight_to_closure(user_client, child):
    html = text(user_client.post(reverse("case_new_for", args=[child.pk]), {"situation": "already_open"}))

    assert "L'espace de Léa est déjà ouvert" in html
    assert "Clôturez l'espace de Léa et demandez la suppression de ses données" in html
    assert 'value="phone"' not in html
    response = user_client.post(
        reverse("case_new_for", args=[child.pk]), {"situation": "already_open", "route": "closure"}
    )
    assert Case.objects.get().status == "closing"
    assert response.status_code == 302


def test_the_letter_form_is_phrased_for_whose_letter_it_is(user_client, user, child):
    jeanne = Person.objects.create(owner=user, label="Jeanne", relation="adult")

    for_child = text(user_client.get(reverse("case_new_for", args=[child.pk])))
    for_jeanne = text(user_client.get(reverse("case_new_for", args=[jeanne.pk])))

    assert "Son espace est déjà ouvert : je veux le clôturer" in for_child
    assert "Mon espace est déjà ouvert" not in for_child
    assert "Son espace est déjà ouvert : Jeanne veut le clôturer" in for_jeanne
    assert "Date à laquelle Jeanne l'a reçu" in for_jeanne


def test_the_edit_button_brings_back_the_letter_form_with_its_values(user_client, child):
    html = text(user_client.post(reverse("case_new_for", args=[child.pk]), {**letter_post(), "edit": "1"}))

    assert "Étape 2 sur 3 : le courrier" in html
    assert 'value="2026-02-24"' in html


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"received_on": "2026-03-05"}, "La date de réception ne peut pas être dans le futur."),
        ({"received_on": "2027-01-01", "sent_on": "2026-12-30"}, "ne peut pas être dans le futur"),
        ({"sent_on": "2026-02-25"}, "Le courrier ne peut pas être arrivé avant la date imprimée dessus."),
        (
            {"sent_on": "2020-01-10", "received_on": "2020-01-12"},
            "Mon espace santé n'existait pas avant le décret du 4 août 2021.",
        ),
        ({"received_on": ""}, "Indiquez la date à laquelle vous l'avez reçu."),
        ({"received_on": "2026-02-30"}, "Saisissez une date valide, le jour d'abord"),
        ({"received_on": "hier"}, "Saisissez une date valide, le jour d'abord"),
        ({"channel": ""}, "Indiquez si vous avez reçu un courriel ou un courrier postal."),
    ],
)
def test_bad_letter_dates_get_a_clear_message_and_keep_what_was_typed(user_client, child, overrides, message):
    data = letter_post(**overrides)

    response = user_client.post(reverse("case_new_for", args=[child.pk]), data)

    html = text(response)
    assert message in html
    assert "Le formulaire contient" in html
    if data["received_on"]:
        assert f'value="{data["received_on"]}"' in html
    assert not Case.objects.exists()


def test_bad_letter_dates_are_explained_in_english_too(user_client, user, child):
    user.language = "en"
    user.save()

    html = text(user_client.post(reverse("case_new_for", args=[child.pk]), letter_post(sent_on="2026-02-25")))

    assert "The letter cannot have arrived before the date printed on it." in html


def test_a_letter_received_over_a_year_ago_is_accepted_and_closure_is_advised(user_client, child):
    html = text(
        user_client.post(
            reverse("case_new_for", args=[child.pk]), letter_post(sent_on="2024-12-02", received_on="2024-12-05")
        )
    )

    assert "Le délai légal pour s'opposer est passé" in html
    assert 'value="closure"' in html and 'value="phone"' not in html


def test_a_route_the_dates_no_longer_allow_is_refused_with_a_message(user_client, child):
    response = user_client.post(
        reverse("case_new_for", args=[child.pk]),
        {**letter_post(sent_on="2024-12-02", received_on="2024-12-05"), "route": "phone"},
    )

    assert "Sélectionnez un choix valide" in text(response)
    assert not Case.objects.exists()


def test_the_departement_is_asked_with_the_letter_when_the_profile_has_none_and_kept(user_client, user, child):
    html = text(user_client.get(reverse("case_new_for", args=[child.pk])))
    assert "Votre département" in html and "Il décide des jours fériés" in html

    user_client.post(reverse("case_new_for", args=[child.pk]), {**letter_post(), "departement": "67", "route": "phone"})

    user.refresh_from_db()
    assert user.departement == "67"
    assert "Votre département" not in text(user_client.get(reverse("case_new_for", args=[child.pk])))


def test_dates_are_read_day_first_and_said_back_in_words(user_client, child):
    # An English browser would show a date picker month first; the letter prints 02/11: day first here.
    html = text(
        user_client.post(
            reverse("case_new_for", args=[child.pk]),
            letter_post(sent_on="20/02/2026", received_on="31/02/2026"),  # the 31st of February is refused
        )
    )

    assert "Lu : vendredi 20 février 2026" in html  # the date that was read, said back under its box
    assert "Saisissez une date valide, le jour d'abord" in html
    assert 'placeholder="jj/mm/aaaa"' in html
    assert 'type="date"' not in html  # one text box: one tab stop, no picker in the browser's order


def test_a_date_typed_month_first_is_pointed_out(user_client, child):
    html = text(
        user_client.post(
            reverse("case_new_for", args=[child.pk]),
            letter_post(sent_on="02/20/2026"),  # month first: there is no 20th month
        )
    )
    assert "Saisissez une date valide, le jour d'abord" in html

    html = text(
        user_client.post(
            reverse("case_new_for", args=[child.pk]), letter_post(sent_on="02/24/2026", received_on="05/03/2026")
        )
    )
    assert "Saisissez une date valide" in html  # 24 cannot be a month either

    # Received « 03/02/2026 » meant as 2 March: read 3 February, before the letter's printed date (20 February).
    html = text(user_client.post(reverse("case_new_for", args=[child.pk]), letter_post(received_on="03/02/2026")))
    assert "Le courrier ne peut pas être arrivé avant la date imprimée dessus" in html
    assert (
        "Les dates se lisent le jour d'abord : 03/02/2026 se lit le 3 février 2026. S'il s'agit du 2 mars 2026" in html
    )
