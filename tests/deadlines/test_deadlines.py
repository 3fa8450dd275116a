"""Table tests for optout/deadlines/.

Every expected value below was worked out by hand from the rules (R1111-28:
six weeks after sending; the guides: one month after receipt; the 3422 line's
hours and French public holidays), then the weekdays were checked with
`datetime.date.weekday()`. None of them comes from the code under test.

Easter Sundays used: 2022-04-17, 2023-04-09, 2024-03-31, 2025-04-20, 2026-04-05.
"""

import dataclasses
from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from optout import deadlines as dl
from optout.deadlines import PARIS

NEW_YORK = ZoneInfo("America/New_York")
REUNION = ZoneInfo("Indian/Reunion")
TOKYO = ZoneInfo("Asia/Tokyo")


def D(iso: str) -> date:
    return date.fromisoformat(iso)


# --- add_months ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        pytest.param("2025-01-15", 1, "2025-02-15", id="plain-month"),
        pytest.param("2025-08-31", 0, "2025-08-31", id="zero-months"),
        pytest.param("2025-01-31", 1, "2025-02-28", id="jan31-to-feb28-2025"),
        pytest.param("2024-01-31", 1, "2024-02-29", id="jan31-to-feb29-leap-2024"),
        pytest.param("2028-01-31", 1, "2028-02-29", id="jan31-to-feb29-leap-2028"),
        pytest.param("2024-01-30", 1, "2024-02-29", id="jan30-to-feb29-leap-2024"),
        pytest.param("2025-01-29", 1, "2025-02-28", id="jan29-to-feb28-2025"),
        pytest.param("2025-03-31", 1, "2025-04-30", id="mar31-to-apr30"),
        pytest.param("2025-10-31", 1, "2025-11-30", id="oct31-to-nov30"),
        pytest.param("2025-07-31", 1, "2025-08-31", id="jul31-to-aug31"),
        pytest.param("2025-02-28", 1, "2025-03-28", id="feb28-stays-28"),
        pytest.param("2024-02-29", 1, "2024-03-29", id="feb29-stays-29"),
        pytest.param("2024-02-29", 12, "2025-02-28", id="feb29-plus-a-year"),
        pytest.param("2024-02-29", 48, "2028-02-29", id="feb29-to-next-leap-feb29"),
        pytest.param("2025-12-15", 1, "2026-01-15", id="dec-to-jan-year-end"),
        pytest.param("2025-12-31", 1, "2026-01-31", id="dec31-to-jan31"),
        pytest.param("2025-12-31", 2, "2026-02-28", id="dec31-to-feb28"),
        pytest.param("2027-12-31", 2, "2028-02-29", id="dec31-to-feb29-leap-2028"),
        pytest.param("2025-01-15", 11, "2025-12-15", id="to-december-same-year"),
        pytest.param("2025-01-15", 12, "2026-01-15", id="exactly-one-year"),
        pytest.param("2025-11-30", 3, "2026-02-28", id="nov30-plus-3"),
        pytest.param("2025-05-31", 13, "2026-06-30", id="over-a-year-to-short-month"),
        pytest.param("2023-05-31", 120, "2033-05-31", id="120-months"),
        pytest.param("2024-02-29", 120, "2034-02-28", id="120-months-from-feb29"),
        pytest.param("2021-08-04", 120, "2031-08-04", id="120-months-from-decree"),
    ],
)
def test_add_months_keeps_the_day_number_or_falls_back_to_the_month_end(day, months, expected):
    assert dl.add_months(D(day), months) == D(expected)


# --- legal_deadline -----------------------------------------------------------


@pytest.mark.parametrize(
    ("sent_on", "expected"),
    [
        pytest.param("2022-01-03", "2022-02-14", id="decree-example"),
        pytest.param("2024-02-01", "2024-03-14", id="through-feb-2024-leap"),
        pytest.param("2025-02-01", "2025-03-15", id="through-feb-2025"),
        pytest.param("2025-12-01", "2026-01-12", id="across-year-end"),
        pytest.param("2025-11-20", "2026-01-01", id="lands-on-new-year"),
        pytest.param("2021-08-04", "2021-09-15", id="decree-date"),
    ],
)
def test_legal_deadline_is_six_weeks_after_sending(sent_on, expected):
    assert dl.legal_deadline(D(sent_on)) == D(expected)


# --- act_by and act_by_rule ---------------------------------------------------


