import html
import re

import pytest
from django.urls import reverse

from tests.accounts.voice import plain
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def login(client, email, password):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def test_a_verified_user_signs_in_and_lands_on_the_dashboard(client, user):
    response = login(client, user.email, PASSWORD)

    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard")


def test_repeated_failed_logins_are_rate_limited_even_with_the_right_password_afterwards(client, user):
    for _ in range(5):
        response = login(client, user.email, "wrong-password-1")
        assert "Trop de tentatives" not in response.content.decode()

    response = login(client, user.email, PASSWORD)

    assert "Trop de tentatives de connexion échouées" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_wrong_password_gives_a_translated_error(client, user):
    response = login(client, user.email, "wrong-password-1")

    assert response.status_code == 200
    assert "L'adresse électronique ou le mot de passe est incorrect." in plain(html.unescape(response.content.decode()))


def test_logout_only_happens_on_post(user_client):
    user_client.get(reverse("account_logout"))
    assert "_auth_user_id" in user_client.session

    user_client.post(reverse("account_logout"))
    assert "_auth_user_id" not in user_client.session


def test_password_reset_does_not_reveal_whether_an_account_exists(client, user, mailoutbox):
    known = client.post(reverse("account_reset_password"), {"email": user.email})
    unknown = client.post(reverse("account_reset_password"), {"email": "nobody@example.org"})

    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]


def test_changing_the_email_requires_the_password_again(client, user):
    client.force_login(user)
    session = client.session
    session.pop("account_authentication_records", None)
    session.save()

    response = client.post(reverse("account_email"), {"action_add": "", "email": "new@example.org"})

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))


def test_someone_locked_out_by_failed_guesses_can_still_sign_in_with_a_code_by_email(client, user, mailoutbox):
    for _ in range(5):
        login(client, user.email, "devine-encore-1")  # someone else guessing
    assert "Trop de tentatives" in login(client, user.email, PASSWORD).content.decode()

    page = client.get(reverse("account_login"))
    assert reverse("account_request_login_code") in page.content.decode()  # offered on the sign-in page
    response = client.post(reverse("account_request_login_code"), {"email": user.email})
    assert response["Location"] == reverse("account_confirm_login_code")
    [message] = mailoutbox
    assert message.to == [user.email] and message.body.startswith("Bonjour,")
    code = re.search(r"^\s*([A-Z0-9]{4}-?[A-Z0-9]{4})\s*$", message.body, re.MULTILINE).group(1)

    confirm = client.get(reverse("account_confirm_login_code"))
    assert "Saisissez le code" in confirm.content.decode()
    response = client.post(reverse("account_confirm_login_code"), {"code": code})

    assert response["Location"] == reverse("dashboard")
    assert client.session["_auth_user_id"] == str(user.pk)


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_code_pages_are_ours_in_both_languages(client, user, language):
    client.cookies["language"] = language
    request = client.get(reverse("account_request_login_code")).content.decode()
    client.post(reverse("account_request_login_code"), {"email": user.email})
    confirm = client.get(reverse("account_confirm_login_code")).content.decode()

    words = {
        "fr": ["Recevoir un code par courriel", "Recevoir le code", "Saisissez le code", "Se connecter"],
        "en": ["Get a code by email", "Send me the code", "Enter the code", "Sign in"],
    }[language]
    assert words[0] in request and words[1] in request
    assert words[2] in confirm and words[3] in confirm
    assert 'class="error-summary' not in request
