"""Where a case stands today, from its status and its letter's phase (optout/state.py, pure)."""

from datetime import date

import pytest

from optout import deadlines
from optout.state import situation_of

# Act by Saturday 28 November 2026, legal deadline Tuesday 8 December, opens 9 December.
B = deadlines.deadlines_for(date(2026, 10, 27), date(2026, 10, 28))


@pytest.mark.parametrize(
    ("status", "today", "expected"),
    [
        ("open", "2026-11-28", "safe"),
        ("open", "2026-11-29", "late"),
        ("open", "2026-12-08", "late"),
        ("open", "2026-12-09", "space-open"),  # before the periodic job has moved it
        ("closing", "2026-11-20", "not-open-yet"),  # closure chosen while an opposition is in time
        ("closing", "2026-12-08", "not-open-yet"),
        ("closing", "2026-12-09", "space-open"),
        ("closure_requested", "2026-12-20", "closure-requested"),
        ("opposed", "2026-11-20", "opposed"),
        ("closed", "2027-03-20", "closed"),
    ],
)
def test_a_case_with_a_letter(status, today, expected):
    assert situation_of(status, B.on(date.fromisoformat(today))) == expected


@pytest.mark.parametrize(
    ("status", "expected"),
    [("closing", "space-open"), ("closure_requested", "closure-requested"), ("closed", "closed")],
)
def test_a_space_already_open_has_no_letter(status, expected):
    assert situation_of(status, None) == expected