@pytest.mark.parametrize(
    ("sent_on", "received_on", "expected", "rule"),
    [
        pytest.param("2022-01-03", "2022-01-05", "2022-02-05", "receipt", id="decree-example"),
        pytest.param("2025-07-31", "2025-07-31", "2025-08-31", "receipt", id="received-the-day-it-was-sent"),
        pytest.param("2024-01-29", "2024-01-31", "2024-02-29", "receipt", id="receipt-month-end-leap-2024"),
        pytest.param("2025-01-29", "2025-01-31", "2025-02-28", "receipt", id="receipt-month-end-2025"),
        pytest.param("2025-12-20", "2025-12-22", "2026-01-22", "receipt", id="receipt-across-year-end"),
        pytest.param("2025-01-02", "2025-02-10", "2025-02-13", "sending", id="late-letter-sending-wins"),
        pytest.param("2025-12-01", "2025-12-31", "2026-01-12", "sending", id="late-letter-across-year-end"),
        pytest.param("2028-02-10", "2028-02-29", "2028-03-23", "sending", id="late-letter-leap-2028"),
        pytest.param("2025-11-20", "2025-12-05", "2026-01-01", "sending", id="late-letter-new-year"),
        pytest.param("2025-01-02", "2025-03-01", "2025-02-13", "sending", id="arrived-after-the-legal-deadline"),
        pytest.param("2025-01-17", "2025-01-31", "2025-02-28", "both", id="both-on-feb28"),
        pytest.param("2024-02-28", "2024-03-10", "2024-04-10", "both", id="both-from-leap-february"),
        pytest.param("2024-11-08", "2024-11-20", "2024-12-20", "both", id="both-on-dec20"),
        pytest.param(None, "2025-03-10", "2025-04-10", "receipt", id="no-sent-date"),
        pytest.param(None, "2024-01-31", "2024-02-29", "receipt", id="no-sent-date-leap"),
        pytest.param(None, "2025-12-31", "2026-01-31", "receipt", id="no-sent-date-year-end"),
    ],
)
def test_act_by_is_the_earlier_of_six_weeks_after_sending_and_a_month_after_receipt(
    sent_on, received_on, expected, rule
):
    sent = D(sent_on) if sent_on else None
    assert dl.act_by(sent, D(received_on)) == D(expected)
    assert dl.act_by_rule(sent, D(received_on)) == rule


def test_rule_names_are_the_public_constants():
    assert (dl.RULE_RECEIPT, dl.RULE_SENDING, dl.RULE_BOTH) == ("receipt", "sending", "both")


@pytest.mark.parametrize(
    "received_on",
    [
        pytest.param("2025-01-31", id="jan31"),
        pytest.param("2025-02-28", id="feb28"),
        pytest.param("2024-02-29", id="feb29"),
        pytest.param("2025-12-31", id="dec31"),
    ],
)
def test_without_a_sent_date_the_arrival_date_stands_in_and_a_month_after_receipt_wins(received_on):
    # A month is at most 31 days, always fewer than six weeks.
    assert dl.act_by(None, D(received_on)) == dl.act_by(D(received_on), D(received_on))
    assert dl.act_by_rule(None, D(received_on)) == "receipt"


# --- is_line_open_day ---------------------------------------------------------

NATIONAL_HOLIDAYS = [
    pytest.param("2025-01-01", id="new-year-2025-wed"),
    pytest.param("2026-01-01", id="new-year-2026-thu"),
    pytest.param("2022-04-18", id="easter-monday-2022"),
    pytest.param("2023-04-10", id="easter-monday-2023"),
    pytest.param("2024-04-01", id="easter-monday-2024"),
    pytest.param("2025-04-21", id="easter-monday-2025"),
    pytest.param("2026-04-06", id="easter-monday-2026"),
    pytest.param("2025-05-01", id="may-1-2025"),
    pytest.param("2025-05-08", id="may-8-2025"),
    pytest.param("2024-05-08", id="may-8-2024"),
    pytest.param("2022-05-26", id="ascension-2022"),
    pytest.param("2024-05-09", id="ascension-2024"),
    pytest.param("2025-05-29", id="ascension-2025"),
    pytest.param("2026-05-14", id="ascension-2026"),
    pytest.param("2023-05-29", id="whit-monday-2023"),
    pytest.param("2024-05-20", id="whit-monday-2024"),
    pytest.param("2025-06-09", id="whit-monday-2025"),
    pytest.param("2026-05-25", id="whit-monday-2026"),
    pytest.param("2025-07-14", id="july-14"),
    pytest.param("2025-08-15", id="aug-15"),
    pytest.param("2024-11-01", id="nov-1"),
    pytest.param("2025-11-11", id="nov-11"),
    pytest.param("2025-12-25", id="christmas"),
]


@pytest.mark.parametrize("departement", [None, "75", "2A", "57", "67", "68", "971", "972", "973", "974", "976"])
@pytest.mark.parametrize("day", NATIONAL_HOLIDAYS)
def test_the_line_is_closed_on_national_holidays_everywhere(day, departement):
    assert D(day).weekday() < 5  # every holiday above falls on a weekday
    assert dl.is_line_open_day(D(day), departement) is False


