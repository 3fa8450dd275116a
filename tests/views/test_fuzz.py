"""Random text, dates and sizes in every form: never a server error, always a message people can read."""

import pytest
from django.core.cache import cache
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.helpers import open_case, text

pytestmark = pytest.mark.django_db

junk = st.one_of(
    st.text(max_size=40),
    st.text(min_size=300, max_size=3000),
    st.dates().map(str),
    st.dates().map(lambda d: d.strftime("%d/%m/%Y")),
    st.sampled_from(
        ["2026-02-30", "0000-00-00", "9999-12-31", "-1", "' OR 1=1 --", "<script>x</script>", "\x00", "١٢٣"]
    ),
    st.integers().map(str),
)
FUZZ = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

FRENCH_SIGNS = ["Le formulaire contient", "Ce champ est obligatoire", "Saisissez", "Sélectionnez", "valide", "erreur"]


def fields(*names):
    return st.fixed_dictionaries(dict.fromkeys(names, junk))


def assert_fine(response):
    assert response.status_code < 500
    if response.status_code == 200 and response.request["REQUEST_METHOD"] == "POST":
        body = text(response)
        if 'role="alert"' in body or "invalid-feedback" in body:
            assert any(sign in body for sign in FRENCH_SIGNS), body[:2000]


@FUZZ
@given(data=fields("email", "password1", "password2"))
def test_signup_survives_anything(client, data):
    cache.clear()
    assert_fine(client.post(reverse("account_signup"), data))


@FUZZ
@given(data=fields("login", "password"))
def test_login_survives_anything(client, data):
    cache.clear()
    assert_fine(client.post(reverse("account_login"), data))


@FUZZ
@given(data=fields("label", "relation"))
def test_people_form_survives_anything(user_client, data):
    assert_fine(user_client.post(reverse("people"), data))


@FUZZ
@given(data=fields("situation", "channel", "sent_on", "received_on", "had_code", "route"))
@pytest.mark.slow
def test_letter_and_route_forms_survive_anything(user_client, user, data):
    person = user.people.get_or_create(label="Moi", relation="self")[0]
    assert_fine(user_client.post(reverse("case_new_for", args=[person.pk]), data))
    assert_fine(
        user_client.post(reverse("case_new_for", args=[person.pk]), {**data, "situation": "letter", "channel": "post"})
    )


@FUZZ
@given(data=fields("outcome", "note", "action", "route"))
@pytest.mark.slow
def test_case_page_forms_survive_anything(user_client, user, data):
    case = user.people.first().cases.first() if user.people.exists() else open_case(user)
    for name, args in [("call_create", [case.pk]), ("step_update", [case.pk, "call"]), ("case_route", [case.pk])]:
        assert_fine(user_client.post(reverse(name, args=args), data))


@FUZZ
@given(data=fields("language", "time_zone", "departement", "reminders_enabled", "reminder_lead_days", "reminder_hour"))
@pytest.mark.slow
def test_preferences_survive_anything(user_client, data):
    assert_fine(user_client.post(reverse("account"), data))


@FUZZ
@given(data=fields("password", "email"))
def test_account_deletion_form_survives_anything(user_client, user, data):
    response = user_client.post(reverse("account_delete"), data)
    assert_fine(response)
    user.refresh_from_db()  # never deleted by junk


@FUZZ
@given(data=fields("language", "next"))
def test_language_switch_survives_anything(client, data):
    assert client.post(reverse("set_language"), data).status_code < 500


@FUZZ
@given(token=st.text(max_size=200))
def test_signed_links_survive_any_token(client, token):
    from urllib.parse import quote

    for prefix in ["/fait/", "/rappels/arret/"]:
        response = client.post(prefix + quote(token, safe="") + "/")
        assert response.status_code in (400, 404)


@FUZZ
@given(data=fields("sent_on", "received_on", "departement", "format"))
def test_the_calculator_survives_anything(client, data):
    response = client.get(reverse("calculator"), data)
    assert response.status_code == 200
    if response["Content-Type"].startswith("text/html") and "invalid-feedback" in response.content.decode():
        assert "Le formulaire contient" in text(response)
