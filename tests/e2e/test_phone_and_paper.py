"""On a 390 px phone and on paper: the new-case flow through errors, refused notes, one A4 case sheet."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from optout import services
from optout.services import LetterData
from tests.e2e.test_accessibility import sign_in
from tests.factories import PersonFactory, UserFactory
from tests.helpers import plain

pytestmark = pytest.mark.django_db(transaction=True)

NIR = "1 84 12 76 451 089 46"  # a valid key: refused wherever it is typed


def pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))


def test_the_new_case_flow_keeps_its_step_and_data_through_an_error_at_each_step(phone_page):
    page = phone_page
    sign_in(page, UserFactory())
    page.goto(reverse("case_new"))

    # Step 1: a name but no relation.
    page.get_by_label("Nom ou prénom").fill("Léa")
    page.get_by_role("button", name="Continuer").click()
    assert "Étape 1 sur 3" in plain(page.locator("main").inner_text())
    assert page.get_by_label("Nom ou prénom").input_value() == "Léa"
    assert page.locator("#div_id_relation .invalid-feedback, #div_id_relation .text-danger").count() >= 1
    page.get_by_label("mon enfant").check()
    page.get_by_role("button", name="Continuer").click()

    # Step 2: a date in the future.
    page.wait_for_url(re.compile(r"/personnes/\d+/nouvelle-demarche/$"))
    today = timezone.localdate()
    page.get_by_label("un courrier postal").check()
    page.get_by_label("Date imprimée sur le courrier ou le courriel").fill((today - timedelta(days=3)).isoformat())
    page.get_by_label("Date à laquelle vous l’avez reçu").fill((today + timedelta(days=2)).isoformat())
    page.get_by_role("button", name="Continuer").click()
    main = plain(page.locator("main").inner_text())
    assert "Étape 2 sur 3" in main and "La date de réception ne peut pas être dans le futur." in main
    assert (
        page.get_by_label("Date imprimée sur le courrier ou le courriel").input_value()
        == (today - timedelta(days=3)).isoformat()
    )
    assert page.get_by_label("un courrier postal").is_checked()
    page.get_by_label("Date à laquelle vous l’avez reçu").fill(today.isoformat())
    page.get_by_role("button", name="Continuer").click()

    # Step 3: no route chosen.
    page.wait_for_selector("text=Étape 3 sur 3")
    page.evaluate("document.querySelectorAll('input[name=route]').forEach((r) => { r.checked = false; })")
    page.get_by_role("button", name="Commencer cette démarche").click()
    assert "Étape 3 sur 3" in plain(page.locator("main").inner_text())
    page.locator("input[name=route][value=phone]").check()
    page.get_by_role("button", name="Commencer cette démarche").click()

    page.wait_for_url(re.compile(r"/suivi/demarches/\d+/$"))
    assert "La démarche est créée." in plain(page.locator("main").inner_text())
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_a_refused_note_keeps_its_text_with_the_error_beside_it_and_the_3422_calls(phone_page):
    page = phone_page
    user = UserFactory()
    case = services.case_open(
        person=PersonFactory(owner=user),
        route="phone",
        letter=LetterData("post", timezone.localdate() - timedelta(days=3), timezone.localdate(), False),
        now=timezone.now(),
    )
    sign_in(page, user)
    page.goto(reverse("case_detail", args=[case.pk]))
    assert page.locator('a[href="tel:3422"]').count() >= 2

    step = page.locator("#step-call")
    step.locator("summary").click()
    step.locator("#note-call").fill(f"rappelée, numéro {NIR}")
    step.get_by_role("button", name=re.compile("C’est fait")).click()

    note = page.locator("#note-call")
    assert note.input_value() == f"rappelée, numéro {NIR}"
    assert note.get_attribute("aria-invalid") == "true"
    assert "nous n'enregistrons ni numéro de sécurité sociale" in plain(page.locator("#note-call-error").inner_text())
    case.refresh_from_db()
    assert case.status == "open"


def open_rich_case(user, route: str, relation: str):
    """A case with every part its sheet can show: steps done, calls with notes, the longest texts (a mutual
    section's member, whose steps say no ameli account is needed)."""
    label = "Moi" if relation == "self" else "Marie-Charlotte"
    person = PersonFactory(owner=user, label=label, relation=relation)
    today = timezone.localdate()
    letter = (
        None
        if route == "closure"
        else LetterData("post", today - timedelta(days=5), today - timedelta(days=2), False, scheme="mutual")
    )
    case = services.case_open(person=person, route=route, letter=letter, now=timezone.now())
    if route == "phone":
        for outcome in ("asked_for_code", "no_answer", "other"):
            services.call_log(
                case=case, outcome=outcome, note="plateforme Est, conseillère aimable", now=timezone.now()
            )
    first_step = case.route_spec.steps[0].kind
    services.step_mark_done(case=case, kind=first_step, now=timezone.now(), note="fait en avance")
    return case


@pytest.mark.parametrize("language", ["fr", "en"])
def test_every_case_sheet_prints_on_exactly_one_a4_page_and_is_accessible(
    new_context, live_server, axe_check, language
):
    # In La Réunion: the 3422's hours come in Paris time and in Réunion time, the longest way.
    user = UserFactory(language=language, time_zone="Indian/Reunion", departement="974")
    context = new_context()
    context.add_cookies([{"name": "language", "value": language, "url": live_server.url}])
    page = context.new_page()
    cases = [
        open_rich_case(user, route, relation)
        for route in ("phone", "online", "closure")
        for relation in ("self", "child", "represented", "adult")
        if not (relation == "self" and route != "phone")  # only one « moi-même » per account
    ]
    sign_in(page, user)
    for case in cases:
        page.set_viewport_size({"width": 1280, "height": 720})
        page.goto(reverse("case_sheet", args=[case.pk]))
        assert page.locator("html").get_attribute("lang") == language
        page.emulate_media(media="print")
        axe_check(page)
        pages = pdf_pages(page.pdf(format="A4"))
        assert pages == 1, f"{case.route} for {case.person.relation}: {pages} pages"
        page.emulate_media(media="screen")
        axe_check(page)
        page.set_viewport_size({"width": 390, "height": 844})  # on a phone, before printing
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"{case.route} for {case.person.relation}: {width} px wide on a 390 px screen"
    page.goto(reverse("account_export_page"))
    axe_check(page)
    page.emulate_media(media="print")
    axe_check(page)
    context.close()


def test_a_space_already_open_asks_nothing_about_a_letter(phone_page):
    page = phone_page
    user = UserFactory()
    person = PersonFactory(owner=user, label="Léa", relation="child")
    sign_in(page, user)
    page.goto(reverse("case_new_for", args=[person.pk]))
    assert page.get_by_label("Date à laquelle vous l’avez reçu").is_visible()

    page.get_by_label("Son espace est déjà ouvert : je veux le clôturer").check()

    for label in ("Date à laquelle vous l'avez reçu", "Date imprimée sur le courrier ou le courriel"):
        assert not page.get_by_label(label).is_visible()
    assert not page.get_by_label("un courrier postal").is_visible()
    page.get_by_role("button", name="Continuer").click()
    page.wait_for_selector("text=Étape 3 sur 3")
    assert "Clôturer un espace déjà ouvert" in plain(page.locator("main").inner_text())


def test_without_the_letter_only_its_rough_date_is_asked_and_the_dates_are_said_estimated(phone_page):
    page = phone_page
    user = UserFactory()
    person = PersonFactory(owner=user, label="Moi", relation="self")
    sign_in(page, user)
    page.goto(reverse("case_new_for", args=[person.pk]))
    assert not page.get_by_label("une notification", exact=True).is_visible()  # a letter in hand: not a notification

    page.get_by_label(re.compile("J’ai reçu une notification, ou je n’ai plus le courrier")).check()

    assert not page.get_by_label("Date imprimée sur le courrier ou le courriel").is_visible()
    page.get_by_label("une notification", exact=True).check()
    page.get_by_label("Date à laquelle vous l’avez reçu").fill((timezone.localdate() - timedelta(days=2)).isoformat())
    page.get_by_role("button", name="Continuer").click()
    page.wait_for_selector("text=Étape 3 sur 3")
    assert "(date estimée)" in plain(page.locator("main").inner_text())
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_next_action_and_the_window_picture_come_first_on_a_phone_and_on_paper(
    new_context, live_server, axe_check, language
):
    user = UserFactory(language=language)
    person = PersonFactory(owner=user, label="Léa", relation="child")
    today = timezone.localdate()
    letter = LetterData(
        channel="post", sent_on=today - timedelta(days=3), received_on=today - timedelta(days=1), had_code=False
    )
    case = services.case_open(person=person, route="phone", letter=letter, now=timezone.now())
    context = new_context()
    context.add_cookies([{"name": "language", "value": language, "url": live_server.url}])
    page = context.new_page()
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, user)

    page.goto(reverse("case_detail", args=[case.pk]))

    action = page.locator(".headline__action").first
    box = action.bounding_box()
    assert box is not None and box["y"] + box["height"] <= 844, "the action is not in the first screen"
    svg = page.locator("svg.window-picture__svg")
    assert svg.is_visible()
    svg_box = svg.bounding_box()
    assert svg_box["x"] >= 0 and svg_box["x"] + svg_box["width"] <= 390
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    # The picture in words, as its accessible name, for screen readers.
    named = page.get_by_role("img", name=re.compile("Aujourd’hui" if language == "fr" else "Today"))
    assert named.count() == 1 and named.first.is_visible()
    axe_check(page)
    page.emulate_media(media="print")
    assert action.is_visible() and svg.is_visible()
    axe_check(page)
    context.close()


