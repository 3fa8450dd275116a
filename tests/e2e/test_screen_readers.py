"""What a screen reader reads of the next action and the window picture, in order (Chromium's accessibility
tree, through Playwright's ARIA snapshot): the countdown in words (never « J-12 »), what the day is, the
instruction, why; then the picture, named, with every date in words, and its legend as a list."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from optout import services
from optout.actions import next_action
from optout.services import LetterData
from optout.wording.clock import countdown, countdown_words
from tests.factories import PASSWORD, PersonFactory, UserFactory
from tests.helpers import plain

pytestmark = pytest.mark.django_db(transaction=True)

WORDS = {
    "fr": {"label": "Dernier jour conseillé", "do": "Appelez le", "figure": "Les dates en image", "today": "Aujourd"},
    "en": {"label": "Last advised day", "do": "Call", "figure": "The dates as a picture", "today": "Today"},
}


def sign_in(page, user):
    page.goto(reverse("account_login"))
    page.fill("#id_login", user.email)
    page.fill("#id_password", PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_url("**/suivi/")


def in_order(snapshot: str, *parts: str) -> bool:
    """Each part is read after the one before it."""
    at = 0
    for part in parts:
        found = snapshot.find(part, at)
        if found < 0:
            return False
        at = found + len(part)
    return True


@pytest.mark.accessibility("screen-reader-order")
@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("can_call", [True, False])
def test_the_next_action_and_the_picture_are_read_in_order(new_context, live_server, language, can_call):
    user = UserFactory(language=language)
    person = PersonFactory(owner=user, label="Léa", relation="child", can_call=can_call)
    today = timezone.localdate()
    sent, received = today - timedelta(days=3), today - timedelta(days=1)
    route = "phone" if can_call else "online"
    case = services.case_open(
        person=person, route=route, letter=LetterData("post", sent, received, False), now=timezone.now()
    )
    action = next_action(sent_on=sent, received_on=received, route=route, now=timezone.now(), can_call=can_call)
    days = action.days_left(timezone.now())
    with translation.override(language):
        shown, said = plain(countdown(days)), plain(countdown_words(days))
    words = WORDS[language]
    context = new_context()
    context.add_cookies([{"name": "language", "value": language, "url": live_server.url}])
    page = context.new_page()
    sign_in(page, user)

    card = plain(page.locator("article.case-card").aria_snapshot())
    page.goto(reverse("case_detail", args=[case.pk]))
    situation = plain(page.locator("section.situation").aria_snapshot())

    for snapshot in (card, situation):
        assert in_order(snapshot, said, words["label"]), snapshot
        if shown != said:
            assert shown not in snapshot  # « J-12 » is for the eyes; the words are read
    do = words["do"] if can_call else ("Refuse" if language == "en" else "Refusez")
    assert in_order(situation, said, words["label"], do, "Léa", f'figure "{words["figure"]}"', 'img "'), situation
    picture = re.search(r'img "([^"]+)"', situation).group(1)
    assert picture.startswith(words["today"])
    assert str(action.deadlines.legal_deadline.year) in picture
    # Whether the 3422 answers on the last advised day and on the legal deadline, as the dates list says;
    # nothing of the 3422 for someone who cannot phone.
    assert ("3422" in picture) == can_call, picture
    legend = situation[situation.index('img "') :]
    assert re.search(r"- list:\n(\s+- listitem: .+\n?){3}", legend), legend
    context.close()