@pytest.mark.parametrize(
    ("day", "departement", "expected"),
    [
        pytest.param("2025-01-15", None, True, id="wednesday"),
        pytest.param("2025-01-17", "75", True, id="friday"),
        pytest.param("2025-01-18", None, False, id="saturday"),
        pytest.param("2025-01-19", "57", False, id="sunday"),
        pytest.param("2025-05-02", None, True, id="bridge-friday-after-may-1-is-worked"),
        pytest.param("2025-05-30", None, True, id="bridge-friday-after-ascension-is-worked"),
        pytest.param("2025-04-18", None, True, id="good-friday-national"),
        pytest.param("2025-04-18", "75", True, id="good-friday-paris"),
        pytest.param("2025-04-18", "2A", True, id="good-friday-corse-du-sud"),
        pytest.param("2025-04-18", "57", False, id="good-friday-moselle"),
        pytest.param("2025-04-18", "67", False, id="good-friday-bas-rhin"),
        pytest.param("2025-04-18", "68", False, id="good-friday-haut-rhin"),
        pytest.param("2024-03-29", "57", False, id="good-friday-moselle-2024"),
        pytest.param("2024-03-29", None, True, id="good-friday-national-2024"),
        pytest.param("2025-12-26", None, True, id="dec26-national"),
        pytest.param("2025-12-26", "75", True, id="dec26-paris"),
        pytest.param("2025-12-26", "57", False, id="dec26-moselle"),
        pytest.param("2025-12-26", "67", False, id="dec26-bas-rhin"),
        pytest.param("2025-12-26", "68", False, id="dec26-haut-rhin"),
        pytest.param("2024-12-20", "974", False, id="dec20-reunion"),
        pytest.param("2024-12-20", None, True, id="dec20-national"),
        pytest.param("2024-12-20", "57", True, id="dec20-moselle"),
        pytest.param("2025-05-27", "971", False, id="may27-guadeloupe"),
        pytest.param("2025-05-22", "972", False, id="may22-martinique"),
        pytest.param("2025-06-10", "973", False, id="jun10-guyane"),
        pytest.param("2026-04-27", "976", False, id="apr27-mayotte"),
        pytest.param("2025-05-27", None, True, id="may27-national"),
        pytest.param("2025-12-24", None, True, id="christmas-eve"),
        pytest.param("2025-12-31", "57", True, id="new-years-eve-moselle"),
        pytest.param("2025-12-26", "99", True, id="unknown-departement-national-only"),
    ],
)
def test_the_line_answers_on_weekdays_that_are_not_local_public_holidays(day, departement, expected):
    assert dl.is_line_open_day(D(day), departement) is expected


# --- last_call_day ------------------------------------------------------------


