"""The advised route follows the moment: the code in hand, the phone while it answers, online when only it
is left, closing once nothing else is; and its reasons are said to whoever acts."""

from datetime import date, datetime

import pytest
from django.utils import translation

from optout.advice import REASONS, call_advice, recommend_route
from optout.deadlines import PARIS, deadlines_for
from optout.vocabulary import CallOutcome
from optout.wording import Who

# Sent Tuesday 20 October 2026: the legal deadline is Tuesday 1 December; received the 22nd, act by
# Sunday 22 November, whose last call day is Friday 20 November.
SENT, RECEIVED = date(2026, 10, 20), date(2026, 10, 22)


def paris(*args):
    return datetime(*args, tzinfo=PARIS)


@pytest.mark.parametrize(
    ("now", "had_code", "route", "reason"),
    [
        (paris(2026, 11, 2, 10), True, "online", "code-in-hand"),
        (paris(2026, 11, 2, 10), False, "phone", "no-code"),
        (paris(2026, 11, 2, 10), None, "phone", "code-unknown"),
        (paris(2026, 11, 20, 16, 59), None, "phone", "code-unknown"),
        # Friday 20 November after 17:00: the advised Sunday is out of the phone's reach; the legal deadline is not.
        (paris(2026, 11, 20, 17, 1), None, "phone", "late-but-legal"),
        (paris(2026, 11, 25, 9), False, "phone", "late-but-legal"),
        (paris(2026, 11, 25, 9), True, "phone", "late-but-legal"),  # past the advised day: the quickest way
        (paris(2026, 12, 1, 17, 30), None, "online", "late-online-only"),  # the line closed for good at 17:00
        (paris(2026, 12, 2, 9), None, "closure", "window-passed"),
    ],
)
def test_the_advice_follows_the_moment(now, had_code, route, reason):
    advice = recommend_route(deadlines=deadlines_for(SENT, RECEIVED), had_code=had_code, now=now)

    assert (advice.route, advice.reason_code) == (route, reason)


def test_the_routes_offered_are_those_still_possible():
    d = deadlines_for(SENT, RECEIVED)

    assert recommend_route(deadlines=d, had_code=None, now=paris(2026, 11, 2)).allowed_routes == (
        "phone",
        "online",
        "closure",
    )
    assert recommend_route(deadlines=d, had_code=None, now=paris(2026, 12, 1, 18)).allowed_routes == (
        "online",
        "closure",
    )
    assert recommend_route(deadlines=d, had_code=None, now=paris(2026, 12, 2)).allowed_routes == ("closure",)


def test_when_the_line_no_longer_answers_before_the_legal_deadline_the_advice_is_online():
    # Sent Saturday 24 October 2026: the legal deadline is Saturday 5 December, the line's last day Friday 4.
    d = deadlines_for(date(2026, 10, 24), date(2026, 10, 26))

    advice = recommend_route(deadlines=d, had_code=None, now=paris(2026, 12, 5, 9))

    assert advice.route == "online"
    assert "Le 3422 ne répond plus d’ici le délai légal" in str(advice.reason)


def test_the_reasons_never_claim_the_line_asks_for_no_code():
    for code in ("no-code", "code-unknown", "late-but-legal"):
        with translation.override("fr"):
            text = REASONS[code].self
            assert "normalement pas de code" not in str(text)
            assert "demandent le code provisoire" in str(text)


@pytest.mark.parametrize("code", ["no-code", "code-in-hand", "late-online-only", "late-but-legal"])
def test_another_adult_is_never_told_you(code):
    jeanne = Who(relation="adult", label="Jeanne")
    with translation.override("fr"):
        text = REASONS[code].to(jeanne)
    assert "Jeanne" in text
    assert "Vous n’avez" not in text
    assert "vous pouvez" not in text.lower()


def test_after_a_call_the_advice_is_said_to_whoever_called_with_the_lines_hours():
    with translation.override("fr"):
        mine = call_advice(CallOutcome.NO_ANSWER, Who(relation="self", label=""))
        hers = call_advice(CallOutcome.NO_ANSWER, Who(relation="adult", label="Jeanne"))
    assert mine.startswith("Rappelez")
    assert "de 8 h 30 à 17 h" in mine.replace("\u00a0", " ")
    assert hers.startswith("Jeanne peut rappeler")


def test_the_vitale_app_is_no_reason_to_change_route():
    with translation.override("fr"):
        text = str(REASONS["code-in-hand"].self)
    assert "préférez le téléphone" not in text
    assert "carte Vitale, celle en plastique" in text.replace("’", "'")


@pytest.mark.parametrize(
    ("now", "had_code", "route", "reason"),
    [
        (paris(2026, 11, 2, 10), True, "online", "code-in-hand"),
        (paris(2026, 11, 2, 10), False, "online", "no-phone"),
        (paris(2026, 11, 2, 10), None, "online", "no-phone"),
        (paris(2026, 11, 25, 9), False, "online", "no-phone"),  # past the advised day: still online, never the phone
        (paris(2026, 12, 2, 9), None, "closure", "window-passed"),
    ],
)
def test_someone_who_cannot_phone_is_advised_online_and_never_offered_the_phone(now, had_code, route, reason):
    advice = recommend_route(deadlines=deadlines_for(SENT, RECEIVED), had_code=had_code, now=now, can_call=False)
    assert (advice.route, advice.reason_code) == (route, reason)
    assert "phone" not in advice.allowed_routes
    for relation in ("self", "child", "represented", "adult", "helped"):
        with translation.override("fr"):
            said = advice.reason_for(Who(relation=relation, label="Jeanne", can_call=False))
        assert "3422" not in said and "appel" not in said.lower()
