"""`make screenshots`: the main pages in French, desktop and phone, into docs/screenshots/.

Skipped in `make test` (it would rewrite files of the repository); run by `make screenshots`.
"""

import os
import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from optout import services
from optout.models import Reminder
from optout.services import LetterData
from reminders import emails
from tests.factories import PASSWORD, PersonFactory, UserFactory

OUT = os.environ.get("SCREENSHOTS_DIR")
pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not OUT, reason="run by `make screenshots`"),
]
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


@pytest.fixture
def family():
    """A parent with their own case and their child's, a few steps done."""
    now = timezone.now()
    today = timezone.localdate()
    user = UserFactory(email="camille@example.org")
    me = PersonFactory(owner=user, label="Moi", relation="self")
    lea = PersonFactory(owner=user, label="Léa", relation="child")
    mine = services.case_open(
        person=me,
        route="phone",
        letter=LetterData("post", today - timedelta(days=12), today - timedelta(days=9), False),
        now=now,
    )
    services.step_mark_done(case=mine, kind="prepare_call", now=now)
    services.call_log(case=mine, outcome="asked_for_code", note="plateforme Est", now=now)
    services.case_open(
        person=lea,
        route="online",
        letter=LetterData("email", today - timedelta(days=3), today - timedelta(days=3), True),
        now=now,
    )
    return user, mine


def shoot(page, name, viewport):
    Path(OUT).mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(Path(OUT) / f"{name}-{viewport}.png"), full_page=True)


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_screenshots(browser, browser_context_args, family, viewport):
    user, case = family
    # A relative the account helps, who calls themself: their large-print sheet to call together.
    jeanne = PersonFactory(owner=user, label="Jeanne", relation="helped")
    today = timezone.localdate()
    helped = services.case_open(
        person=jeanne,
        route="phone",
        letter=LetterData("post", today - timedelta(days=5), today - timedelta(days=2), False),
        now=timezone.now(),
    )
    context = browser.new_context(
        **{**browser_context_args, "viewport": VIEWPORTS[viewport], "is_mobile": viewport == "phone"}
    )
    page = context.new_page()

    page.goto("/")
    shoot(page, "01-accueil", viewport)
    sent, received = today - timedelta(days=6), today - timedelta(days=3)
    page.goto(f"/calcul/?sent_on={sent.isoformat()}&received_on={received.isoformat()}&departement=67")
    shoot(page, "02-calcul", viewport)
    page.goto("/verifier-mes-numeros/")
    page.fill("#check-nir", "1 84 12 76 451 089 46")
    shoot(page, "03-verifier-mes-numeros", viewport)

    page.goto("/compte/connexion/")
    page.fill("#id_login", user.email)
    page.fill("#id_password", PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_url(re.compile(r"/suivi/$"))
    shoot(page, "04-suivi", viewport)
    page.goto(f"/suivi/demarches/{case.pk}/")
    shoot(page, "05-demarche", viewport)
    page.goto("/compte/preferences/")
    shoot(page, "06-compte", viewport)
    page.goto(f"/suivi/demarches/{case.pk}/fiche/")
    page.emulate_media(media="print")  # as it comes out of the printer
    shoot(page, "08-fiche-a-imprimer", viewport)
    page.emulate_media(media="screen")
    page.goto("/compte/mes-donnees/lisible/")
    shoot(page, "09-mes-donnees", viewport)
    page.goto(f"/suivi/demarches/{helped.pk}/fiche-ensemble/")
    page.emulate_media(media="print")
    shoot(page, "12-fiche-en-gros-caracteres", viewport)
    page.emulate_media(media="screen")
    page.goto("/accessibilite/")
    shoot(page, "13-accessibilite", viewport)
    lea = user.people.get(label="Léa")
    page.goto(f"/suivi/personnes/{lea.pk}/nouvelle-demarche/")
    page.get_by_label("un courriel", exact=True).check()
    page.get_by_label("Date à laquelle vous l’avez reçu").fill(today.isoformat())
    shoot(page, "10-nouvelle-demarche-courrier", viewport)
    page.get_by_role("button", name="Continuer").click()
    page.wait_for_selector("text=Étape 3 sur 3")
    shoot(page, "11-nouvelle-demarche-choix", viewport)

    reminder = (
        Reminder.objects.filter(case=case, kind="lead-7").select_related("case__person__owner", "case__letter").get()
    )
    message = emails.reminder_email(reminder, now=timezone.now())
    # A blank page of its own, as a mail client shows it: the site's CSP (no inline style) must not apply.
    mail = context.new_page()
    mail.set_content(message.alternatives[0].content)
    shoot(mail, "07-courriel-de-rappel", viewport)
    context.close()