@pytest.mark.parametrize(
    ("act_by", "departement", "expected"),
    [
        pytest.param("2025-01-15", None, "2025-01-15", id="open-day-is-itself"),
        pytest.param("2025-02-15", None, "2025-02-14", id="saturday-to-friday"),
        pytest.param("2025-02-16", None, "2025-02-14", id="sunday-to-friday"),
        pytest.param("2022-02-05", None, "2022-02-04", id="decree-example-saturday"),
        # Easter Monday: Friday before, Thursday in Alsace-Moselle (Good Friday).
        pytest.param("2025-04-21", None, "2025-04-18", id="easter-monday-2025-national"),
        pytest.param("2025-04-21", "75", "2025-04-18", id="easter-monday-2025-paris"),
        pytest.param("2025-04-21", "2A", "2025-04-18", id="easter-monday-2025-corse"),
        pytest.param("2025-04-21", "974", "2025-04-18", id="easter-monday-2025-reunion"),
        pytest.param("2025-04-21", "57", "2025-04-17", id="easter-monday-2025-moselle"),
        pytest.param("2025-04-21", "67", "2025-04-17", id="easter-monday-2025-bas-rhin"),
        pytest.param("2025-04-21", "68", "2025-04-17", id="easter-monday-2025-haut-rhin"),
        pytest.param("2024-04-01", None, "2024-03-29", id="easter-monday-2024-national"),
        pytest.param("2024-04-01", "68", "2024-03-28", id="easter-monday-2024-haut-rhin"),
        pytest.param("2026-04-06", None, "2026-04-03", id="easter-monday-2026-national"),
        pytest.param("2026-04-06", "57", "2026-04-02", id="easter-monday-2026-moselle"),
        pytest.param("2025-04-20", "57", "2025-04-17", id="easter-sunday-2025-moselle"),
        pytest.param("2025-04-18", "57", "2025-04-17", id="good-friday-moselle"),
        pytest.param("2025-04-18", None, "2025-04-18", id="good-friday-national"),
        # 26 December: worked in Paris, a holiday in Alsace-Moselle.
        pytest.param("2025-12-26", None, "2025-12-26", id="dec26-2025-national"),
        pytest.param("2025-12-26", "75", "2025-12-26", id="dec26-2025-paris"),
        pytest.param("2025-12-26", "57", "2025-12-24", id="dec26-2025-moselle"),
        pytest.param("2024-12-26", "75", "2024-12-26", id="dec26-2024-paris"),
        pytest.param("2024-12-26", "57", "2024-12-24", id="dec26-2024-moselle"),
        pytest.param("2022-12-26", None, "2022-12-26", id="dec26-2022-monday-national"),
        pytest.param("2022-12-26", "57", "2022-12-23", id="dec26-2022-monday-moselle"),
        pytest.param("2023-12-26", None, "2023-12-26", id="dec26-2023-tuesday-national"),
        pytest.param("2023-12-26", "67", "2023-12-22", id="dec26-2023-tuesday-bas-rhin"),
        # Christmas and New Year.
        pytest.param("2025-12-25", None, "2025-12-24", id="christmas-2025"),
        pytest.param("2026-01-01", None, "2025-12-31", id="new-year-2026-back-across-year"),
        pytest.param("2023-01-01", None, "2022-12-30", id="new-year-2023-sunday"),
        pytest.param("2023-01-01", "57", "2022-12-30", id="new-year-2023-sunday-moselle"),
        # 1 May / 8 May and their bridges (the bridge days themselves are worked).
        pytest.param("2025-05-01", None, "2025-04-30", id="may-1-2025-thursday"),
        pytest.param("2025-05-04", None, "2025-05-02", id="may-2025-bridge-friday-is-open"),
        pytest.param("2025-05-08", None, "2025-05-07", id="may-8-2025-thursday"),
        pytest.param("2026-05-03", None, "2026-04-30", id="may-1-2026-friday-long-weekend"),
        pytest.param("2026-05-10", None, "2026-05-07", id="may-8-2026-friday-long-weekend"),
        pytest.param("2023-05-08", None, "2023-05-05", id="may-8-2023-monday"),
        pytest.param("2024-05-09", None, "2024-05-07", id="may-8-and-ascension-2024"),
        pytest.param("2024-05-12", None, "2024-05-10", id="after-ascension-2024-friday-open"),
        pytest.param("2025-05-29", None, "2025-05-28", id="ascension-2025"),
        pytest.param("2025-06-09", None, "2025-06-06", id="whit-monday-2025"),
        pytest.param("2024-05-20", None, "2024-05-17", id="whit-monday-2024"),
        pytest.param("2025-07-14", None, "2025-07-11", id="july-14-monday"),
        pytest.param("2025-08-15", None, "2025-08-14", id="aug-15-friday"),
        pytest.param("2025-11-01", None, "2025-10-31", id="nov-1-saturday"),
        pytest.param("2024-11-11", None, "2024-11-08", id="nov-11-monday"),
        # La Réunion: 20 December, abolition of slavery.
        pytest.param("2024-12-20", "974", "2024-12-19", id="dec20-2024-reunion"),
        pytest.param("2024-12-20", None, "2024-12-20", id="dec20-2024-national"),
        pytest.param("2024-12-22", "974", "2024-12-19", id="dec22-2024-sunday-reunion"),
        pytest.param("2022-12-20", "974", "2022-12-19", id="dec20-2022-reunion"),
    ],
)
def test_last_call_day_is_the_last_day_the_line_answers_on_or_before_act_by(act_by, departement, expected):
    assert dl.last_call_day(D(act_by), departement) == D(expected)


# --- is_line_open and next_line_opening ----------------------------------------


