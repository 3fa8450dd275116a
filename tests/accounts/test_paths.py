"""The account pages live at French paths; the English paths allauth gave them redirect there for good."""

import pytest
from allauth.account import urls as allauth_urls
from django.urls import reverse

pytestmark = pytest.mark.django_db

FRENCH = {
    "account_login": "/compte/connexion/",
    "account_signup": "/compte/inscription/",
    "account_logout": "/compte/deconnexion/",
    "account_reset_password": "/compte/mot-de-passe/oublie/",
    "account_reset_password_done": "/compte/mot-de-passe/oublie/envoye/",
    "account_change_password": "/compte/mot-de-passe/modifier/",
    "account_email": "/compte/courriel/",
    "account_email_verification_sent": "/compte/courriel/confirmation/",
    "account_request_login_code": "/compte/connexion/code/",
    "account_reauthenticate": "/compte/confirmer-identite/",
}


@pytest.mark.parametrize(("name", "path"), FRENCH.items())
def test_it_serves_each_account_page_at_its_french_path(client, name, path):
    assert reverse(name) == path
    assert client.get(path).status_code in (200, 302)  # 302: a page for the signed-in only


def test_every_page_allauth_gives_has_a_french_path_and_keeps_its_name():
    english = {"login", "signup", "logout", "inactive", "reauthenticate", "email", "confirm-email", "password"}
    english |= {"change", "set", "reset", "key", "done", "confirm"}
    for pattern in allauth_urls.urlpatterns:
        path = reverse(pattern.name, kwargs=dict.fromkeys(pattern.pattern.regex.groupindex, "1"))
        assert path.startswith("/compte/")
        assert not english & set(path.split("/")), path


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("/compte/login/", "/compte/connexion/"),
        ("/compte/login/?next=/suivi/", "/compte/connexion/?next=/suivi/"),
        ("/compte/signup/", "/compte/inscription/"),
        ("/compte/logout/", "/compte/deconnexion/"),
        ("/compte/password/reset/", "/compte/mot-de-passe/oublie/"),
        ("/compte/password/reset/done/", "/compte/mot-de-passe/oublie/envoye/"),
        ("/compte/password/reset/key/4-abc-123def/", "/compte/mot-de-passe/nouveau/4-abc-123def/"),
        ("/compte/password/reset/key/done/", "/compte/mot-de-passe/nouveau-enregistre/"),
        ("/compte/password/change/", "/compte/mot-de-passe/modifier/"),
        ("/compte/confirm-email/", "/compte/courriel/confirmation/"),
        ("/compte/confirm-email/MQ:1abc:xyz/", "/compte/courriel/confirmation/MQ:1abc:xyz/"),
        ("/compte/email/", "/compte/courriel/"),
        ("/compte/login/code/confirm/", "/compte/connexion/code/valider/"),
    ],
)
def test_an_old_english_path_redirects_permanently_to_the_french_one(client, old, new):
    response = client.get(old)

    assert response.status_code == 301
    assert response["Location"] == new


def test_a_sign_up_confirms_its_address_through_the_french_path(client, mailoutbox):
    client.post(
        reverse("account_signup"),
        {"email": "lea@example.org", "password1": "a-long-pass-9", "password2": "a-long-pass-9"},
    )

    [message] = mailoutbox
    assert "/compte/courriel/confirmation/" in message.body
    assert "confirm-email" not in message.body
