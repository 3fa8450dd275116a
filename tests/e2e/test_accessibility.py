"""axe-core on every page, in both languages, signed in and out: no WCAG 2.1 A or AA violation."""

import re
from datetime import date
from urllib.parse import urlparse

import pytest
from django.urls import reverse
from django.utils import timezone

from optout import services
from optout.services import LetterData
from tests.factories import PASSWORD, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

PUBLIC = [
    "home",
    "account_login",
    "account_signup",
    "account_email_verification_sent",
    "account_reset_password",
    "account_reset_password_done",
    "account_reset_password_from_key_done",
    "account_request_login_code",
    "account_inactive",
    "calculator",
    "privacy",
    "legal",
    "accessibility",
    "checker",
    "genuine",
]
SIGNED_IN = [
    "dashboard",
    "account",
    "people",
    "case_new",
    "calendar_settings",
    "account_delete",
    "account_email",
    "account_change_password",
    "account_reauthenticate",
    "account_request_reauthentication_code",
    "account_logout",
]


def sign_in(page, user):
    page.goto(reverse("account_login"))
    page.fill("#id_login", user.email)
    page.fill("#id_password", PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_url("**/suivi/")


@pytest.mark.parametrize("language", ["fr", "en"])
def test_every_public_page_is_accessible(new_context, live_server, axe_check, language):
    context = new_context()
    context.add_cookies([{"name": "language", "value": language, "url": live_server.url}])
    page = context.new_page()
    for name in PUBLIC:
        page.goto(reverse(name))
        assert page.locator("html").get_attribute("lang") == language
        axe_check(page)
    page.goto(reverse("calculator") + "?sent_on=2026-02-20&received_on=2026-02-24&departement=974&regime=mutual")
    axe_check(page)
    page.goto(reverse("calculator") + "?received_on=2026-02-30")
    axe_check(page)
    context.close()


@pytest.mark.parametrize("language", ["fr", "en"])
def test_every_signed_in_page_is_accessible(new_context, axe_check, language):
    user = UserFactory(language=language)
    today = timezone.localdate()
    first = date(today.year, today.month, 1)
    person = PersonFactory(owner=user, label="Léa", relation="child", adult_month=first)  # 18 this month
    case = services.case_open(
        person=person, route="phone", letter=LetterData("post", first, first, False), now=timezone.now()
    )
    services.call_log(case=case, outcome="asked_for_code", note="", now=case.created_at)
    page = new_context().new_page()
    sign_in(page, user)
    for url in [reverse(name) for name in SIGNED_IN] + [
        reverse("case_detail", args=[case.pk]),
        reverse("case_new_for", args=[person.pk]),
        reverse("person_edit", args=[person.pk]),
        reverse("person_delete", args=[person.pk]),
        reverse("case_delete", args=[case.pk]),
    ]:
        page.goto(url)
        assert page.locator("html").get_attribute("lang") == language
        axe_check(page)


@pytest.mark.parametrize("language", ["fr", "en"])
def test_signing_in_with_a_code_is_accessible(new_context, live_server, axe_check, language):
    user = UserFactory(language=language)
    context = new_context()
    context.add_cookies([{"name": "language", "value": language, "url": live_server.url}])
    page = context.new_page()
    page.goto(reverse("account_request_login_code"))
    page.fill("#id_email", user.email)
    page.locator("main button[type=submit]").click()
    page.wait_for_url("**/connexion/code/valider/")
    axe_check(page)
    page.fill("#id_code", "WRONG-CODE")
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()
    axe_check(page)  # with the error
    context.close()


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_account_pages_a_link_opens_are_accessible(new_context, live_server, axe_check, mailoutbox, language):
    user = UserFactory(language=language)
    context = new_context()
    context.add_cookies([{"name": "language", "value": language, "url": live_server.url}])
    page = context.new_page()
    page.goto(reverse("account_reset_password"))
    page.fill("#id_email", user.email)
    page.locator("main button[type=submit]").click()
    page.wait_for_url("**/mot-de-passe/oublie/envoye/")

    page.goto(urlparse(re.search(r"https?://\S+/mot-de-passe/nouveau/\S+", mailoutbox[-1].body).group(0)).path)
    page.wait_for_url(re.compile(r"-set-password/$"))
    axe_check(page)
    page.fill("#id_password1", "court")
    page.fill("#id_password2", "autre")
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state()
    axe_check(page)  # with the errors
    for path in ["/compte/mot-de-passe/nouveau/1-expired-token/", "/compte/courriel/confirmation/expired-key/"]:
        page.goto(path)
        assert page.locator("html").get_attribute("lang") == language
        axe_check(page)
    context.close()
