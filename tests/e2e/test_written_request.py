"""The written request in Chromium: the letter and the complaint built in the browser (no request while
typing), printed on one A4 page, usable without JavaScript, accessible; and the whole journey from a closure
whose deletion is overdue to the CNIL page."""

import io
import re
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone
from pypdf import PdfReader

from optout import deadlines, services
from optout.models import WrittenRequest
from reminders import dispatch
from tests.factories import PASSWORD, PersonFactory, UserFactory
from tests.helpers import plain

pytestmark = pytest.mark.django_db(transaction=True)

KINDS = ["closure", "opposition"]
RELATIONS = ["self", "child", "represented"]


def with_key(body: str) -> str:
    return f"{body}{97 - int(body) % 97:02d}"


NIR = with_key("2841269123456")
#: Long, real-looking values: the letter must still fit on one page.
TYPED = {
    "#f-sender-name": "Marie-Hélène Dupont-Lefebvre",
    "#f-sender-address": "12 rue des Tilleuls\nBâtiment B, appartement 42\n69003 Lyon",
    "#f-nir": NIR,
    "#f-caisse": "Caisse primaire d'assurance maladie du Rhône\nService relations clients\n69907 Lyon Cedex 20",
    "#f-place": "Lyon",
}


def fill_letter(page):
    for selector, value in TYPED.items():
        page.fill(selector, value)
    if page.locator("#f-person-name").count():
        page.fill("#f-person-name", "Léa-Victoire Dupont-Lefebvre")
    page.fill("#f-birth", "2012-02-01")


