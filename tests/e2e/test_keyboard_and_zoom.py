"""With the keyboard alone, zoomed to 200 %, with reduced motion: the journeys and pages still work.

Each test names what it proves for the accessibility statement (`@pytest.mark.accessibility`): its
outcome is recorded with the run's axe checks (tests/e2e/conftest.py, optout/accessibility.py).
"""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from optout import services
from optout.services import LetterData
from tests.e2e.test_journeys import focus_ring, sign_in, tab_to
from tests.factories import PASSWORD, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

#: How many times `window.print()` was called: the browser's print dialog cannot open headless.
COUNT_PRINTS = "window.__prints = 0; window.print = () => { window.__prints += 1; };"


def a_case(user, relation="self", route="phone"):
    person = PersonFactory(owner=user, label="Moi" if relation == "self" else "Jeanne", relation=relation)
    today = timezone.localdate()
    letter = LetterData("post", today - timedelta(days=4), today - timedelta(days=2), False)
    return services.case_open(person=person, route=route, letter=letter, now=timezone.now())


def pages_to_walk(user):
    """Public and signed-in pages, with one of each kind of form, sheet and statement."""
    case = a_case(user)
    today = timezone.localdate()
    return [
        "/",
        reverse("calculator") + f"?received_on={today.isoformat()}",
        reverse("accessibility"),
        reverse("dashboard"),
        reverse("case_new"),
        reverse("people"),
        reverse("case_detail", args=[case.pk]),
        reverse("case_sheet", args=[case.pk]),
        reverse("account"),
    ]


@pytest.mark.accessibility("keyboard-sign-up")
def test_signing_up_with_the_keyboard_alone(page):
    page.goto("/")
    tab_to(page, "Créer un compte gratuit")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/inscription/$"))
    tab_to(page, "Adresse électronique")
    page.keyboard.type("camille@example.org")
    tab_to(page, "Mot de passe")
    page.keyboard.type(PASSWORD)
    tab_to(page, "Mot de passe (confirmation)")
    page.keyboard.type(PASSWORD)
    tab_to(page, "Créer mon compte")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/compte/courriel/confirmation/$"))


@pytest.mark.accessibility("keyboard-print")
def test_printing_a_case_sheet_and_the_large_print_sheet_with_the_keyboard_alone(page):
    user = UserFactory()
    case = a_case(user, relation="helped")
    page.add_init_script(COUNT_PRINTS)
    sign_in(page, user)
    page.goto(reverse("case_detail", args=[case.pk]))

    tab_to(page, "Imprimer une fiche de la démarche")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/fiche/$"))
    tab_to(page, "Imprimer")
    page.keyboard.press("Enter")
    assert page.evaluate("window.__prints") == 1

    page.goto(reverse("case_detail", args=[case.pk]))
    tab_to(page, "Imprimer la fiche en gros caractères")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/fiche-ensemble/$"))
    tab_to(page, "Imprimer")
    page.keyboard.press("Space")
    assert page.evaluate("window.__prints") == 1


TABBABLE = """() => [...document.querySelectorAll(
  'a[href], button:not([disabled]), input:not([type=hidden]):not([disabled]), select, textarea, summary, [tabindex]'
)].filter((e) => e.tabIndex >= 0 && e.getClientRects().length).length"""


@pytest.mark.accessibility("no-keyboard-trap")
def test_tab_goes_through_every_page_to_its_end_with_the_focus_always_visible(page):
    user = UserFactory()
    urls = pages_to_walk(user)
    sign_in(page, user)
    for url in urls:
        page.goto(url)
        stops = page.evaluate(TABBABLE)
        seen, left_the_page = [], False
        for _ in range(stops + 10):
            page.keyboard.press("Tab")
            focused = page.evaluate(
                "document.activeElement === document.body ? null : document.activeElement.outerHTML"
            )
            if focused is None or (seen and focused == seen[0]):
                left_the_page = True  # past the last control: back to the browser, or round to the first
                break
            assert focus_ring(page), f"{url}: no visible focus on {focused[:80]}"
            seen.append(focused)
        assert left_the_page, f"{url}: Tab never left the page after {len(seen)} stops"
        assert len(seen) >= min(stops, 3), url


@pytest.mark.accessibility("zoom-200")
def test_pages_zoomed_to_200_percent_need_no_sideways_scrolling(page, axe_check):
    user = UserFactory()
    urls = pages_to_walk(user)
    sign_in(page, user)
    # 200 % of a 1280 × 900 window: 640 × 450 CSS pixels.
    page.set_viewport_size({"width": 640, "height": 450})
    for url in urls:
        page.goto(url)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 640, f"{url}: {width} px wide at 200 %"
        assert page.get_by_role("heading", level=1).first.is_visible(), url
        axe_check(page)


MOVING = """() => {
  const seconds = (value) => Math.max(...value.split(',').map((part) => parseFloat(part) || 0));
  const moving = [];
  for (const el of document.querySelectorAll('*')) {
    const style = getComputedStyle(el);
    if (seconds(style.transitionDuration) > 0 || (style.animationName !== 'none' && seconds(style.animationDuration) > 0)) {
      moving.push(el.tagName + '.' + el.className);
    }
  }
  return [moving, getComputedStyle(document.documentElement).scrollBehavior];
}"""


@pytest.mark.accessibility("reduced-motion")
def test_nothing_moves_when_the_system_asks_for_reduced_motion(new_context, live_server):
    user = UserFactory()
    urls = pages_to_walk(user)
    context = new_context(reduced_motion="reduce")
    page = context.new_page()
    sign_in(page, user)
    for url in urls:
        page.goto(url)
        moving, scrolling = page.evaluate(MOVING)
        assert moving == [], f"{url}: {moving[:5]}"
        assert scrolling != "smooth", url
    context.close()
