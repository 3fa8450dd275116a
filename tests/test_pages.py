"""Every page renders in French and in English."""

import pytest
from django.urls import reverse

from tests.helpers import text

pytestmark = pytest.mark.django_db

ANONYMOUS_PAGES = [
    "home",
    "account_login",
    "account_signup",
    "account_reset_password",
    "account_request_login_code",
    "calculator",
    "privacy",
    "legal",
    "checker",
]
SIGNED_IN_PAGES = [
    "home",
    "dashboard",
    "account",
    "account_email",
    "account_change_password",
    "people",
    "case_new",
    "calendar_settings",
    "account_delete",
]


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("name", ANONYMOUS_PAGES)
def test_every_public_page_renders_in_both_languages(client, name, language):
    client.cookies["language"] = language
    response = client.get(reverse(name))

    assert response.status_code == 200
    assert f'<html lang="{language}">' in response.content.decode()


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("name", SIGNED_IN_PAGES)
def test_every_signed_in_page_renders_in_both_languages(client, user, name, language):
    user.language = language
    user.save()
    client.force_login(user)

    response = client.get(reverse(name))

    assert response.status_code == 200
    assert f'<html lang="{language}">' in response.content.decode()


@pytest.mark.parametrize("name", ["dashboard", "account"])
def test_signed_in_pages_send_anonymous_visitors_to_the_login(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_the_home_page_explains_the_rules_and_cites_official_sources(client):
    html = client.get("/").content.decode()

    for phrase in ["six semaines", "un mois après", "3422", "code provisoire", "Clôturer", "R1111-28", "F36151"]:
        assert phrase in html
    assert "https://www.service-public.gouv.fr/particuliers/vosdroits/F36151" in html


def test_pages_load_nothing_from_another_origin(client, user):
    client.force_login(user)
    for name in ["home", "dashboard", "account"]:
        html = client.get(reverse(name)).content.decode()
        assert 'src="http' not in html and 'src="//' not in html
        assert '<link rel="stylesheet" href="http' not in html


@pytest.mark.django_db
def test_an_instance_without_an_operator_says_it_is_a_demonstration_and_shows_no_placeholder(client):
    for name in ("legal", "privacy"):
        html = text(client.get(reverse(name)))
        assert "Instance de démonstration" in html
        assert "À renseigner" not in html and "example.org" not in html


@pytest.mark.django_db
def test_the_operators_contact_is_on_every_page_once_it_is_set(client, settings):
    settings.OPERATOR = {
        **settings.OPERATOR,
        "name": "Association À temps",
        "address": "12 rue des Lilas, 33000 Bordeaux",
        "email": "contact@a-temps.fr",
        "director": "Camille Martin",
        "host_name": "Hébergeur SAS",
        "host_address": "3 quai de la Gare, 69002 Lyon",
    }
    for name in ("home", "legal", "privacy", "calculator"):
        assert 'href="mailto:contact@a-temps.fr"' in text(client.get(reverse(name)))
    assert "Instance de démonstration" not in text(client.get(reverse("legal")))
