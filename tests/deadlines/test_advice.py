"""The advised route follows the day: the code in hand, the phone while it answers, online when only it is left."""

from datetime import date

import pytest

from optout.advice import recommend_route
from optout.deadlines import deadlines_for

# Sent Tuesday 20 October 2026: the legal deadline is Tuesday 1 December; received the 22nd, act by 22 November.
SENT, RECEIVED = date(2026, 10, 20), date(2026, 10, 22)


@pytest.mark.parametrize(
    ("today", "had_code", "route", "reason"),
    [
        (date(2026, 11, 2), True, "online", "code-in-hand"),
        (date(2026, 11, 2), False, "phone", "no-code"),
        (date(2026, 11, 2), None, "phone", "code-unknown"),
        (date(2026, 11, 25), True, "phone", "late-but-legal"),  # the line answers until 1 December
        (date(2026, 12, 2), None, "closure", "window-passed"),
    ],
)
def test_the_advice_follows_the_day(today, had_code, route, reason):
    advice = recommend_route(deadlines=deadlines_for(SENT, RECEIVED), had_code=had_code, today=today)

    assert (advice.route, advice.reason_code) == (route, reason)


def test_when_the_line_no_longer_answers_before_the_legal_deadline_the_advice_is_online():
    # Sent Saturday 24 October 2026: the legal deadline is Saturday 5 December, the line's last day Friday 4.
    d = deadlines_for(date(2026, 10, 24), date(2026, 10, 26))

    advice = recommend_route(deadlines=d, had_code=None, today=date(2026, 12, 5))

    assert advice.route == "online"
    assert "Le 3422 ne répond plus d’ici le délai légal" in str(advice.reason)
