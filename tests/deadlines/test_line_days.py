"""Counting the 3422's days back (`line_days_before`): the late phase's reminder comes two line days
before the last day to call, and the code-awaited one at the latest two line days before it. A day
the line does not answer — a Saturday, a Sunday, a national public holiday, or a regional one where
the person lives — is not counted (docs/rules.md, "The 3422 line").

Expected values worked out with a calendar: Easter Monday 6 April 2026, Whit Monday 25 May 2026,
8 May 2028 and 11 November 2030 are Mondays, so the line day before the Tuesday that follows is the
Friday before. In Alsace-Moselle (départements 57, 67 and 68) Good Friday (3 April 2026) and
26 December (a Tuesday in 2028) are public holidays too.
"""

import time
from dataclasses import dataclass
from datetime import UTC, date, datetime

import pytest

from optout import deadlines as dl


def D(iso: str) -> date:
    return date.fromisoformat(iso)


@pytest.mark.parametrize(
    ("day", "count", "departement", "expected"),
    [
        pytest.param("2026-04-07", 1, None, "2026-04-03", id="tuesday-after-easter-monday-one-back-is-the-friday"),
        pytest.param("2026-04-08", 2, None, "2026-04-03", id="wednesday-after-easter-monday-two-back-is-the-friday"),
        pytest.param("2026-04-09", 3, None, "2026-04-03", id="thursday-after-easter-monday-three-back-is-the-friday"),
        pytest.param("2026-04-06", 1, None, "2026-04-03", id="from-easter-monday-itself"),
        pytest.param("2026-05-26", 1, None, "2026-05-22", id="tuesday-after-whit-monday"),
        pytest.param("2026-05-27", 2, None, "2026-05-22", id="wednesday-after-whit-monday"),
        pytest.param("2028-05-09", 1, None, "2028-05-05", id="8-may-2028-a-monday"),
        pytest.param("2030-11-12", 1, None, "2030-11-08", id="11-november-2030-a-monday"),
        pytest.param("2030-11-13", 3, None, "2030-11-07", id="11-november-2030-three-back"),
    ],
)
def test_line_days_counted_back_skip_a_monday_public_holiday_and_the_weekend_before_it(
    day, count, departement, expected
):
    assert dl.line_days_before(D(day), count, departement) == D(expected)


@pytest.mark.parametrize("departement", ["57", "67", "68"])
def test_line_day_before_easter_monday_in_alsace_moselle_is_the_thursday(departement):
    # Good Friday, 3 April 2026, is a public holiday there too: the line answered last on Thursday 2 April.
    assert dl.line_days_before(D("2026-04-07"), 1, departement) == D("2026-04-02")
    assert dl.line_days_before(D("2026-04-08"), 2, departement) == D("2026-04-02")


def test_line_day_before_easter_monday_elsewhere_is_good_friday():
    # Good Friday is no national holiday: in Paris, or overseas, the line answers on 3 April 2026.
    for departement in (None, "75", "972"):
        assert dl.line_days_before(D("2026-04-07"), 1, departement) == D("2026-04-03")


@pytest.mark.parametrize(
    ("departement", "expected"),
    [
        pytest.param("57", "2028-12-22", id="moselle-26-december-and-christmas-then-the-weekend"),
        pytest.param("67", "2028-12-22", id="bas-rhin"),
        pytest.param("68", "2028-12-22", id="haut-rhin"),
        pytest.param(None, "2028-12-26", id="elsewhere-26-december-is-a-line-day"),
    ],
)
def test_line_day_before_27_december_2028_in_alsace_moselle_skips_26_december(departement, expected):
    assert dl.line_days_before(D("2028-12-27"), 1, departement) == D(expected)


def test_a_day_the_line_answers_counted_zero_days_back_is_itself():
    assert dl.line_days_before(D("2026-04-07"), 0) == D("2026-04-07")


# --- when the line next answers ---------------------------------------------------------------------

PARIS = dl.PARIS


