"""Every email allauth sends is ours: in its reader's language, naming the site, linking to SITE_URL."""

import re
from datetime import timedelta
from urllib.parse import urlparse

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from tests.accounts.voice import plain, reauthenticate, reauthenticate_by_code, words_out_of_our_voice
from tests.factories import PASSWORD, UserFactory
from tests.helpers import NOW

pytestmark = pytest.mark.django_db

PUBLIC = "https://a-temps.example"
OTHER = {"fr": "en", "en": "fr"}
LINK = re.compile(r"https?://\S+")


@pytest.fixture(autouse=True)
def public_address(settings):
    """Links must say the public address, not the host the request came through (testserver)."""
    settings.SITE_URL = PUBLIC


def sign_in(client, user):
    """Sign in, and type the password again as allauth asks before a change to the account."""
    client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    reauthenticate(client, PASSWORD)


def follow(message, client, data=None):
    """Open the first link of `message` with the test client: a POST when data is given."""
    path = urlparse(LINK.search(message.body).group(0)).path
    return client.post(path, data or {}) if data is not None else client.get(path, follow=True)


# Each flow takes the reader's language; it browses in the other one where the reader has an account,
# and answers the emails it made.


def signup_new(client, language, outbox):
    client.cookies["language"] = language
    client.post(reverse("account_signup"), {"email": "ana@example.org", "password1": PASSWORD, "password2": PASSWORD})
    return outbox


def signup_known(client, language, outbox):
    UserFactory(email="known@example.org", language=language)
    client.cookies["language"] = OTHER[language]
    client.post(reverse("account_signup"), {"email": "known@example.org", "password1": PASSWORD, "password2": PASSWORD})
    return outbox


def reset_known(client, language, outbox):
    user = UserFactory(language=language)
    client.cookies["language"] = OTHER[language]
    client.post(reverse("account_reset_password"), {"email": user.email})
    return outbox


def reset_unknown(client, language, outbox):
    client.cookies["language"] = language
    client.post(reverse("account_reset_password"), {"email": "nobody@example.org"})
    return outbox


def reset_completed(client, language, outbox):
    """The notice once a new password is chosen through the emailed link."""
    reset_known(client, language, outbox)
    form = follow(outbox[0], client).redirect_chain[-1][0]
    client.post(form, {"password1": "nouveau-passe-77", "password2": "nouveau-passe-77"})
    return outbox


def login_code(client, language, outbox):
    user = UserFactory(language=language)
    client.cookies["language"] = OTHER[language]
    client.post(reverse("account_request_login_code"), {"email": user.email})
    return outbox


def login_code_unknown(client, language, outbox):
    client.cookies["language"] = language
    client.post(reverse("account_request_login_code"), {"email": "nobody@example.org"})
    return outbox


def email_change(client, language, outbox):
    """The link to the new address, then the notice to the old one."""
    user = UserFactory(language=language)
    sign_in(client, user)
    client.post(reverse("account_email"), {"action_add": "", "email": "nouvelle@example.org"})
    follow(outbox[0], client, data={})
    assert User.objects.get(pk=user.pk).email == "nouvelle@example.org"
    return outbox


def email_change_cancelled(client, language, outbox):
    user = UserFactory(language=language)
    sign_in(client, user)
    client.post(reverse("account_email"), {"action_add": "", "email": "nouvelle@example.org"})
    client.post(reverse("account_email"), {"action_remove": "", "email": "nouvelle@example.org"})
    return outbox


def link_sent_again(client, language, outbox):
    """An account never confirmed signs in a while later: a new link, as the page promises."""
    signup_new(client, language, outbox)
    client.logout()
    with time_machine.travel(timezone.now() + timedelta(minutes=5)):  # past the resend rate limit
        client.post(reverse("account_login"), {"login": "ana@example.org", "password": PASSWORD})
    return outbox


def password_change(client, language, outbox):
    user = UserFactory(language=language)
    sign_in(client, user)
    new = "nouveau-passe-77"
    client.post(reverse("account_change_password"), {"oldpassword": PASSWORD, "password1": new, "password2": new})
    return outbox


