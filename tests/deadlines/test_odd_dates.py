"""A letter's odd dates (docs/rules.md, "The opposition window"): a letter that arrived more than
three weeks after its printed date, or more than a year ago, is flagged for a second look, and when
reading a date month first (« 11/02 » for 2 November) makes it an ordinary letter, that reading is
offered. Nothing is refused. Expected values counted with a calendar.
"""

from datetime import date

import pytest

from optout import deadlines as dl


def D(iso: str) -> date:
    return date.fromisoformat(iso)


TODAY = D("2026-11-25")


@pytest.mark.parametrize(
    ("sent", "received", "odd"),
    [
        pytest.param("2026-10-01", "2026-10-22", [], id="three-weeks-exactly-is-not-slow"),
        pytest.param("2026-10-01", "2026-10-23", [dl.ODD_SLOW], id="three-weeks-and-a-day-is-slow"),
        pytest.param(None, "2026-10-23", [], id="without-a-printed-date-never-slow"),
    ],
)
def test_a_letter_that_took_more_than_three_weeks_to_arrive_is_flagged(sent, received, odd):
    assert dl.odd_dates(sent and D(sent), D(received), TODAY) == odd


@pytest.mark.parametrize(
    ("received", "odd"),
    [
        pytest.param("2025-11-25", [], id="a-year-ago-to-the-day-is-not-old"),
        pytest.param("2025-11-24", [dl.ODD_OLD], id="a-year-and-a-day-ago-is-old"),
        pytest.param("2025-11-02", [dl.ODD_OLD], id="a-year-and-three-weeks-ago"),
    ],
)
def test_a_letter_that_arrived_more_than_a_year_ago_is_flagged(received, odd):
    assert dl.odd_dates(D(received), D(received), TODAY) == odd


def test_a_date_on_the_12th_reads_as_december_month_first_and_after_the_12th_cannot():
    assert dl.day_month_swapped(D("2026-03-12")) == D("2026-12-03")
    assert dl.day_month_swapped(D("2026-03-13")) is None
    assert dl.day_month_swapped(D("2026-04-04")) is None  # the same date either way
    assert dl.day_month_swapped(None) is None


@pytest.mark.parametrize(
    ("sent", "received"),
    [
        pytest.param("2026-11-20", "2026-11-20", id="arrived-the-day-it-was-sent"),
        pytest.param("2026-11-20", "2026-11-25", id="arrived-today"),
    ],
)
def test_an_ordinary_letter_gets_no_other_reading(sent, received):
    # 11/20 and 11/25 cannot be read month first anyway; 2026-11-02 → 2026-02-11 could, and is not offered.
    assert dl.other_reading(D(sent), D(received), TODAY) is None
    assert dl.other_reading(D("2026-11-02"), D("2026-11-02"), D("2026-11-02")) is None


def test_the_arrival_read_month_first_is_offered_when_the_printed_date_cannot_be():
    # Printed 20 November (no other reading); arrival typed « 03/12 » for 3 December, read 12 March.
    assert dl.other_reading(D("2026-11-20"), D("2026-03-12"), D("2026-12-10")) == (D("2026-11-20"), D("2026-12-03"))


def test_a_printed_date_that_cannot_be_read_month_first_is_never_dropped():
    # Printed 15 October, arrived 20 November (five weeks: slow). Neither reads month first: nothing to offer,
    # certainly not the letter without its printed date.
    assert dl.other_reading(D("2026-10-15"), D("2026-11-20"), TODAY) is None
    assert dl.odd_dates(D("2026-10-15"), D("2026-11-20"), TODAY) == [dl.ODD_SLOW]


def test_a_letter_typed_over_a_year_ago_that_read_month_first_arrived_within_the_year_is_offered():
    # Sent and received « 03/02/2025 » typed, on 20 February 2026: 3 February 2025 is over a year ago;
    # read month first, 2 March 2025, the same day for both, is an ordinary letter.
    assert dl.odd_dates(D("2025-02-03"), D("2025-02-03"), D("2026-02-20")) == [dl.ODD_OLD, dl.ODD_SWAP]
    assert dl.other_reading(D("2025-02-03"), D("2025-02-03"), D("2026-02-20")) == (D("2025-03-02"), D("2025-03-02"))


def test_an_arrival_typed_month_first_that_is_today_is_offered():
    # Printed 25 February 2026; arrived today, 2 March, typed « 03/02 » and read 3 February: out of order.
    assert dl.other_reading(D("2026-02-25"), D("2026-02-03"), D("2026-03-02")) == (D("2026-02-25"), D("2026-03-02"))