def test_the_line_next_answers_after_good_friday_and_easter_monday_in_moselle():
    good_friday = datetime(2026, 4, 3, 10, 0, tzinfo=PARIS)
    # Open in Paris that morning; in Moselle closed until Tuesday 7 April at 8:30.
    assert dl.next_line_opening(good_friday) == good_friday
    assert dl.next_line_opening(good_friday, "57") == datetime(2026, 4, 7, 8, 30, tzinfo=PARIS)


def test_whether_and_when_the_line_answers_does_not_depend_on_the_servers_time_zone(monkeypatch):
    # A server whose clock is set to Kiritimati (UTC+14): Monday 2 March 2026 at 19:30 in Paris is already
    # Tuesday 8:30 there. The line still next answers on Tuesday at 8:30 Paris time, not on Wednesday.
    monkeypatch.setenv("TZ", "Pacific/Kiritimati")
    time.tzset()
    try:
        evening = datetime(2026, 3, 2, 19, 30, tzinfo=PARIS)
        assert dl.next_line_opening(evening) == datetime(2026, 3, 3, 8, 30, tzinfo=PARIS)
        assert dl.next_line_opening(evening.astimezone(UTC)) == datetime(2026, 3, 3, 8, 30, tzinfo=PARIS)
        # Monday 16:30 in Paris (Tuesday 5:30 there): the line answers.
        assert dl.is_line_open(datetime(2026, 3, 2, 16, 30, tzinfo=PARIS))
    finally:
        monkeypatch.undo()
        time.tzset()


def test_the_day_it_is_for_a_person_is_the_day_where_they_live_not_on_the_servers_clock(monkeypatch):
    # Friday 4 December 2026 at 23:30 UTC: already Saturday 5 December in Paris, still Friday evening in
    # Martinique; on a server set to Kiritimati (UTC+14) it is Saturday afternoon. Each person counts their own day.
    monkeypatch.setenv("TZ", "Pacific/Kiritimati")
    time.tzset()
    try:
        moment = datetime(2026, 12, 4, 23, 30, tzinfo=UTC)
        assert dl.local_today(moment, "Europe/Paris") == date(2026, 12, 5)
        assert dl.local_today(moment, "America/Martinique") == date(2026, 12, 4)
    finally:
        monkeypatch.undo()
        time.tzset()


# --- a letter's dates, from anything that has them ----------------------------------------------------


@dataclass
class Letter:
    sent_on: date | None
    received_on: date
    estimated: bool = False


def test_a_letters_dates_count_from_its_printed_date_with_the_holidays_where_the_person_lives():
    # Sent Wednesday 25 February 2026, received Friday 27 February: the legal deadline is Wednesday 8 April;
    # in Moselle the last day to call before act-by (Friday 27 March) is that Friday itself.
    dates = dl.of_letter(Letter(D("2026-02-25"), D("2026-02-27")), "57")
    assert (dates.sent_on, dates.legal_deadline, dates.departement) == (D("2026-02-25"), D("2026-04-08"), "57")
    assert dates.estimated is False
    # Good Friday, 3 April 2026, is the act-by of a letter received 3 March; the line is closed there in Moselle.
    moselle = dl.of_letter(Letter(D("2026-03-01"), D("2026-03-03")), "57")
    assert (moselle.act_by, moselle.last_call_day) == (D("2026-04-03"), D("2026-04-02"))


def test_the_dates_of_a_missing_letter_are_estimates_and_of_no_letter_none():
    assert dl.of_letter(Letter(None, D("2026-02-27"), estimated=True)).estimated is True
    assert dl.of_letter(None) is None


def test_a_public_holiday_is_named_in_the_readers_language_and_where_the_person_lives():
    # The pages say why the line is closed that day: « Lundi de Pâques » in French, "Easter Monday" in English;
    # Good Friday is a holiday in Moselle (57), not in Paris.
    assert dl.public_holiday(date(2026, 4, 6)) == "Lundi de Pâques"
    assert dl.public_holiday(date(2026, 4, 6), language="en") == "Easter Monday"
    assert dl.public_holiday(date(2026, 4, 3), "57") == "Vendredi saint"
    assert dl.public_holiday(date(2026, 4, 3), "57", language="en") == "Good Friday"
    assert dl.public_holiday(date(2026, 4, 3), "75") is None
    assert dl.public_holiday(date(2026, 4, 7)) is None
