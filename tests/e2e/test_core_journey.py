"""A parent follows their own case and their child's, in the browser, without JavaScript needs."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone, translation

from optout.models import Case
from optout.state import action_of
from optout.wording.clock import countdown
from tests.factories import PASSWORD, UserFactory
from tests.helpers import plain

pytestmark = pytest.mark.django_db(transaction=True)


def sign_in(page, user):
    page.goto("/compte/connexion/")
    page.get_by_label("Adresse électronique").fill(user.email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.locator("main").get_by_role("button", name="Se connecter").click()
    page.wait_for_url(re.compile(r"/suivi/$"))


def add_case(page, label, relation, sent, received, had_code, assert_accessible):
    page.get_by_role("link", name="Nouvelle démarche").first.click()
    assert_accessible(page)
    page.get_by_label("Nom ou prénom").fill(label)
    page.get_by_label(relation).check()
    page.get_by_role("button", name="Continuer").click()

    assert_accessible(page)
    page.get_by_label("Un courrier postal").check()
    page.get_by_label("Date imprimée sur le courrier ou le courriel").fill(sent.isoformat())
    page.get_by_label("Date à laquelle vous l’avez reçu").fill(received.isoformat())
    if had_code:
        page.get_by_label("Il contenait un code provisoire").check()
    page.get_by_role("button", name="Continuer").click()

    assert_accessible(page)
    page.get_by_role("button", name="Commencer cette démarche").click()
    page.wait_for_url(re.compile(r"/suivi/demarches/\d+/$"))
    assert_accessible(page)


def test_a_parent_follows_their_case_and_their_childs_and_ticks_steps(page, live_server, assert_accessible):
    user = UserFactory()
    today = timezone.localdate()
    sign_in(page, user)
    assert_accessible(page)

    add_case(page, "Moi", "moi-même", today - timedelta(days=4), today - timedelta(days=2), False, assert_accessible)
    page.get_by_role("button", name="C’est fait : Préparer l’appel").click()
    notice = page.locator("#step-prepare_call .checklist__notice")  # beside the step, and focused: read out
    assert plain(notice.inner_text()).strip() == "C'est noté : étape faite."
    assert page.evaluate("document.activeElement.classList.contains('checklist__notice')")

    page.get_by_role("link", name="Mon suivi").first.click()
    add_case(page, "Léa", "mon enfant", today - timedelta(days=1), today, True, assert_accessible)
    # With the code in hand, the online route was advised and chosen; the code step is already done.
    assert "Refuser sur monespacesante.fr" in plain(page.locator("main").inner_text())

    page.get_by_role("link", name="Mon suivi").first.click()
    main = plain(page.locator("main").inner_text())
    mine, leas = Case.objects.order_by("pk")
    now = timezone.now()
    for case in (mine, leas):  # each counts down to its own next action (a call's day, an online refusal's)
        days = action_of(case, now).days_left(now)
        with translation.override("fr"):
            assert plain(countdown(days)) in main
    assert "1 étape faite sur 3" in main and "1 étape faite sur 4" in main
    assert_accessible(page)


def test_the_dashboard_and_case_page_work_on_a_phone(phone_page, live_server, assert_accessible):
    user = UserFactory()
    sign_in(phone_page, user)
    today = timezone.localdate()

    add_case(
        phone_page, "Moi", "moi-même", today - timedelta(days=4), today - timedelta(days=2), False, assert_accessible
    )

    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 390
    phone_page.get_by_role("link", name="Mon suivi").first.click()
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 390
    assert_accessible(phone_page)