@pytest.mark.parametrize(
    ("at", "expected"),
    [
        # Summer time (CEST, UTC+2): Monday 31 March 2025, the day after the change.
        pytest.param(datetime(2025, 3, 31, 6, 29, tzinfo=UTC), False, id="cest-08h29-closed"),
        pytest.param(datetime(2025, 3, 31, 6, 30, tzinfo=UTC), True, id="cest-08h30-open"),
        pytest.param(datetime(2025, 3, 31, 14, 59, 59, tzinfo=UTC), True, id="cest-16h59m59-open"),
        pytest.param(datetime(2025, 3, 31, 15, 0, tzinfo=UTC), False, id="cest-17h00-closed"),
        # Winter time (CET, UTC+1).
        pytest.param(datetime(2025, 1, 15, 7, 29, tzinfo=UTC), False, id="cet-08h29-closed"),
        pytest.param(datetime(2025, 1, 15, 7, 30, tzinfo=UTC), True, id="cet-08h30-open"),
        pytest.param(datetime(2025, 1, 15, 15, 59, tzinfo=UTC), True, id="cet-16h59-open"),
        pytest.param(datetime(2025, 1, 15, 16, 0, tzinfo=UTC), False, id="cet-17h00-closed"),
        pytest.param(datetime(2024, 12, 20, 7, 0, tzinfo=UTC), False, id="cet-07h00-utc-is-08h00-closed"),
        # Friday before the spring change (still CET) and Monday after the autumn change (CET again).
        pytest.param(datetime(2025, 3, 28, 6, 30, tzinfo=UTC), False, id="fri-before-spring-change-07h30"),
        pytest.param(datetime(2025, 3, 28, 7, 30, tzinfo=UTC), True, id="fri-before-spring-change-08h30"),
        pytest.param(datetime(2025, 10, 24, 6, 30, tzinfo=UTC), True, id="fri-before-autumn-change-08h30"),
        pytest.param(datetime(2025, 10, 27, 6, 30, tzinfo=UTC), False, id="mon-after-autumn-change-07h30"),
        pytest.param(datetime(2025, 10, 27, 7, 30, tzinfo=UTC), True, id="mon-after-autumn-change-08h30"),
        # Paris wall clock.
        pytest.param(datetime(2025, 3, 31, 8, 30, tzinfo=PARIS), True, id="paris-08h30"),
        # The line closes at 17:00 (the Mon espace santé FAQ).
        pytest.param(datetime(2025, 3, 31, 16, 59, tzinfo=PARIS), True, id="paris-16h59"),
        pytest.param(datetime(2025, 3, 31, 17, 0, tzinfo=PARIS), False, id="paris-17h00"),
        pytest.param(datetime(2025, 3, 31, 17, 1, tzinfo=PARIS), False, id="paris-17h01"),
        pytest.param(datetime(2025, 3, 31, 17, 30, tzinfo=PARIS), False, id="paris-17h30"),
        pytest.param(datetime(2025, 3, 31, 12, 0, tzinfo=PARIS), True, id="paris-noon"),
        # New York is already on summer time, Paris not yet (10 March 2025): 03:30 EDT = 08:30 CET.
        pytest.param(datetime(2025, 3, 10, 3, 29, tzinfo=NEW_YORK), False, id="new-york-03h29-edt"),
        pytest.param(datetime(2025, 3, 10, 3, 30, tzinfo=NEW_YORK), True, id="new-york-03h30-edt"),
        # La Réunion, UTC+4: 10:30 RET = 08:30 CEST in June.
        pytest.param(datetime(2025, 6, 2, 10, 29, tzinfo=REUNION), False, id="reunion-10h29"),
        pytest.param(datetime(2025, 6, 2, 10, 30, tzinfo=REUNION), True, id="reunion-10h30"),
        # Tokyo: the day in Paris decides, not the day where the caller is.
        pytest.param(datetime(2025, 1, 18, 0, 30, tzinfo=TOKYO), True, id="saturday-in-tokyo-friday-in-paris"),
        pytest.param(datetime(2025, 1, 20, 16, 30, tzinfo=TOKYO), True, id="tokyo-16h30-is-paris-08h30"),
        pytest.param(datetime(2025, 1, 20, 16, 29, tzinfo=TOKYO), False, id="tokyo-16h29-is-paris-08h29"),
        # Fixed offset.
        pytest.param(datetime(2025, 7, 1, 10, 30, tzinfo=timezone(timedelta(hours=4))), True, id="fixed-plus-4"),
        # Weekend and holidays.
        pytest.param(datetime(2025, 3, 30, 10, 0, tzinfo=UTC), False, id="sunday-of-spring-change"),
        pytest.param(datetime(2025, 10, 26, 10, 0, tzinfo=UTC), False, id="sunday-of-autumn-change"),
        pytest.param(datetime(2025, 4, 21, 10, 0, tzinfo=PARIS), False, id="easter-monday"),
        pytest.param(datetime(2025, 12, 25, 10, 0, tzinfo=PARIS), False, id="christmas"),
    ],
)
def test_the_line_answers_from_8h30_to_17h_paris_time_on_open_days(at, expected):
    assert dl.is_line_open(at) is expected


@pytest.mark.parametrize(
    ("at", "departement", "expected"),
    [
        pytest.param(datetime(2025, 4, 18, 10, 0, tzinfo=PARIS), None, True, id="good-friday-national"),
        pytest.param(datetime(2025, 4, 18, 10, 0, tzinfo=PARIS), "57", False, id="good-friday-moselle"),
        pytest.param(datetime(2025, 12, 26, 10, 0, tzinfo=PARIS), "75", True, id="dec26-paris"),
        pytest.param(datetime(2025, 12, 26, 10, 0, tzinfo=PARIS), "67", False, id="dec26-bas-rhin"),
        pytest.param(datetime(2024, 12, 20, 7, 30, tzinfo=UTC), None, True, id="dec20-national"),
        pytest.param(datetime(2024, 12, 20, 7, 30, tzinfo=UTC), "974", False, id="dec20-reunion"),
    ],
)
def test_the_line_is_closed_on_local_holidays(at, departement, expected):
    assert dl.is_line_open(at, departement) is expected


