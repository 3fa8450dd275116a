import re
from urllib.parse import urlparse

import pytest
from django.contrib.auth.hashers import MD5PasswordHasher
from django.core.mail.backends import locmem
from django.urls import reverse

from accounts.models import User
from tests.factories import PASSWORD, UserFactory
from tests.helpers import plain

pytestmark = pytest.mark.django_db


def signup(client, email="ana@example.org", password=PASSWORD, password2=None):
    return client.post(
        reverse("account_signup"),
        {"email": email, "password1": password, "password2": password2 or password},
    )


def confirmation_path(message):
    match = re.search(r"https?://\S+?(/compte/courriel/confirmation/\S+/)", message.body)
    assert match, message.body
    return urlparse(match.group(0)).path


def test_it_signs_up_sends_a_french_verification_email_and_logs_in_after_confirmation(client, mailoutbox):
    response = signup(client)

    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["ana@example.org"]
    assert "Bonjour," in message.body
    assert "Confirmez" in message.subject or "Confirm" not in message.subject

    path = confirmation_path(message)
    page = client.get(path)
    assert page.status_code == 200  # a GET only shows the button: mail scanners open links
    assert not User.objects.get(email="ana@example.org").emailaddress_set.get().verified

    response = client.post(path)
    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard")
    assert client.get(reverse("dashboard")).status_code == 200
    assert User.objects.get(email="ana@example.org").emailaddress_set.get().verified


def test_the_verification_email_is_in_the_language_of_the_sign_up(english_client, mailoutbox):
    signup(english_client, email="bob@example.org")

    assert User.objects.get(email="bob@example.org").language == "en"
    message = mailoutbox[0]
    assert message.body.startswith("Hello,")
    assert "Bonjour" not in message.body


def test_signing_in_before_verifying_the_email_is_refused_with_a_clear_message(client, mailoutbox):
    signup(client)
    client.logout()

    response = client.post(reverse("account_login"), {"login": "ana@example.org", "password": PASSWORD}, follow=True)

    assert "_auth_user_id" not in client.session
    assert response.redirect_chain[-1][0] == reverse("account_email_verification_sent")
    assert "Ouvrez le lien du courriel que nous vous avons envoyé" in response.content.decode()


def test_signing_up_with_an_existing_email_answers_like_a_new_one(client, mailoutbox):
    UserFactory(email="known@example.org")

    known = signup(client, email="known@example.org")
    client.cookies.clear()
    fresh = signup(client, email="new@example.org")

    assert known.status_code == fresh.status_code == 302
    assert known["Location"] == fresh["Location"]
    assert User.objects.filter(email="known@example.org").count() == 1
    # The owner of the existing account is told, by email only.
    assert [m.to for m in mailoutbox] == [["known@example.org"], ["new@example.org"]]


def test_a_bad_sign_up_keeps_the_email_and_explains_in_french(client):
    response = signup(client, email="ana@example.org", password="azertyuiop")

    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="ana@example.org"' in html
    assert "Ce mot de passe est trop courant." in html
    assert "Le formulaire contient" in html
    assert not User.objects.exists()


@pytest.mark.parametrize(
    ("email", "password", "password2", "expected_fr", "expected_en"),
    [
        (
            "pas-une-adresse",
            PASSWORD,
            None,
            "Saisissez une adresse électronique valide",
            "Enter a valid email address",
        ),
        ("ana@example.org", "court", None, "au moins 10 caractères", "at least 10 characters"),
        ("ana@example.org", "12345678901", None, "entièrement numérique", "entirely numeric"),
        (
            "ana@example.org",
            PASSWORD,
            "autre-chose-123",
            "Vous devez saisir deux fois le même mot de passe.",
            "You must type the same password each time.",
        ),
    ],
)
def test_bad_sign_up_input_gets_a_translated_error_and_keeps_the_email(
    client, email, password, password2, expected_fr, expected_en
):
    french = plain(signup(client, email=email, password=password, password2=password2).content.decode())
    client.cookies["language"] = "en"
    english = signup(client, email=email, password=password, password2=password2).content.decode()

    assert expected_fr in french
    assert expected_en in english
    assert f'value="{email}"' in french and f'value="{email}"' in english
    assert not User.objects.exists()


CALLS: list[str] = []


class RecordingHasher(MD5PasswordHasher):
    """Django's test hasher, noting each password it hashes."""

    def encode(self, password, salt):
        CALLS.append("hash password")
        return super().encode(password, salt)


class RecordingMailBackend(locmem.EmailBackend):
    """Django's in-memory mail backend, noting each email it sends."""

    def send_messages(self, messages):
        CALLS.extend(f"send {len(m.to)} email" for m in messages)
        return super().send_messages(messages)


def test_signing_up_does_the_same_work_in_the_same_order_for_a_known_and_a_new_address(client, settings, mailoutbox):
    UserFactory(email="known@example.org")
    settings.PASSWORD_HASHERS = [f"{__name__}.RecordingHasher"]
    settings.EMAIL_BACKEND = f"{__name__}.RecordingMailBackend"

    CALLS.clear()
    known = signup(client, email="known@example.org")
    known_calls = list(CALLS)
    client.cookies.clear()
    CALLS.clear()
    fresh = signup(client, email="new@example.org")
    fresh_calls = list(CALLS)

    assert known["Location"] == fresh["Location"]
    assert known_calls == fresh_calls == ["hash password", "send 1 email"]
    already, confirm = mailoutbox
    assert already.to == ["known@example.org"] and "existe déjà" in already.subject
    assert "Mot de passe oublié" in already.body  # how to get back in: the password reset
    assert confirm.to == ["new@example.org"] and "/compte/courriel/confirmation/" in confirm.body
