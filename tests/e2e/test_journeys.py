"""The whole journey in a real browser, with a real SMTP server for the emails."""

import json
import re
from datetime import timedelta

import icalendar
import pytest
from django.utils import timezone, translation

from accounts.models import User
from optout import deadlines, services
from optout.actions import next_action
from optout.models import Case, Reminder
from optout.services import LetterData
from optout.wording.clock import countdown
from reminders import dispatch
from tests.factories import PASSWORD, PersonFactory, UserFactory
from tests.helpers import plain

pytestmark = pytest.mark.django_db(transaction=True)


def sign_in(page, user):
    page.goto("/compte/connexion/")
    page.get_by_label("Adresse électronique").fill(user.email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.locator("main").get_by_role("button", name="Se connecter").click()
    page.wait_for_url(re.compile(r"/suivi/$"))


def plain_body(message):
    return message.get_body(preferencelist=("plain",)).get_content()


def test_sign_up_reading_the_verification_email_from_the_smtp_server(page, smtp_server, assert_accessible):
    page.goto("/")
    page.get_by_role("link", name="Créer un compte gratuit").click()
    page.get_by_label("Adresse électronique").fill("lea.parent@example.org")
    page.get_by_label("Mot de passe", exact=True).fill(PASSWORD)
    page.get_by_label("Mot de passe (confirmation)").fill(PASSWORD)
    page.get_by_role("button", name="Créer mon compte").click()
    page.wait_for_url(re.compile(r"/compte/courriel/confirmation/$"))

    [message] = smtp_server.messages
    assert message["To"] == "lea.parent@example.org"
    link = re.search(r"http://\S+/compte/courriel/confirmation/\S+/", plain_body(message)).group(0)
    page.goto(re.sub(r"^http://[^/]+", "", link))
    assert_accessible(page)
    page.get_by_role("button", name="Confirmer").click()

    page.wait_for_url(re.compile(r"/suivi/$"))
    assert plain(page.get_by_role("heading", level=1).inner_text()) == "Mon suivi"


def test_ticking_steps_and_logging_a_failed_call_shows_the_advice(page, assert_accessible):
    user = UserFactory()
    person = PersonFactory(owner=user)
    today = timezone.localdate()
    case = services.case_open(
        person=person,
        route="phone",
        letter=LetterData("post", today - timedelta(days=4), today - timedelta(days=2), False),
        now=timezone.now(),
    )
    sign_in(page, user)
    page.goto(f"/suivi/demarches/{case.pk}/")

    page.get_by_role("button", name="C’est fait : Préparer l’appel").click()
    assert "C'est noté : étape faite." in plain(page.locator(".checklist__notice").first.inner_text())
    assert "1 étape faite sur 3" in plain(page.locator("main").inner_text())

    page.get_by_label("on m’a demandé un code que je n’ai pas").check()
    page.locator("#calls").get_by_label("Note (facultatif)").fill("plateforme Est, 10 h")
    page.get_by_role("button", name="Noter cet appel").click()

    advice = plain(page.locator("#calls").inner_text())
    assert "Quatre plateformes régionales répondent au 3422" in advice
    assert "plateforme Est, 10 h" in advice
    assert_accessible(page)

    page.get_by_label("c’est fait : l’opposition est enregistrée").check()
    page.get_by_role("button", name="Noter cet appel").click()
    assert "Opposition faite" in plain(page.locator(".page-head").inner_text())
    assert Case.objects.get().status == "opposed"


def test_following_c_est_fait_from_a_reminder_email(page, smtp_server, assert_accessible):
    user = UserFactory()
    person = PersonFactory(owner=user, label="Léa", relation="child")
    today = timezone.localdate()
    case = services.case_open(
        person=person,
        route="phone",
        letter=LetterData("post", today - timedelta(days=4), today - timedelta(days=2), False),
        now=timezone.now(),
    )
    Reminder.objects.filter(case=case, kind="lead-7").update(due_at=timezone.now())
    assert dispatch.dispatch_due(clock=timezone.now).sent == 1

    [message] = smtp_server.messages
    done = re.search(r"http://\S+(/fait/\S+/)", plain_body(message)).group(1)
    page.goto(done)  # no need to be signed in
    assert_accessible(page)
    assert "Marquer « Appeler le 3422 et demander l'opposition » comme fait pour Léa ?" in plain(
        page.locator("main").inner_text()
    )
    page.get_by_role("button", name="Oui, c’est fait").click()

    assert "est marqué comme fait pour Léa" in plain(page.locator("main").inner_text())
    assert Case.objects.get().status == "opposed"
    assert not Reminder.objects.filter(case=case, status="pending").exclude(kind="retention-warning").exists()


def test_preferences_export_and_account_deletion(page, smtp_server, assert_accessible):
    user = UserFactory()
    person = PersonFactory(owner=user)
    services.case_open(person=person, route="closure", letter=None, now=timezone.now())
    sign_in(page, user)

    page.get_by_role("link", name="Mon compte").click()
    page.get_by_label("Heure d’envoi des rappels").select_option("18")
    page.get_by_label("14 jours avant").check()
    page.get_by_role("button", name="Enregistrer").click()
    assert "Vos préférences sont enregistrées." in plain(page.get_by_role("status").first.inner_text())
    user.refresh_from_db()
    assert user.reminder_hour == 18 and 14 in user.reminder_lead_days

    with page.expect_download() as download:
        page.get_by_role("link", name="Télécharger mes données (JSON)").click()
    data = json.loads(download.value.path().read_text(encoding="utf-8"))
    assert data["account"]["email"] == user.email
    assert data["people"][0]["cases"][0]["route"] == "closure"

    page.get_by_role("link", name="Supprimer mon compte").click()
    assert_accessible(page)
    page.get_by_label("Votre mot de passe").fill(PASSWORD)
    page.get_by_label("Votre adresse électronique, pour confirmer").fill(user.email)
    page.get_by_role("button", name="Supprimer définitivement mon compte").click()

    page.wait_for_url(re.compile(r"/$"))
    assert "Votre compte et toutes ses données sont supprimés." in plain(page.get_by_role("status").first.inner_text())
    assert not User.objects.filter(pk=user.pk).exists()
    assert smtp_server.messages[-1]["Subject"].startswith("Votre compte est supprimé")


def test_the_language_switch_changes_the_whole_page(page):
    page.goto("/")
    page.get_by_role("button", name="English").click()

    assert page.locator("html").get_attribute("lang") == "en"
    assert plain(page.get_by_role("heading", level=1).inner_text()) == "Say no to Mon espace santé, in time"
    page.goto("/calcul/")
    assert plain(page.get_by_role("heading", level=1).inner_text()) == "Work out my deadline"
    page.get_by_role("button", name="Français").click()
    assert page.locator("html").get_attribute("lang") == "fr"


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_the_calculator_and_its_ics_download(page, phone_page, assert_accessible, viewport):
    page = phone_page if viewport == "phone" else page
    received = timezone.localdate()  # a letter that arrived today: every date is still to come
    sent = received - timedelta(days=3)
    letter = deadlines.deadlines_for(sent, received)
    page.goto("/")
    page.get_by_role("link", name="Calculer ma date limite, sans compte").click()
    page.get_by_label("Date imprimée sur le courrier ou le courriel").fill(sent.isoformat())
    page.get_by_label("Date à laquelle vous l’avez reçu").fill(received.isoformat())
    page.get_by_role("button", name="Calculer").click()

    main = plain(page.locator("main").inner_text())
    action = next_action(sent_on=sent, received_on=received, route="phone", now=timezone.now())
    with translation.override("fr"):
        assert plain(countdown(action.days_left(timezone.now()))) in main
    assert "Appelez le 3422 au plus tard le" in main
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
    assert_accessible(page)

    with page.expect_download() as download:
        page.get_by_role("link", name="Ajouter les dates à venir à mon agenda (.ics)").click()
    calendar = icalendar.Calendar.from_ical(download.value.path().read_bytes())
    days = {e["DTSTART"].dt for e in calendar.walk("VEVENT")}
    assert action.day in days and letter.act_by in days


def focus_ring(page):
    return page.evaluate(
        """() => { const s = getComputedStyle(document.activeElement);
                   return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2; }"""
    )


def tab_to(page, name, *, backwards=False, limit=80):
    """Press Tab (or Shift+Tab) until the focused element's text or label is `name`; focus must show."""
    key = "Shift+Tab" if backwards else "Tab"
    for _ in range(limit):
        page.keyboard.press(key)
        label = page.evaluate(
            """() => { const e = document.activeElement;
                       const l = e.labels && e.labels.length ? e.labels[0].innerText : '';
                       return (e.innerText || l || e.value || '').trim(); }"""
        )
        if label.startswith(name):
            assert focus_ring(page), f"no visible focus on {name!r}"
            return
    raise AssertionError(f"never reached {name!r} with {key}")


def type_date(page, day):
    """Type a date into the focused date field, as a person would, day first as the letter prints it;
    the field says back how it read it."""
    page.keyboard.type(day.strftime("%d/%m/%Y"))
    field = page.evaluate("document.activeElement.id")
    assert page.evaluate("document.activeElement.value") == day.strftime("%d/%m/%Y")
    echo = page.locator(f"#{field}_echo")
    assert str(day.year) in echo.inner_text(), "the date was not said back in words"


@pytest.mark.accessibility("keyboard-new-case", "keyboard-tick-a-step")
def test_the_main_journey_works_with_the_keyboard_alone_with_visible_focus(page):
    user = UserFactory()
    page.goto("/compte/connexion/")
    tab_to(page, "Adresse électronique")
    page.keyboard.type(user.email)
    tab_to(page, "Mot de passe")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/suivi/$"))

    tab_to(page, "Nouvelle démarche")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/nouvelle-demarche/$"))
    tab_to(page, "Nom ou prénom")
    page.keyboard.type("Moi")
    tab_to(page, "moi-même")
    page.keyboard.press("Space")
    tab_to(page, "Continuer")
    tab_to(page, "Nom ou prénom", backwards=True)  # Shift+Tab goes back
    tab_to(page, "Continuer")
    page.keyboard.press("Enter")

    page.wait_for_url(re.compile(r"/personnes/\d+/nouvelle-demarche/$"))
    tab_to(page, "un courriel")  # a radio group is one Tab stop; arrows move inside it
    page.keyboard.press("ArrowDown")
    assert page.get_by_label("un courrier postal").is_checked()
    today = timezone.localdate()
    received = today - timedelta(days=2)
    tab_to(page, "Date à laquelle vous l’avez reçu")
    type_date(page, received)
    tab_to(page, "Continuer")
    page.keyboard.press("Enter")
    page.wait_for_selector("text=Commencer cette démarche")
    tab_to(page, "Commencer cette démarche")
    page.keyboard.press("Enter")

    page.wait_for_url(re.compile(r"/suivi/demarches/\d+/$"))
    tab_to(page, "C’est fait")
    page.keyboard.press("Space")
    page.wait_for_selector("text=C’est noté")
    case = Case.objects.get()
    assert case.letter.received_on == received
    assert case.steps.filter(done_at__isnull=False).count() == 1


def test_keyboard_and_screen_readers_on_the_new_case_and_case_pages(page, live_server):
    user = UserFactory()
    person = PersonFactory(owner=user, label="Léa", relation="child")
    sign_in(page, user)
    page.goto(f"/suivi/personnes/{person.pk}/nouvelle-demarche/")

    # Each date field is one stop for Tab: no calendar button inside it.
    page.get_by_label("Date imprimée sur le courrier ou le courriel").focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "id_received_on"

    # A refused form: the focus is on the summary of what to correct.
    page.get_by_label("Un courrier postal").check()
    page.get_by_role("button", name="Continuer").click()
    assert page.evaluate("document.activeElement.classList.contains('error-summary')")

    # Then a case: its page and the dashboard read in order, each thing once.
    today = timezone.localdate()
    letter = LetterData("post", today - timedelta(days=3), today - timedelta(days=1), False)
    case = services.case_open(person=person, route="phone", letter=letter, now=timezone.now())
    services.step_mark_done(case=case, kind="prepare_call", now=timezone.now())
    page.goto(f"/suivi/demarches/{case.pk}/")
    said = page.locator("main").aria_snapshot()
    assert 'heading "Par téléphone, au 3422 · Léa" [level=1]' in said  # one heading, read whole
    assert said.count("1 étape faite sur 3") == 1  # the progress, once
    assert "✓" not in said and "progressbar" not in said
    page.goto("/suivi/")
    board = page.locator("main").aria_snapshot()
    assert board.count("1 étape faite sur 3") == 1
    # Whose case, then the countdown in words, then what to do and by when.
    assert board.index("Léa · mon enfant") < board.index("jours restants") < board.index("pour Léa au plus tard")