def test_is_line_open_refuses_a_naive_datetime():
    with pytest.raises(ValueError):
        dl.is_line_open(datetime(2025, 3, 31, 10, 0))


def test_next_line_opening_refuses_a_naive_datetime():
    with pytest.raises(ValueError):
        dl.next_line_opening(datetime(2025, 3, 31, 10, 0))


@pytest.mark.parametrize(
    "at",
    [
        pytest.param(datetime(2025, 3, 31, 6, 30, tzinfo=UTC), id="utc-opening-minute"),
        pytest.param(datetime(2025, 1, 15, 12, 0, tzinfo=PARIS), id="paris-noon"),
        pytest.param(datetime(2025, 1, 18, 0, 30, tzinfo=TOKYO), id="tokyo-saturday"),
    ],
)
def test_next_line_opening_is_now_when_the_line_is_open(at):
    assert dl.next_line_opening(at) is at


@pytest.mark.parametrize(
    ("at", "departement", "expected"),
    [
        pytest.param(datetime(2025, 1, 15, 7, 0, tzinfo=PARIS), None, (2025, 1, 15), id="early-morning-same-day"),
        pytest.param(datetime(2025, 1, 15, 0, 0, tzinfo=PARIS), None, (2025, 1, 15), id="midnight-same-day"),
        pytest.param(datetime(2025, 1, 15, 17, 30, tzinfo=PARIS), None, (2025, 1, 16), id="closing-to-next-day"),
        pytest.param(datetime(2025, 1, 17, 17, 30, tzinfo=PARIS), None, (2025, 1, 20), id="friday-evening-to-monday"),
        pytest.param(datetime(2025, 1, 18, 10, 0, tzinfo=PARIS), None, (2025, 1, 20), id="saturday-to-monday"),
        pytest.param(datetime(2025, 3, 28, 18, 0, tzinfo=PARIS), None, (2025, 3, 31), id="across-spring-change"),
        pytest.param(datetime(2025, 10, 24, 18, 0, tzinfo=PARIS), None, (2025, 10, 27), id="across-autumn-change"),
        pytest.param(datetime(2025, 4, 17, 18, 0, tzinfo=PARIS), None, (2025, 4, 18), id="easter-national"),
        pytest.param(datetime(2025, 4, 17, 18, 0, tzinfo=PARIS), "57", (2025, 4, 22), id="easter-moselle"),
        pytest.param(datetime(2025, 12, 24, 18, 0, tzinfo=PARIS), None, (2025, 12, 26), id="christmas-national"),
        pytest.param(datetime(2025, 12, 24, 18, 0, tzinfo=PARIS), "57", (2025, 12, 29), id="christmas-moselle"),
        pytest.param(datetime(2025, 12, 31, 17, 30, tzinfo=PARIS), None, (2026, 1, 2), id="new-year"),
        pytest.param(datetime(2024, 12, 19, 18, 0, tzinfo=PARIS), "974", (2024, 12, 23), id="dec20-reunion"),
        pytest.param(datetime(2025, 4, 30, 18, 0, tzinfo=PARIS), None, (2025, 5, 2), id="may-1-bridge-friday"),
        # 23:30 UTC on Friday 17 January is already Saturday 00:30 in Paris.
        pytest.param(datetime(2025, 1, 17, 23, 30, tzinfo=UTC), None, (2025, 1, 20), id="utc-late-friday"),
        # 06:00 UTC on Monday 31 March is 08:00 CEST: opens the same morning.
        pytest.param(datetime(2025, 3, 31, 6, 0, tzinfo=UTC), None, (2025, 3, 31), id="utc-before-opening-cest"),
        # Sunday 22:00 in New York (EDT) is Monday 04:00 in Paris (CEST).
        pytest.param(datetime(2025, 6, 1, 22, 0, tzinfo=NEW_YORK), None, (2025, 6, 2), id="new-york-sunday-night"),
    ],
)
def test_next_line_opening_is_the_next_open_day_at_8h30_paris_time(at, departement, expected):
    opening = dl.next_line_opening(at, departement)
    assert opening == datetime(*expected, 8, 30, tzinfo=PARIS)
    local = opening.astimezone(PARIS)
    assert (local.year, local.month, local.day, local.hour, local.minute) == (*expected, 8, 30)
    assert opening > at
    assert dl.is_line_open(opening, departement)


def test_next_line_opening_after_the_spring_change_is_6h30_utc():
    opening = dl.next_line_opening(datetime(2025, 3, 28, 17, 0, tzinfo=UTC))
    assert opening == datetime(2025, 3, 31, 6, 30, tzinfo=UTC)


