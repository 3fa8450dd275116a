import pytest
from django.urls import reverse

from tests.helpers import text

pytestmark = pytest.mark.django_db


def test_the_language_switch_changes_the_page(client):
    assert 'lang="fr"' in client.get("/").content.decode()

    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})

    assert response.status_code == 302
    html = client.get("/").content.decode()
    assert 'lang="en"' in html
    assert "Say no to Mon espace santé, in time" in html


def test_the_language_choice_is_kept_on_the_profile_and_follows_the_user(client, user):
    client.force_login(user)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    user.refresh_from_db()
    assert user.language == "en"

    client.cookies.clear()
    client.force_login(user)
    assert 'lang="en"' in client.get(reverse("dashboard")).content.decode()


def test_an_unknown_language_changes_nothing(user_client, user):
    user_client.post(reverse("set_language"), {"language": "xx", "next": "/"})
    user.refresh_from_db()
    assert user.language == "fr"


def test_preferences_are_saved(user_client, user):
    response = user_client.post(
        reverse("account"),
        {
            "language": "fr",
            "time_zone": "America/Cayenne",
            "departement": "67",
            "reminders_enabled": "",
            "reminder_lead_days": ["3", "10"],
            "reminder_hour": "18",
        },
    )

    assert response.status_code == 302
    user.refresh_from_db()
    assert (user.time_zone, user.departement, user.reminders_enabled) == ("America/Cayenne", "67", False)
    assert (user.reminder_lead_days, user.reminder_hour) == ([10, 3], 18)


def test_bad_preferences_get_a_translated_error_and_keep_the_other_fields(user_client, user):
    response = user_client.post(
        reverse("account"),
        {
            "language": "fr",
            "time_zone": "Mars/Olympus",
            "departement": "67",
            "reminders_enabled": "on",
            "reminder_hour": "9",
        },
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "Sélectionnez un choix valide." in html
    assert '<option value="67" selected>' in html
    user.refresh_from_db()
    assert user.time_zone == "Europe/Paris"


def test_the_places_offered_are_frances_named_for_people_and_an_older_zone_is_kept(user_client, user):
    html = text(user_client.get(reverse("account")))

    assert '<option value="Europe/Paris" selected>France métropolitaine et Corse</option>' in html
    assert '<option value="Indian/Reunion">La Réunion</option>' in html
    zones = html.split('name="time_zone"')[1].split("</select>")[0]
    assert zones.count("<option") == 9  # not 600 raw names
    assert "Pacific/Kiritimati" not in html

    user.time_zone = "America/New_York"
    user.save()
    kept = text(user_client.get(reverse("account")))
    assert '<option value="America/New_York" selected>Autre fuseau horaire : America/New_York</option>' in kept


def test_the_hour_says_when_a_reminder_to_call_comes_instead(user_client):
    html = text(user_client.get(reverse("account")))

    assert "arrive à cette heure si la ligne répond encore assez longtemps" in html
    assert "dès son ouverture le matin" in html


@pytest.mark.django_db
def test_the_lead_days_are_in_the_language_of_the_page(client):
    from tests.factories import UserFactory

    user = UserFactory(language="en")
    client.force_login(user)

    html = text(client.get(reverse("account")))

    assert "7 days before" in html
    assert "jours avant" not in html
