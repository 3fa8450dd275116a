import pytest
from django.urls import reverse

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
    assert "L’adresse e-mail ou le mot de passe sont incorrects." in response.content.decode() or (
        "mot de passe" in response.content.decode() and "incorrect" in response.content.decode()
    )


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
