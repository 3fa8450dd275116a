import pytest

from tests.helpers import plain

pytestmark = pytest.mark.django_db(transaction=True)


def requests_to_other_origins(page, live_server_url):
    seen = []
    page.on("request", lambda request: seen.append(request.url))
    return lambda: [url for url in seen if not url.startswith(live_server_url) and not url.startswith("data:")]


def test_the_home_page_is_french_accessible_and_loads_only_our_files(page, live_server, assert_accessible):
    others = requests_to_other_origins(page, live_server.url)

    page.goto("/")

    assert page.locator("html").get_attribute("lang") == "fr"
    assert plain(page.get_by_role("heading", level=1).inner_text()) == "Refuser Mon espace santé, dans les délais"
    assert_accessible(page)
    assert others() == []


def test_a_bad_sign_up_shows_an_accessible_error_summary(page, assert_accessible):
    page.goto("/compte/inscription/")
    page.get_by_label("Adresse électronique").fill("claire@example.org")
    page.get_by_label("Mot de passe", exact=True).fill("court")
    page.get_by_label("Mot de passe (confirmation)").fill("court")
    page.get_by_role("button", name="Créer mon compte").click()

    alert = page.get_by_role("alert")
    assert "Le formulaire contient" in plain(alert.inner_text())
    assert page.get_by_label("Adresse électronique").input_value() == "claire@example.org"
    assert_accessible(page)


def test_the_home_page_reads_well_on_a_phone(phone_page, assert_accessible):
    phone_page.goto("/")

    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, "the page scrolls sideways on a phone"
    assert_accessible(phone_page)
