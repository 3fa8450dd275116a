import re

import pytest

from accounts.models import User
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


def requests_to_other_origins(page, live_server_url):
    seen = []
    page.on("request", lambda request: seen.append(request.url))
    return lambda: [url for url in seen if not url.startswith(live_server_url) and not url.startswith("data:")]


def test_the_home_page_is_french_accessible_and_loads_only_our_files(page, live_server, assert_accessible):
    others = requests_to_other_origins(page, live_server.url)

    page.goto("/")

    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.get_by_role("heading", level=1).inner_text() == "Refuser Mon espace santé, dans les délais"
    assert_accessible(page)
    assert others() == []


def test_someone_signs_up_in_the_browser_and_confirms_their_email(page, live_server, assert_accessible, mailoutbox):
    page.goto("/")
    page.get_by_role("link", name="Créer un compte gratuit").click()
    assert_accessible(page)

    page.get_by_label("Courriel").fill("claire@example.org")
    page.get_by_label("Mot de passe", exact=True).fill(PASSWORD)
    page.get_by_label("Mot de passe (confirmation)").fill(PASSWORD)
    page.get_by_role("button", name="Créer mon compte").click()

    page.wait_for_url(re.compile(r"/compte/confirm-email/$"))
    assert_accessible(page)
    link = re.search(r"https?://\S+/compte/confirm-email/\S+/", mailoutbox[0].body).group(0)
    page.goto(link.replace("http://testserver", live_server.url))
    page.get_by_role("button", name="Confirmer").click()

    page.wait_for_url(re.compile(r"/suivi/$"))
    assert page.get_by_role("heading", level=1).inner_text() == "Mon suivi"
    assert User.objects.get(email="claire@example.org").emailaddress_set.get().verified


def test_a_bad_sign_up_shows_an_accessible_error_summary(page, assert_accessible):
    page.goto("/compte/signup/")
    page.get_by_label("Courriel").fill("claire@example.org")
    page.get_by_label("Mot de passe", exact=True).fill("court")
    page.get_by_label("Mot de passe (confirmation)").fill("court")
    page.get_by_role("button", name="Créer mon compte").click()

    alert = page.get_by_role("alert")
    assert "Le formulaire contient" in alert.inner_text()
    assert page.get_by_label("Courriel").input_value() == "claire@example.org"
    assert_accessible(page)


def test_the_home_page_reads_well_on_a_phone(phone_page, assert_accessible):
    phone_page.goto("/")

    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, "the page scrolls sideways on a phone"
    assert_accessible(phone_page)