def test_next_line_opening_after_the_autumn_change_is_7h30_utc():
    opening = dl.next_line_opening(datetime(2025, 10, 24, 16, 0, tzinfo=UTC))
    assert opening == datetime(2025, 10, 27, 7, 30, tzinfo=UTC)


# --- days_left ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("until", "today", "expected"),
    [
        pytest.param("2022-02-05", "2022-02-05", 0, id="on-the-day"),
        pytest.param("2022-02-05", "2022-01-05", 31, id="a-month-before"),
        pytest.param("2022-02-05", "2022-02-06", -1, id="the-day-after"),
        pytest.param("2024-03-01", "2024-02-28", 2, id="across-feb29"),
        pytest.param("2025-03-01", "2025-02-28", 1, id="across-feb28"),
        pytest.param("2026-01-01", "2025-12-31", 1, id="across-year-end"),
        pytest.param("2025-01-01", "2024-01-01", 366, id="leap-year-length"),
    ],
)
def test_days_left_counts_whole_days_and_goes_negative_after(until, today, expected):
    assert dl.days_left(D(until), D(today)) == expected


# --- closure and archive -------------------------------------------------------


@pytest.mark.parametrize(
    ("requested_on", "expected"),
    [
        pytest.param("2025-01-15", "2025-04-15", id="plain"),
        pytest.param("2025-11-30", "2026-02-28", id="nov30-to-feb28"),
        pytest.param("2023-11-30", "2024-02-29", id="nov30-to-feb29-leap-2024"),
        pytest.param("2027-11-29", "2028-02-29", id="nov29-to-feb29-leap-2028"),
        pytest.param("2025-03-31", "2025-06-30", id="mar31-to-jun30"),
        pytest.param("2025-05-31", "2025-08-31", id="may31-to-aug31"),
        pytest.param("2025-10-15", "2026-01-15", id="across-year-end"),
        pytest.param("2025-12-31", "2026-03-31", id="dec31"),
    ],
)
def test_closure_confirmation_is_due_three_calendar_months_after_the_request(requested_on, expected):
    assert dl.closure_confirmation_due(D(requested_on)) == D(expected)


@pytest.mark.parametrize(
    ("closed_on", "expected"),
    [
        pytest.param("2025-06-15", "2035-06-15", id="plain"),
        pytest.param("2025-12-31", "2035-12-31", id="dec31"),
        pytest.param("2024-02-29", "2034-02-28", id="feb29-2024-to-non-leap"),
        pytest.param("2028-02-29", "2038-02-28", id="feb29-2028-to-non-leap"),
        pytest.param("2022-02-28", "2032-02-28", id="feb28-to-leap-2032-stays-28"),
    ],
)
def test_archived_data_are_deleted_ten_calendar_years_after_closure(closed_on, expected):
    assert dl.archive_deleted_on(D(closed_on)) == D(expected)