def password_set(client, language, outbox):
    user = UserFactory(language=language)
    user.set_unusable_password()
    user.save()
    client.force_login(user)
    reauthenticate_by_code(client, user, outbox)
    client.post(reverse("account_set_password"), {"password1": "nouveau-passe-77", "password2": "nouveau-passe-77"})
    return outbox


def reauthentication_code(client, language, outbox):
    user = UserFactory(language=language)
    client.force_login(user)
    client.post(reverse("account_request_reauthentication_code"), {"recipient": user.email})
    return outbox


#: Each email allauth sends with our settings: the flow that sends it, which of the flow's emails
#: it is, and its subject in French and in English.
EMAILS = {
    "confirmation at sign-up": (signup_new, 0, "Confirmez votre adresse pour activer votre compte", "Confirm"),
    "an account already exists": (signup_known, 0, "Un compte existe déjà à cette adresse", "already"),
    "password reset link": (reset_known, 0, "Choisir un nouveau mot de passe", "Choose a new password"),
    "no account, password reset": (reset_unknown, 0, "Aucun compte à cette adresse", "No account"),
    "password reset notice": (reset_completed, 1, "Votre mot de passe a changé", "Your password has changed"),
    "login code": (login_code, 0, "Votre code de connexion", "Your sign-in code"),
    "no account, login code": (login_code_unknown, 0, "Aucun compte à cette adresse", "No account"),
    "confirmation of a new address": (email_change, 0, "Confirmez votre nouvelle adresse électronique", "new"),
    "notice to the old address": (email_change, 1, "L'adresse électronique de votre compte a changé", "changed"),
    "address removed": (email_change_cancelled, 1, "Une adresse a été retirée de votre compte", "removed"),
    "confirmation sent again": (link_sent_again, 1, "Confirmez votre adresse pour activer", "to activate"),
    "password changed": (password_change, 0, "Votre mot de passe a changé", "Your password has changed"),
    "password set": (password_set, 1, "Votre compte a maintenant un mot de passe", "now has a password"),
    "reauthentication code": (reauthentication_code, 0, "Votre code pour confirmer que c'est vous", "it's you"),
}


@pytest.mark.slow
@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("email", EMAILS)
def test_every_account_email_is_ours_in_its_readers_language(client, mailoutbox, email, language):
    flow, index, french, english = EMAILS[email]
    message = flow(client, language, mailoutbox)[index]

    assert message.subject.startswith("[À temps] ")
    assert {"fr": french, "en": english}[language] in plain(message.subject)
    assert message.body.startswith({"fr": "Bonjour,", "en": "Hello,"}[language])
    assert "À temps" in message.body and f"{PUBLIC}/" in message.body
    assert all(link.startswith(f"{PUBLIC}/") for link in LINK.findall(message.body)), message.body
    assert "testserver" not in message.body + message.subject
    assert words_out_of_our_voice(message.subject + "\n" + message.body, language) == []
    assert message.alternatives == []  # text only, like allauth: no HTML part of its own words


def test_links_in_account_emails_follow_site_url_not_the_request(client, mailoutbox, settings):
    settings.SITE_URL = "https://elsewhere.example"
    signup_new(client, "fr", mailoutbox)

    links = LINK.findall(mailoutbox[0].body)
    assert "https://elsewhere.example/compte/courriel/confirmation/" in " ".join(links)
    assert all(link.startswith("https://elsewhere.example/") for link in links)


@pytest.mark.parametrize(
    ("language", "when"), [("fr", "Quand : le 2 mars 2026 à 13 h 00"), ("en", "When: 2 March 2026 at 13:00")]
)
def test_a_notice_says_when_in_the_readers_language_and_time_zone(client, mailoutbox, language, when):
    user = UserFactory(time_zone="Indian/Reunion", language=language)
    with time_machine.travel(NOW, tick=False):  # 10:00 in Paris, 13:00 in La Réunion
        sign_in(client, user)
        client.post(
            reverse("account_change_password"),
            {"oldpassword": PASSWORD, "password1": "nouveau-passe-77", "password2": "nouveau-passe-77"},
        )

    [notice] = mailoutbox
    assert when in plain(notice.body)