#: 16 pt in CSS pixels (a point is 1/72 inch, a pixel 1/96).
SIXTEEN_PT = 16 * 96 / 72

SMALLEST_TEXT = """() => {
  let smallest = Infinity, where = '';
  for (const el of document.querySelectorAll('.together, .together *')) {
    const own = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim());
    if (!own) continue;
    const size = parseFloat(getComputedStyle(el).fontSize);
    if (size < smallest) { smallest = size; where = el.textContent.trim().slice(0, 40); }
  }
  return [smallest, where];
}"""


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_large_print_sheet_prints_on_one_a4_page_at_16_pt_or_more(new_context, live_server, axe_check, language):
    user = UserFactory(language=language)
    today = timezone.localdate()
    letter = LetterData("post", today - timedelta(days=3), today - timedelta(days=1), False)
    cases = []
    for route, relation, can_call in [
        ("phone", "helped", True),
        ("online", "helped", True),
        ("online", "adult", False),
        ("closure", "helped", True),
    ]:
        person = PersonFactory(owner=user, label="Marie-Charlotte", relation=relation, can_call=can_call)
        cases.append(
            services.case_open(
                person=person, route=route, letter=None if route == "closure" else letter, now=timezone.now()
            )
        )
    context = new_context()
    context.add_cookies([{"name": "language", "value": language, "url": live_server.url}])
    page = context.new_page()
    sign_in(page, user)
    for case in cases:
        page.goto(reverse("case_detail", args=[case.pk]))
        page.locator(f"a[href='{reverse('case_together_sheet', args=[case.pk])}']").click()
        assert "Marie-Charlotte" in page.locator("h1").inner_text()
        axe_check(page)
        page.emulate_media(media="print")
        axe_check(page)
        smallest, where = page.evaluate(SMALLEST_TEXT)
        assert smallest >= SIXTEEN_PT - 0.01, f"{case.route}: {smallest:.1f} px at « {where} »"
        pages = pdf_pages(page.pdf(format="A4"))
        assert pages == 1, f"{case.route} for {case.person.relation}: {pages} pages"
        page.emulate_media(media="screen")
        page.set_viewport_size({"width": 390, "height": 844})
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        page.set_viewport_size({"width": 1280, "height": 720})
    context.close()