# --- deadlines_for ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("sent_on", "received_on", "departement", "expected"),
    [
        pytest.param(
            "2022-01-03",
            "2022-01-05",
            None,
            {
                "act_by": "2022-02-05",
                "rule": "receipt",
                "legal_deadline": "2022-02-14",
                "by_receipt": "2022-02-05",
                "opens_on": "2022-02-15",
                "last_call_day": "2022-02-04",
                "sent_assumed": False,
            },
            id="decree-example-act-by-saturday",
        ),
        pytest.param(
            None,
            "2025-03-20",
            "75",
            {
                "act_by": "2025-04-20",
                "rule": "receipt",
                "legal_deadline": "2025-05-01",
                "by_receipt": "2025-04-20",
                "opens_on": "2025-05-02",
                "last_call_day": "2025-04-18",
                "sent_assumed": True,
            },
            id="no-sent-date-easter-sunday-paris",
        ),
        pytest.param(
            None,
            "2025-03-20",
            "57",
            {
                "act_by": "2025-04-20",
                "rule": "receipt",
                "legal_deadline": "2025-05-01",
                "by_receipt": "2025-04-20",
                "opens_on": "2025-05-02",
                "last_call_day": "2025-04-17",
                "sent_assumed": True,
            },
            id="no-sent-date-easter-sunday-moselle",
        ),
        pytest.param(
            "2025-03-10",
            "2025-04-10",
            "68",
            {
                "act_by": "2025-04-21",
                "rule": "sending",
                "legal_deadline": "2025-04-21",
                "by_receipt": "2025-05-10",
                "opens_on": "2025-04-22",
                "last_call_day": "2025-04-17",
                "sent_assumed": False,
            },
            id="late-letter-easter-monday-haut-rhin",
        ),
        pytest.param(
            "2024-11-08",
            "2024-11-20",
            "974",
            {
                "act_by": "2024-12-20",
                "rule": "both",
                "legal_deadline": "2024-12-20",
                "by_receipt": "2024-12-20",
                "opens_on": "2024-12-21",
                "last_call_day": "2024-12-19",
                "sent_assumed": False,
            },
            id="both-rules-dec20-reunion",
        ),
        pytest.param(
            "2024-11-08",
            "2024-11-20",
            None,
            {
                "act_by": "2024-12-20",
                "rule": "both",
                "legal_deadline": "2024-12-20",
                "by_receipt": "2024-12-20",
                "opens_on": "2024-12-21",
                "last_call_day": "2024-12-20",
                "sent_assumed": False,
            },
            id="both-rules-dec20-national",
        ),
        pytest.param(
            "2025-11-20",
            "2025-12-05",
            "57",
            {
                "act_by": "2026-01-01",
                "rule": "sending",
                "legal_deadline": "2026-01-01",
                "by_receipt": "2026-01-05",
                "opens_on": "2026-01-02",
                "last_call_day": "2025-12-31",
                "sent_assumed": False,
            },
            id="new-year-moselle",
        ),
        pytest.param(
            "2024-01-29",
            "2024-01-31",
            None,
            {
                "act_by": "2024-02-29",
                "rule": "receipt",
                "legal_deadline": "2024-03-11",
                "by_receipt": "2024-02-29",
                "opens_on": "2024-03-12",
                "last_call_day": "2024-02-29",
                "sent_assumed": False,
            },
            id="leap-day-thursday",
        ),
    ],
)
def test_deadlines_for_gathers_every_date_a_letter_gives(sent_on, received_on, departement, expected):
    sent = D(sent_on) if sent_on else None
    result = dl.deadlines_for(sent, D(received_on), departement)
    assert result.sent_on == sent
    assert result.received_on == D(received_on)
    got = {
        "act_by": result.act_by.isoformat(),
        "rule": result.rule,
        "legal_deadline": result.legal_deadline.isoformat(),
        "by_receipt": result.by_receipt.isoformat(),
        "opens_on": result.opens_on.isoformat(),
        "last_call_day": result.last_call_day.isoformat(),
        "sent_assumed": result.sent_assumed,
    }
    assert got == expected


def test_deadlines_are_frozen():
    result = dl.deadlines_for(D("2022-01-03"), D("2022-01-05"))
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.act_by = D("2022-03-01")


@pytest.mark.parametrize(
    ("today", "days_left", "window_open", "still_legal"),
    [
        pytest.param("2022-01-05", 31, True, True, id="on-receipt"),
        pytest.param("2022-02-05", 0, True, True, id="on-act-by"),
        pytest.param("2022-02-06", -1, False, True, id="after-act-by-still-legal"),
        pytest.param("2022-02-14", -9, False, True, id="on-legal-deadline"),
        pytest.param("2022-02-15", -10, False, False, id="space-opens"),
    ],
)
def test_deadlines_tell_how_many_days_are_left_and_whether_it_is_still_time(today, days_left, window_open, still_legal):
    result = dl.deadlines_for(D("2022-01-03"), D("2022-01-05"))
    assert result.days_left(D(today)) == days_left
    assert result.window_open(D(today)) is window_open
    assert result.still_legal(D(today)) is still_legal


# --- a date typed month first -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sent_on", "received_on", "today", "other"),
    [
        # « 11/02/2026 » typed for 2 November (an English habit): read 11 February, the letter looks
        # months slow; read month first, it is an ordinary letter.
        ("2026-02-11", "2026-11-06", "2026-11-20", ("2026-11-02", "2026-11-06")),
        # The arrival typed month first: 5 Nov typed « 11/05 » reads 11 May, before it was sent.
        ("2026-11-02", "2026-05-11", "2026-11-20", ("2026-11-02", "2026-11-05")),
        # Both typed month first.
        ("2026-02-11", "2026-06-11", "2026-11-20", ("2026-11-02", "2026-11-06")),
        # An ordinary letter: nothing to say.
        ("2026-11-02", "2026-11-06", "2026-11-20", None),
        # Odd, but no other reading helps (a day after the 12th cannot be a month).
        ("2026-10-01", "2026-11-15", "2026-11-20", None),
        # A slow letter whose swapped reading would be in the future: no suggestion.
        ("2026-09-01", "2026-10-12", "2026-11-20", None),
    ],
)
def test_a_date_that_reads_better_month_first_is_pointed_out(sent_on, received_on, today, other):
    expected = None if other is None else (D(other[0]), D(other[1]))

    assert dl.other_reading(D(sent_on), D(received_on), D(today)) == expected
    if expected is not None and not dl.odd_dates(D(sent_on), D(received_on), D(today)):
        return  # out of order: the form refuses it and says the same
    assert (dl.ODD_SWAP in dl.odd_dates(D(sent_on), D(received_on), D(today))) is (expected is not None)