def pages_of(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


def test_typing_the_letter_sends_nothing_and_fills_it_in(page, live_server):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    page.goto("/ecrire-a-ma-caisse/?kind=closure&for=child")
    page.wait_for_load_state("networkidle")
    requests = []
    page.on("request", lambda request: requests.append(request.url))

    for selector, value in TYPED.items():
        page.type(selector, value, delay=2)
    page.type("#f-person-name", "Léa Dupont", delay=2)
    page.fill("#f-birth", "2012-02-01")
    page.check("#f-channel-post")
    page.keyboard.press("Enter")
    page.get_by_role("button", name="Copier le texte").click()
    page.wait_for_timeout(300)

    assert requests == []
    assert page.locator("main form").count() == 0
    letter = plain(page.locator("#document").inner_text())
    assert "Marie-Hélène Dupont-Lefebvre" in letter and "Léa Dupont" in letter and NIR in letter
    assert "1er février 2012" in letter  # dates written out in French
    assert "Lettre recommandée avec avis de réception" not in letter  # sent by ordinary post
    assert "Le format et la clé sont corrects." in plain(page.locator("#f-nir-result").inner_text())
    email = page.input_value("#email-text")
    assert email.startswith("Madame, Monsieur,")
    assert "– nom et prénom : Léa Dupont" in email.replace("\u202f", " ")
    assert email.rstrip().endswith("69003 Lyon")
    assert "Copié" in plain(page.locator("#copy-status").inner_text())
    assert page.evaluate("navigator.clipboard.readText()") == email


def test_a_wrong_social_security_number_is_flagged_in_the_browser(page, live_server):
    page.goto("/ecrire-a-ma-caisse/")
    page.fill("#f-nir", NIR[:13] + f"{(int(NIR[13:]) + 1) % 100:02d}")

    assert page.get_attribute("#f-nir", "aria-invalid") == "true"
    assert "La clé" in plain(page.locator("#f-nir-result").inner_text())


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("relation", RELATIONS)
@pytest.mark.parametrize("kind", KINDS)
def test_the_letter_prints_on_one_a4_page(new_context, live_server, kind, relation, language):
    context = new_context()
    context.add_cookies([{"name": "language", "value": language, "url": live_server.url}])
    page = context.new_page()
    page.goto(f"/ecrire-a-ma-caisse/?kind={kind}&for={relation}")
    fill_letter(page)

    pdf = page.pdf(format="A4")

    assert pages_of(pdf) == 1
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert "Madame, Monsieur" in text and "Marie-Hélène Dupont-Lefebvre" in text
    assert "Vérifier mes numéros" not in text and "Compléter la lettre" not in text  # the page around it is not printed
    context.close()


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("relation", RELATIONS)
def test_without_javascript_it_is_a_blank_letter_to_fill_by_hand_on_one_page(new_context, live_server, kind, relation):
    page = new_context(java_script_enabled=False).new_page()
    page.goto(f"/ecrire-a-ma-caisse/?kind={kind}&for={relation}")

    assert page.locator("#builder").is_hidden()
    assert "complétez-la à la main sur les lignes pointillées" in plain(page.locator("main").inner_text())
    assert page.locator("#document .slot__blank").count() >= 9  # name, address, caisse, place, date, numbers
    assert page.locator("#document .slot__blank").first.bounding_box()["width"] > 100
    assert "Madame, Monsieur," in plain(page.locator("#document").inner_text())
    assert pages_of(page.pdf(format="A4")) == 1


def test_the_complaint_is_built_the_same_way_and_prints_on_one_page(page, live_server):
    page.goto("/saisir-la-cnil/")
    page.wait_for_load_state("networkidle")
    requests = []
    page.on("request", lambda request: requests.append(request.url))

    page.check("#f-kind-opposition")
    page.check("#f-who-child")
    page.check("#f-outcome-refusal")
    page.type("#f-sender-name", "Marie Dupont", delay=2)
    page.type("#f-caisse-name", "la CPAM du Rhône", delay=2)
    page.fill("#f-sent", "2026-05-04")
    page.fill("#f-delivered", "2026-05-06")
    page.fill("#f-answer", "2026-06-01")
    page.wait_for_timeout(200)

    assert requests == []
    complaint = plain(page.locator("#document").inner_text()).replace("\u202f", " ")
    assert (
        "Le 4 mai 2026, j'ai adressé à la CPAM du Rhône une demande d'opposition à la création de l'espace "
        "« Mon espace santé » de mon enfant" in complaint
    )
    assert ", reçue le 6 mai 2026." in complaint
    assert "Par une réponse reçue le 1er juin 2026, la caisse a refusé cette demande." in complaint
    assert "Aucune réponse n'est parvenue" not in complaint and "dont je suis titulaire" not in complaint
    assert "Je vous saisis pour le compte de" not in complaint and "le mandat signé" not in complaint
    assert "la réponse reçue, et la chronologie" in page.input_value("#email-text")
    assert pages_of(page.pdf(format="A4")) == 1


def test_without_javascript_the_complaint_shows_every_choice_to_keep_by_hand(new_context, live_server):
    page = new_context(java_script_enabled=False).new_page()
    page.goto("/saisir-la-cnil/")

    def before(selector):
        return page.eval_on_selector(selector, "node => getComputedStyle(node, '::before').content")

    complaint = plain(page.locator("#document").inner_text())
    for variant in ["dont je suis titulaire", "de mon enfant", "de la personne dont je suis", "à son nom"]:
        assert variant in complaint
    assert "le représentant légal" in complaint and "la représentante légale" in complaint
    assert before("#document [data-when-gender=f]") == '" / "'  # « le représentant légal / la représentante… »
    assert before("#document [data-when-who=child]") == '" / "'  # « dont je suis titulaire / de mon enfant… »
    assert before("#document p[data-when-outcome=none]") == '"☐ "'  # a box to tick by hand
    assert "Aucune réponse n'est parvenue" in complaint and "la caisse a refusé cette demande" in complaint
    assert before("#document p[data-when-who=adult]") == '"☐ "'  # for a relative, with their mandate
    assert pages_of(page.pdf(format="A4")) == 1


def test_a_legal_representative_chooses_representant_or_representante(page, live_server):
    page.goto("/ecrire-a-ma-caisse/?kind=closure&for=represented")
    fill_letter(page)

    def said():
        letter = plain(page.locator("#document").inner_text()).replace("\u202f", " ")
        return letter, page.input_value("#email-text").replace("\u202f", " ")

    letter, email = said()  # nothing chosen yet: both, as on paper
    assert "en tant que représentant légal / représentante légale de la personne désignée" in email
    assert "en tant que représentant légalreprésentante légale de la personne désignée" in letter
    slash = "node => getComputedStyle(node, '::before').content"
    assert page.eval_on_selector("#document [data-when-gender=f]", slash) == '" / "'
    page.check("#f-gender-f")
    for part in said():
        assert "en tant que représentante légale de la personne désignée ci-dessous" in part
        assert "représentant légal" not in part
    page.check("#f-gender-m")
    for part in said():
        assert "en tant que représentant légal de la personne désignée ci-dessous" in part
        assert "représentante" not in part
    assert pages_of(page.pdf(format="A4")) == 1


def test_the_letter_says_where_it_goes_in_the_letter_and_in_the_email_alike(page, live_server):
    page.goto("/ecrire-a-ma-caisse/?kind=closure&for=self")
    fill_letter(page)

    sentence = (
        "Je vous adresse cette demande, à l'attention de votre délégué à la protection des données, afin que vous la "
        "traitiez ou que vous la transmettiez à l'opérateur de l'espace, la Caisse nationale de l'assurance maladie"
    )
    assert sentence in plain(page.locator("#document").inner_text())
    assert sentence in plain(page.input_value("#email-text"))
    assert "À l'attention du délégué à la protection des données" in plain(page.locator(".letter__to").inner_text())


def test_a_complaint_for_a_relative_is_made_with_their_mandate(page, live_server):
    page.goto("/saisir-la-cnil/")
    assert page.locator("#f-person-name").is_hidden()
    page.check("#f-who-adult")
    page.check("#f-kind-closure")
    page.fill("#f-person-name", "Jeanne Martin")
    page.fill("#f-sender-name", "Marie Dupont")
    page.fill("#f-caisse-name", "la CPAM du Rhône")
    page.fill("#f-sent", "2026-05-04")

    complaint = plain(page.locator("#document").inner_text()).replace("\u202f", " ")
    assert "Je vous saisis pour le compte de Jeanne Martin, qui m'a donné mandat pour cette plainte" in complaint
    assert "Le 4 mai 2026, Jeanne Martin a adressé à la CPAM du Rhône une demande de clôture" in complaint
    assert "de l'espace « Mon espace santé » à son nom" in complaint and "j'ai adressé" not in complaint
    assert "le mandat signé, et la chronologie des démarches" in complaint
    assert "Je vous saisis pour le compte de Jeanne Martin" in page.input_value("#email-text")

    page.get_by_role("link", name="à préparer ici").click()
    page.wait_for_url(re.compile(r"/saisir-la-cnil/mandat/$"))


def test_the_mandate_is_built_in_the_browser_and_prints_on_one_page(page, live_server):
    page.goto("/saisir-la-cnil/mandat/")
    page.wait_for_load_state("networkidle")
    requests = []
    page.on("request", lambda request: requests.append(request.url))

    page.check("#f-kind-opposition")
    page.type("#f-mandant-name", "Jeanne Martin", delay=2)
    page.fill("#f-mandant-address", "3 chemin des Vignes\n69440 Mornant")
    page.type("#f-helper-name", "Marie-Hélène Dupont-Lefebvre", delay=2)
    page.fill("#f-helper-address", "12 rue des Tilleuls, bâtiment B, appartement 42\n69003 Lyon")
    page.fill("#f-caisse-name", "la caisse primaire d'assurance maladie du Rhône")
    page.fill("#f-place", "Mornant")

    assert requests == []
    assert page.locator("main form").count() == 0
    mandate = plain(page.locator("#document").inner_text()).replace("\u202f", " ")
    assert "Moi, Jeanne Martin, demeurant" in mandate and "je donne mandat à Marie-Hélène Dupont-Lefebvre" in mandate
    assert "au sujet de ma demande d'opposition à la création de mon espace « Mon espace santé »" in mandate
    assert "de clôture de mon espace" not in mandate
    assert mandate.count("Jeanne Martin") == 2  # in the text and under the signature
    pdf = page.pdf(format="A4")
    assert pages_of(pdf) == 1
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert "Mandat pour saisir la CNIL" in text and "Compléter le mandat" not in text


def test_without_javascript_the_mandate_is_a_form_to_fill_by_hand_on_one_page(new_context, live_server):
    page = new_context(java_script_enabled=False).new_page()
    page.goto("/saisir-la-cnil/mandat/")

    assert page.locator("#builder").is_hidden()
    assert page.locator("#document .slot__blank").count() >= 9  # names, addresses, caisse, place, date
    mandate = plain(page.locator("#document").inner_text())
    assert "de clôture de mon espace" in mandate and "d'opposition à la création" in mandate
    assert pages_of(page.pdf(format="A4")) == 1


def sign_in(page, user):
    """Signed in, whatever the session's state (sessions last two weeks: time moves on in the journey)."""
    page.goto("/suivi/")
    if "/compte/connexion/" in page.url:
        page.get_by_label("Adresse électronique").fill(user.email)
        page.get_by_label("Mot de passe").fill(PASSWORD)
        page.locator("main").get_by_role("button", name="Se connecter").click()
        page.wait_for_url(re.compile(r"/suivi/$"))


def overdue_closure(user, label="Moi", relation="self"):
    """A closure asked online four months ago, never confirmed."""
    asked = timezone.now() - timedelta(days=120)
    case = services.case_open(
        person=PersonFactory(owner=user, label=label, relation=relation), route="closure", letter=None, now=asked
    )
    services.step_mark_done(case=case, kind="code_received", now=asked)
    services.step_mark_done(case=case, kind="close_space", now=asked)
    return case


def test_from_an_overdue_closure_to_the_cnil(page, smtp_server, assert_accessible):
    """The issue's « done when »: print the request, record its sending and delivery, get the reminder when the
    answer is late, reach the CNIL page with everything to attach."""
    user = UserFactory()
    case = overdue_closure(user)
    sign_in(page, user)

    page.goto(f"/suivi/demarches/{case.pk}/")
    assert "Ce délai est passé." in plain(page.locator(".situation").inner_text())
    assert_accessible(page)
    page.get_by_role("link", name="Demander la suppression par écrit").click()

    page.wait_for_url(re.compile(r"/demande-ecrite/lettre/$"))
    fill_letter(page)
    assert "j'ai déjà demandé en ligne la clôture de cet espace" in plain(page.locator("#document").inner_text())
    assert pages_of(page.pdf(format="A4")) == 1
    assert_accessible(page)

    page.get_by_role("link", name="notez l’envoi").click()
    today = timezone.localdate()
    assert page.input_value("#id_sent_on") == today.strftime("%d/%m/%Y")
    page.get_by_label("courrier recommandé avec avis de réception").check()
    page.get_by_role("button", name="Enregistrer").click()
    page.wait_for_url(re.compile(rf"/suivi/demarches/{case.pk}/#written-request$"))
    assert "C'est noté" in plain(page.get_by_role("status").first.inner_text())
    assert "(estimation)" in plain(page.locator("#written-request").inner_text())

    delivered = today + timedelta(days=2)
    with time_machine.travel(timezone.now() + timedelta(days=3)):  # the acknowledgment of receipt is back
        sign_in(page, user)
        page.goto(f"/suivi/demarches/{case.pk}/")
        page.get_by_role("link", name="Noter une date").click()
        page.get_by_label("Date de réception par la caisse").fill(delivered.isoformat())
        page.get_by_role("button", name="Enregistrer").click()
        page.wait_for_url(re.compile(r"#written-request$"))
        section = plain(page.locator("#written-request").inner_text())
        assert "(estimation)" not in section
        due = deadlines.answer_due(today, delivered)
        assert WrittenRequest.objects.get().delivered_on == delivered

    late = timezone.make_aware(timezone.datetime.combine(due + timedelta(days=1), timezone.datetime.min.time()))
    with time_machine.travel(late + timedelta(hours=9, minutes=5)):  # the morning after the answer was due
        # The reminders due before then went out in their time.
        case.reminders.exclude(kind="answer-late").filter(status="pending", due_at__lt=late).update(status="sent")
        assert dispatch.dispatch_due(clock=timezone.now).sent == 1
        [message] = smtp_server.messages
        assert "vous pouvez saisir la CNIL" in message["Subject"].replace("\u202f", " ")
        body = message.get_body(preferencelist=("plain",)).get_content()
        complaint_url = re.search(r"http://\S+(/suivi/demarches/\d+/cnil/)", body).group(1)

        sign_in(page, user)
        page.goto(complaint_url)
        status = plain(page.locator(".complaint-status").inner_text()).replace("\u202f", " ")
        assert "Ce délai est passé : vous pouvez saisir la CNIL dès maintenant." in status
        attach = plain(page.locator("main").inner_text())
        assert "la copie de votre lettre" in attach and "l'avis de réception du recommandé" in attach
        assert "3 Place de Fontenoy" in attach
        assert page.input_value("#f-delivered") == delivered.strftime("%d/%m/%Y")
        assert_accessible(page)

        page.get_by_role("link", name="la chronologie de votre démarche").click()
        timeline = plain(page.locator("main").inner_text())
        assert "Demande écrite envoyée le" in timeline and "Demande écrite reçue par la caisse le" in timeline
        assert "aucune réponse notée" in timeline
        assert_accessible(page)


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_new_pages_are_accessible(new_context, live_server, axe_check, language):
    context = new_context()
    context.add_cookies([{"name": "language", "value": language, "url": live_server.url}])
    page = context.new_page()
    for url in [
        "/ecrire-a-ma-caisse/",
        "/ecrire-a-ma-caisse/?kind=opposition&for=represented",
        "/saisir-la-cnil/mandat/",
        "/saisir-la-cnil/",
    ]:
        page.goto(url)
        assert page.locator("html").get_attribute("lang") == language
        axe_check(page)
    page.fill("#f-sender-name", "Marie Dupont")
    axe_check(page)

    user = UserFactory(language=language)
    case = overdue_closure(user, label="Léa", relation="child")
    page.goto("/compte/connexion/")
    page.fill("#id_login", user.email)
    page.fill("#id_password", PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_url("**/suivi/")
    for url in [
        f"/suivi/demarches/{case.pk}/",
        f"/suivi/demarches/{case.pk}/demande-ecrite/",
        f"/suivi/demarches/{case.pk}/demande-ecrite/lettre/",
        f"/suivi/demarches/{case.pk}/cnil/",
        f"/suivi/demarches/{case.pk}/chronologie/",
    ]:
        page.goto(url)
        axe_check(page)
    page.goto(f"/suivi/demarches/{case.pk}/demande-ecrite/")
    page.fill("#id_sent_on", (timezone.localdate() + timedelta(days=3)).isoformat())
    page.locator("main form button[type=submit]").first.click()
    assert page.locator(".error-summary").count() == 1
    axe_check(page)
    page.fill("#id_sent_on", timezone.localdate().isoformat())
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(re.compile(r"#written-request$"))
    axe_check(page)
    page.goto("/suivi/")
    axe_check(page)
    context.close()
