"""Properties of optout/deadlines/ that must hold for every letter.

Dates run from the decree (4 August 2021) to the end of 2035.
"""

import calendar
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from optout import deadlines as dl
from optout.deadlines import PARIS

days = st.dates(min_value=date(2021, 8, 4), max_value=date(2035, 12, 31))
departements = st.sampled_from([None, "75", "57", "67", "68", "974", "2A"])
# A letter: the date printed on it, or None, and the day it arrived.
sent_dates = st.none() | days
# How long the post took: up to four months, so that some letters arrive after the legal deadline.
post_delays = st.integers(min_value=0, max_value=120)
moments = st.datetimes(
    min_value=datetime(2021, 8, 4),
    max_value=datetime(2035, 12, 31),
    timezones=st.sampled_from(
        [UTC, PARIS, ZoneInfo("America/New_York"), ZoneInfo("Indian/Reunion"), ZoneInfo("Asia/Tokyo")]
    ),
)


def last_day_of_month(day: date) -> int:
    return calendar.monthrange(day.year, day.month)[1]


@given(sent_on=sent_dates, received_on=days)
def test_act_by_is_never_after_the_legal_deadline(sent_on, received_on):
    assert dl.act_by(sent_on, received_on) <= dl.legal_deadline(sent_on or received_on)


@given(sent_on=sent_dates, received_on=days)
def test_act_by_is_never_after_one_month_after_receipt(sent_on, received_on):
    assert dl.act_by(sent_on, received_on) <= dl.add_months(received_on, 1)


@given(sent_on=sent_dates, received_on=days)
def test_act_by_is_one_of_the_two_readings_and_the_rule_names_it(sent_on, received_on):
    safe_day = dl.act_by(sent_on, received_on)
    by_sending = dl.legal_deadline(sent_on or received_on)
    by_receipt = dl.add_months(received_on, 1)
    rule = dl.act_by_rule(sent_on, received_on)
    assert safe_day in (by_sending, by_receipt)
    if rule == "both":
        assert safe_day == by_sending == by_receipt
    elif rule == "receipt":
        assert safe_day == by_receipt < by_sending
    else:
        assert rule == "sending"
        assert safe_day == by_sending < by_receipt


@given(received_on=days)
def test_without_a_sent_date_a_month_after_receipt_always_wins(received_on):
    assert dl.act_by(None, received_on) == dl.add_months(received_on, 1)
    assert dl.act_by_rule(None, received_on) == "receipt"


@given(sent_on=days, delay=post_delays)
def test_act_by_is_never_before_receipt_when_the_letter_arrived_in_time(sent_on, delay):
    received_on = sent_on + timedelta(days=delay)
    safe_day = dl.act_by(sent_on, received_on)
    if received_on <= dl.legal_deadline(sent_on):
        assert safe_day >= received_on
    else:
        # Arrived after the six weeks: the legal deadline has already passed.
        assert safe_day == dl.legal_deadline(sent_on) < received_on


@given(received_on=days)
def test_act_by_is_never_before_receipt_without_a_sent_date(received_on):
    assert dl.act_by(None, received_on) > received_on


@given(act_by=days, departement=departements)
def test_last_call_day_is_the_last_line_open_day_at_most_five_days_before_act_by(act_by, departement):
    call_day = dl.last_call_day(act_by, departement)
    assert dl.is_line_open_day(call_day, departement)
    assert call_day <= act_by
    assert (act_by - call_day).days <= 5
    day = call_day + timedelta(days=1)
    while day <= act_by:
        assert not dl.is_line_open_day(day, departement)
        day += timedelta(days=1)


@given(day=days, months=st.integers(min_value=0, max_value=240))
def test_add_months_keeps_the_day_number_or_gives_the_last_day_of_the_month(day, months):
    result = dl.add_months(day, months)
    assert (result.year * 12 + result.month) - (day.year * 12 + day.month) == months
    if result.day != day.day:
        assert result.day == last_day_of_month(result) < day.day


@given(day=days, months=st.integers(min_value=0, max_value=239))
def test_add_months_is_strictly_increasing(day, months):
    assert dl.add_months(day, months) < dl.add_months(day, months + 1)


@given(day=days)
def test_add_months_zero_is_the_same_day(day):
    assert dl.add_months(day, 0) == day


@given(requested_on=days)
def test_closure_confirmation_is_due_89_to_92_days_after_the_request(requested_on):
    assert 89 <= (dl.closure_confirmation_due(requested_on) - requested_on).days <= 92


@given(closed_on=days)
def test_archive_is_deleted_ten_years_later_on_the_same_day_or_28_february(closed_on):
    deleted_on = dl.archive_deleted_on(closed_on)
    assert deleted_on.year == closed_on.year + 10
    assert deleted_on.month == closed_on.month
    assert deleted_on.day == closed_on.day or (closed_on.month, closed_on.day, deleted_on.day) == (2, 29, 28)


@given(day=days, departement=departements)
def test_a_line_open_day_is_never_a_saturday_or_sunday(day, departement):
    if dl.is_line_open_day(day, departement):
        assert day.weekday() < 5
    if day.weekday() >= 5:
        assert not dl.is_line_open_day(day, departement)


@given(day=days, departement=departements)
def test_local_holidays_only_add_to_the_national_ones(day, departement):
    if dl.is_line_open_day(day, departement):
        assert dl.is_line_open_day(day, None)


@given(day=days)
def test_corsica_and_paris_follow_the_national_calendar(day):
    national = dl.is_line_open_day(day, None)
    assert dl.is_line_open_day(day, "75") == national
    assert dl.is_line_open_day(day, "2A") == national


@given(at=moments, departement=departements)
def test_the_line_is_open_only_inside_the_paris_hours_of_an_open_day(at, departement):
    local = at.astimezone(PARIS)
    if dl.is_line_open(at, departement):
        assert dl.is_line_open_day(local.date(), departement)
        assert (8, 30) <= (local.hour, local.minute) < (17, 0)
    elif dl.is_line_open_day(local.date(), departement):
        assert not ((8, 30) <= (local.hour, local.minute) < (17, 0))


@given(at=moments, departement=departements)
def test_next_line_opening_is_now_or_a_later_8h30_paris_when_the_line_answers(at, departement):
    opening = dl.next_line_opening(at, departement)
    if dl.is_line_open(at, departement):
        assert opening == at
        return
    local = opening.astimezone(PARIS)
    assert opening > at
    assert (local.hour, local.minute, local.second, local.microsecond) == (8, 30, 0, 0)
    assert dl.is_line_open(opening, departement)
    # No open day was skipped between now and the opening found.
    day = at.astimezone(PARIS).date() + timedelta(days=1)
    while day < local.date():
        assert not dl.is_line_open_day(day, departement)
        day += timedelta(days=1)


@given(sent_on=sent_dates, received_on=days, departement=departements)
def test_deadlines_for_agrees_with_the_single_rules(sent_on, received_on, departement):
    result = dl.deadlines_for(sent_on, received_on, departement)
    assert result.act_by == dl.act_by(sent_on, received_on)
    assert result.rule == dl.act_by_rule(sent_on, received_on)
    assert result.legal_deadline == (sent_on or received_on) + timedelta(days=42)
    assert result.by_receipt == dl.add_months(received_on, 1)
    assert result.opens_on == result.legal_deadline + timedelta(days=1)
    assert result.last_call_day == dl.last_call_day(result.act_by, departement)
    assert result.sent_assumed is (sent_on is None)


@given(until=days, today=days)
def test_days_left_is_zero_on_the_day_and_negative_after(until, today):
    left = dl.days_left(until, today)
    assert today + timedelta(days=left) == until
