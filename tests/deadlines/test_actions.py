"""The next action (optout/actions.py): what to do now, and the last moment to do it.

Every expected value was worked out by hand from the rules (docs/rules.md: act-by
is the earlier of six weeks after sending and one month after receipt; the 3422
answers Monday to Friday, 8:30 to 17:00 Paris time, except public holidays, with
Alsace-Moselle's and overseas ones), and every weekday checked with
`date.weekday()`. None comes from the code under test.

The letters:
- A: sent Mon 2 Nov 2026, received Fri 6 Nov. Act-by Sun 6 Dec (a month after receipt),
  so the last call day before it is Fri 4 Dec; legal deadline Mon 14 Dec; opens Tue 15 Dec.
- XMAS: sent Fri 20 Nov 2026, received Wed 25 Nov. Act-by Fri 25 Dec (Christmas), last call
  Thu 24 Dec; legal deadline Fri 1 Jan 2027 (New Year's Day), last call before it Thu 31 Dec.
- EASTER: sent Mon 15 Feb 2027, received Fri 26 Feb. Act-by Fri 26 Mar 2027 (Good Friday,
  a holiday in Moselle only); legal deadline Mon 29 Mar (Easter Monday, everywhere).
- REUNION: sent Mon 15 Nov 2027, received Sat 20 Nov. Act-by Mon 20 Dec 2027 (abolition of
  slavery, a holiday in La Réunion only); legal deadline Mon 27 Dec.
- SUMMER: sent Mon 1 Jun 2026, received Fri 5 Jun. Act-by Sun 5 Jul (a month after
  receipt), last call Fri 3 Jul; legal deadline Mon 13 Jul; 14 July is the next day.
"""

import time
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from optout import deadlines as dl
from optout.actions import (
    ONLINE_UNTIL,
    ActionKind,
    Limit,
    latest_request_day,
    next_action,
    plan,
    possible_routes,
    request_by,
)
from optout.deadlines import PARIS

A = {"sent_on": date(2026, 11, 2), "received_on": date(2026, 11, 6)}
XMAS = {"sent_on": date(2026, 11, 20), "received_on": date(2026, 11, 25)}
EASTER = {"sent_on": date(2027, 2, 15), "received_on": date(2027, 2, 26)}
REUNION = {"sent_on": date(2027, 11, 15), "received_on": date(2027, 11, 20)}
SUMMER = {"sent_on": date(2026, 6, 1), "received_on": date(2026, 6, 5)}


def paris(*args) -> datetime:
    return datetime(*args, tzinfo=PARIS)


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


CALL, ONLINE, CLOSE = ActionKind.CALL, ActionKind.ONLINE, ActionKind.CLOSE


@pytest.mark.parametrize(
    ("letter", "route", "departement", "now", "kind", "by"),
    [
        # A, phone: the Friday before a Sunday act-by, around the line's closing.
        pytest.param(A, "phone", None, paris(2026, 11, 20, 9, 0), CALL, paris(2026, 12, 4, 17), id="a-weeks-before"),
        pytest.param(A, "phone", None, paris(2026, 12, 4, 7, 0), CALL, paris(2026, 12, 4, 17), id="a-friday-7h"),
        pytest.param(A, "phone", None, paris(2026, 12, 4, 16, 59), CALL, paris(2026, 12, 4, 17), id="a-friday-16h59"),
        pytest.param(A, "phone", None, paris(2026, 12, 4, 17, 0), CALL, paris(2026, 12, 14, 17), id="a-friday-17h00"),
        pytest.param(A, "phone", None, paris(2026, 12, 4, 17, 1), CALL, paris(2026, 12, 14, 17), id="a-friday-17h01"),
        pytest.param(A, "phone", None, paris(2026, 12, 5, 10), CALL, paris(2026, 12, 14, 17), id="a-saturday"),
        pytest.param(A, "phone", None, paris(2026, 12, 6, 23, 0), CALL, paris(2026, 12, 14, 17), id="a-act-by-sunday"),
        pytest.param(A, "phone", None, paris(2026, 12, 14, 16, 59), CALL, paris(2026, 12, 14, 17), id="a-legal-16h59"),
        pytest.param(
            A, "phone", None, paris(2026, 12, 14, 18, 15), ONLINE, paris(2026, 12, 14, 23, 59), id="a-legal-evening"
        ),
        pytest.param(A, "phone", None, paris(2026, 12, 14, 23, 59), CLOSE, None, id="a-legal-23h59"),
        pytest.param(A, "phone", None, paris(2026, 12, 15, 9), CLOSE, None, id="a-opens"),
        # A, online: until 23:59 on act-by, then on the legal deadline.
        pytest.param(A, "online", None, paris(2026, 12, 5, 10), ONLINE, paris(2026, 12, 6, 23, 59), id="a-online"),
        pytest.param(
            A, "online", None, paris(2026, 12, 6, 23, 58), ONLINE, paris(2026, 12, 6, 23, 59), id="a-online-23h58"
        ),
        pytest.param(
            A, "online", None, paris(2026, 12, 7, 0, 0), ONLINE, paris(2026, 12, 14, 23, 59), id="a-online-late"
        ),
        pytest.param(A, "online", None, paris(2026, 12, 15, 0, 0), CLOSE, None, id="a-online-missed"),
        # A closure: nothing but closing, whatever the day.
        pytest.param(A, "closure", None, paris(2026, 11, 20, 9), CLOSE, None, id="a-closure-early"),
        pytest.param(A, "closure", None, paris(2027, 6, 1, 9), CLOSE, None, id="a-closure-later"),
        # Moments given in UTC that fall on another Paris hour or day.
        pytest.param(A, "phone", None, utc(2026, 12, 4, 15, 59), CALL, paris(2026, 12, 4, 17), id="a-utc-16h59-paris"),
        pytest.param(A, "phone", None, utc(2026, 12, 4, 16, 1), CALL, paris(2026, 12, 14, 17), id="a-utc-17h01-paris"),
        pytest.param(A, "phone", None, utc(2026, 12, 14, 23, 30), CLOSE, None, id="a-utc-still-14th-paris-15th"),
        # Christmas and New Year.
        pytest.param(XMAS, "phone", None, paris(2026, 12, 24, 16, 59), CALL, paris(2026, 12, 24, 17), id="xmas-eve"),
        pytest.param(
            XMAS, "phone", None, paris(2026, 12, 24, 17, 1), CALL, paris(2026, 12, 31, 17), id="xmas-eve-evening"
        ),
        pytest.param(XMAS, "phone", None, paris(2026, 12, 25, 11), CALL, paris(2026, 12, 31, 17), id="xmas-day"),
        pytest.param(
            XMAS, "phone", None, paris(2026, 12, 31, 17, 1), ONLINE, paris(2027, 1, 1, 23, 59), id="new-year-eve"
        ),
        pytest.param(
            XMAS, "online", None, paris(2026, 12, 25, 12), ONLINE, paris(2026, 12, 25, 23, 59), id="xmas-online"
        ),
        pytest.param(XMAS, "phone", None, paris(2027, 1, 2, 0, 1), CLOSE, None, id="new-year-opens"),
        # Easter in Moselle: Good Friday is a holiday there, Easter Monday everywhere.
        pytest.param(EASTER, "phone", None, paris(2027, 3, 25, 17, 1), CALL, paris(2027, 3, 26, 17), id="easter-fr"),
        pytest.param(
            EASTER, "phone", "57", paris(2027, 3, 25, 16, 59), CALL, paris(2027, 3, 25, 17), id="easter-moselle-16h59"
        ),
        pytest.param(
            EASTER, "phone", "57", paris(2027, 3, 25, 17, 1), ONLINE, paris(2027, 3, 29, 23, 59), id="easter-moselle"
        ),
        pytest.param(
            EASTER, "phone", "67", paris(2027, 3, 27, 10), ONLINE, paris(2027, 3, 29, 23, 59), id="easter-alsace-sat"
        ),
        # Overseas: 20 December is a holiday in La Réunion.
        pytest.param(
            REUNION, "phone", "974", paris(2027, 12, 17, 16, 59), CALL, paris(2027, 12, 17, 17), id="reunion-friday"
        ),
        pytest.param(
            REUNION, "phone", "974", paris(2027, 12, 17, 17, 1), CALL, paris(2027, 12, 27, 17), id="reunion-evening"
        ),
        pytest.param(
            REUNION, "phone", None, paris(2027, 12, 17, 17, 1), CALL, paris(2027, 12, 20, 17), id="mainland-same-day"
        ),
        # Summer time: Paris is UTC+2.
        pytest.param(SUMMER, "phone", None, utc(2026, 7, 3, 14, 59), CALL, paris(2026, 7, 3, 17), id="summer-16h59"),
        pytest.param(SUMMER, "phone", None, utc(2026, 7, 3, 15, 1), CALL, paris(2026, 7, 13, 17), id="summer-17h01"),
        pytest.param(SUMMER, "phone", None, utc(2026, 7, 13, 22, 30), CLOSE, None, id="summer-utc-next-day"),
    ],
)
def test_next_action(letter, route, departement, now, kind, by):
    action = next_action(**letter, route=route, now=now, departement=departement)
    assert action.kind == kind
    assert action.by == by


def test_the_moment_is_in_paris_time_even_when_now_is_not():
    action = next_action(**A, route="phone", now=utc(2026, 11, 20, 8))
    assert action.by.tzinfo == PARIS
    assert (action.by.hour, action.by.minute) == (17, 0)


def test_a_naive_moment_is_refused():
    with pytest.raises(ValueError, match="aware"):
        next_action(**A, route="phone", now=datetime(2026, 11, 20, 9))


def test_without_a_printed_date_the_arrival_stands_in():
    # Received Fri 6 Nov 2026 without a printed date: six weeks after arrival is Fri 18 Dec,
    # a month after arrival Sun 6 Dec (the advised day), the last call before it Fri 4 Dec.
    action = next_action(sent_on=None, received_on=date(2026, 11, 6), route="phone", now=paris(2026, 12, 5, 9))
    assert action.by == paris(2026, 12, 18, 17)
    assert action.deadlines.sent_assumed


@pytest.mark.parametrize(
    ("now", "limit", "final"),
    [
        (paris(2026, 12, 1, 9), Limit.ACT_BY, False),
        (paris(2026, 12, 5, 9), Limit.LEGAL, True),  # the legal deadline, a Monday, is itself a call day
        (paris(2026, 12, 14, 20), Limit.LEGAL, True),
    ],
)
def test_the_action_says_which_day_it_is_measured_against(now, limit, final):
    action = next_action(**A, route="phone", now=now)
    assert action.limit == limit
    assert action.is_final is final


def test_a_phone_case_told_to_go_online_is_a_fallback():
    assert next_action(**A, route="phone", now=paris(2026, 12, 14, 18)).is_fallback
    assert not next_action(**A, route="online", now=paris(2026, 12, 14, 18)).is_fallback


def test_the_plan_of_a_phone_case_is_every_moment_in_order_then_the_closure():
    d = dl.deadlines_for(XMAS["sent_on"], XMAS["received_on"])
    steps = [(a.kind, a.by) for a in plan(d, route="phone", now=paris(2026, 12, 1, 9))]
    assert steps == [
        (CALL, paris(2026, 12, 24, 17)),
        (CALL, paris(2026, 12, 31, 17)),
        (ONLINE, paris(2027, 1, 1, 23, 59)),
        (CLOSE, None),
    ]


def test_a_call_day_that_is_the_same_for_both_limits_appears_once_in_the_plan():
    # Moselle at Easter: the last call day is Thu 25 March for act-by and for the legal deadline.
    d = dl.deadlines_for(EASTER["sent_on"], EASTER["received_on"], "57")
    steps = [(a.kind, a.by) for a in plan(d, route="phone", now=paris(2027, 3, 20, 9))]
    assert steps == [(CALL, paris(2027, 3, 25, 17)), (ONLINE, paris(2027, 3, 29, 23, 59)), (CLOSE, None)]


@pytest.mark.parametrize(
    ("now", "routes"),
    [
        (paris(2026, 12, 4, 16), ["phone", "online", "closure"]),
        (paris(2026, 12, 14, 16, 59), ["phone", "online", "closure"]),
        (paris(2026, 12, 14, 17, 0), ["online", "closure"]),  # the line has closed for good
        (paris(2026, 12, 15, 0, 0), ["closure"]),
    ],
)
def test_possible_routes_are_those_with_a_moment_still_to_come(now, routes):
    d = dl.deadlines_for(A["sent_on"], A["received_on"])
    assert possible_routes(d, now=now) == routes


def test_without_a_letter_only_closing_is_possible():
    assert possible_routes(None, now=paris(2026, 12, 1)) == ["closure"]


# --- properties -------------------------------------------------------------------------------

days = st.dates(min_value=date(2021, 8, 4), max_value=date(2035, 12, 31))
departements = st.sampled_from([None, "75", "57", "67", "971", "972", "974", "976"])
moments = st.datetimes(min_value=datetime(2021, 8, 4), max_value=datetime(2036, 6, 30), timezones=st.just(UTC))


@given(
    sent_on=st.none() | days,
    delay=st.integers(min_value=0, max_value=60),
    route=st.sampled_from(["phone", "online"]),
    departement=departements,
    now=moments,
)
def test_every_action_can_still_be_done(sent_on, delay, route, departement, now):
    received_on = (sent_on or date(2021, 8, 4)) + timedelta(days=delay)
    action = next_action(sent_on=sent_on, received_on=received_on, route=route, now=now, departement=departement)
    d = action.deadlines
    if action.by is None:
        assert action.kind == CLOSE
        assert now >= datetime.combine(d.legal_deadline, ONLINE_UNTIL, tzinfo=PARIS)
        return
    local = action.by.astimezone(PARIS)
    assert action.by > now  # still to come
    assert local.date() <= d.legal_deadline  # never after the law's last day
    if action.kind == CALL:
        assert dl.is_line_open_day(local.date(), departement)
        assert local.time() == dl.LINE_CLOSES
        assert dl.is_line_open(action.by - timedelta(minutes=1), departement)
    else:
        assert local.time() == ONLINE_UNTIL
    if action.limit == Limit.ACT_BY:
        assert local.date() <= d.act_by


# --- someone who cannot phone (« Pouvez-vous téléphoner ? » : non) ------------------------------


@given(
    sent_on=st.none() | days,
    delay=st.integers(min_value=0, max_value=60),
    route=st.sampled_from(["phone", "online", "closure"]),
    departement=departements,
    now=moments,
)
def test_someone_who_cannot_phone_is_never_told_to_call(sent_on, delay, route, departement, now):
    received_on = (sent_on or date(2021, 8, 4)) + timedelta(days=delay)
    action = next_action(
        sent_on=sent_on, received_on=received_on, route=route, now=now, departement=departement, can_call=False
    )
    d = action.deadlines
    assert action.kind != CALL
    assert "phone" not in possible_routes(d, now=now, can_call=False)
    assert all(step.kind != CALL for step in plan(d, route=route, now=now, can_call=False))
    if route != "closure":  # their moments are the online route's
        assert action == next_action(
            sent_on=sent_on, received_on=received_on, route="online", now=now, departement=departement
        )


@pytest.mark.parametrize(
    ("today", "day", "answer_by"),
    [
        # A: the advised Sunday 6 December would need a request received by Wednesday 4 November (answer due
        # Friday 4 December; received the 5th or the 6th, it is due on a weekend, moved to Monday 7 December):
        # before the letter came. The legal deadline, Monday 14 December: one received by Saturday 14 November.
        pytest.param(date(2026, 11, 4), date(2026, 11, 4), date(2026, 12, 6), id="act-by-if-still-to-come"),
        pytest.param(date(2026, 11, 6), date(2026, 11, 14), date(2026, 12, 14), id="else-the-legal-deadline"),
        pytest.param(date(2026, 11, 14), date(2026, 11, 14), date(2026, 12, 14), id="its-last-day"),
        pytest.param(date(2026, 11, 15), None, None, id="too-late"),
    ],
)
def test_a_written_request_is_due_early_enough_for_its_months_answer_to_come_in_time(today, day, answer_by):
    d = dl.deadlines_for(**A)
    by = request_by(d, today)
    if day is None:
        assert by is None
        return
    assert (by.day, by.answer_by) == (day, answer_by)
    assert dl.answer_due(by.day, by.day) <= by.answer_by
    assert dl.answer_due(by.day + timedelta(days=1), by.day + timedelta(days=1)) > by.answer_by


@given(deadline=days)
def test_the_last_day_for_a_written_request_is_the_latest_whose_answer_is_due_by_the_deadline(deadline):
    day = latest_request_day(deadline)
    assert dl.answer_due(day, day) <= deadline
    after = day + timedelta(days=1)
    assert dl.answer_due(after, after) > deadline
    assert (deadline - day).days <= 34  # a month, and a weekend or holidays at most


@pytest.mark.parametrize(
    ("now", "kind", "by"),
    [
        # A: the last day the line answers on or before act-by is Friday 4 December 2026.
        pytest.param(paris(2026, 12, 4, 16, 0), CALL, paris(2026, 12, 4, 17), id="act-by-16h00-call-today"),
        pytest.param(paris(2026, 12, 4, 16, 59), CALL, paris(2026, 12, 4, 17), id="act-by-16h59-call-today"),
        pytest.param(paris(2026, 12, 4, 17, 0), CALL, paris(2026, 12, 14, 17), id="act-by-17h00-the-legal-day"),
        pytest.param(paris(2026, 12, 4, 17, 1), CALL, paris(2026, 12, 14, 17), id="act-by-17h01-the-legal-day"),
        # The legal deadline, Monday 14 December: after 17:00 the line has closed for good.
        pytest.param(paris(2026, 12, 14, 16, 0), CALL, paris(2026, 12, 14, 17), id="legal-16h00-call-today"),
        pytest.param(paris(2026, 12, 14, 16, 59), CALL, paris(2026, 12, 14, 17), id="legal-16h59-call-today"),
        pytest.param(paris(2026, 12, 14, 17, 0), ONLINE, paris(2026, 12, 14, 23, 59), id="legal-17h00-online"),
        pytest.param(paris(2026, 12, 14, 17, 1), ONLINE, paris(2026, 12, 14, 23, 59), id="legal-17h01-online"),
    ],
)
def test_a_call_is_still_to_come_until_17h_sharp_on_its_day(now, kind, by):
    action = next_action(**A, route="phone", now=now)
    assert (action.kind, action.by) == (kind, by)


@pytest.mark.parametrize(
    ("now", "zone", "days"),
    [
        # A: call by Friday 4 December 2026, 17:00 Paris. Thursday 3 December, 21:00 in Paris …
        pytest.param(utc(2026, 12, 3, 20), "Europe/Paris", 1, id="paris-thursday-evening-one-day"),
        # … is already Friday 00:00 in La Réunion (UTC+4): the day itself there.
        pytest.param(utc(2026, 12, 3, 20), "Indian/Reunion", 0, id="reunion-already-friday"),
        # Friday 4 December, 16:00 Paris, is still Friday 11:00 in Martinique: the day itself.
        pytest.param(utc(2026, 12, 4, 15), "America/Martinique", 0, id="martinique-the-day-itself"),
        pytest.param(utc(2026, 12, 1, 8), "Europe/Paris", 3, id="paris-tuesday-three-days"),
    ],
)
def test_the_days_left_to_act_are_counted_on_the_readers_clock(now, zone, days):
    action = next_action(**A, route="phone", now=now)
    assert action.by == paris(2026, 12, 4, 17)
    assert action.days_left(now, zone) == days


def test_a_closure_has_no_days_left():
    assert next_action(**A, route="closure", now=paris(2026, 12, 1, 9)).days_left(paris(2026, 12, 1, 9)) is None


@pytest.mark.parametrize(
    ("today", "limit"),
    [
        pytest.param(date(2026, 11, 4), Limit.ACT_BY, id="in-time-for-act-by"),
        pytest.param(date(2026, 11, 5), Limit.LEGAL, id="only-in-time-for-the-legal-deadline"),
    ],
)
def test_a_written_request_says_which_day_its_answer_comes_by(today, limit):
    assert request_by(dl.deadlines_for(**A), today).limit == limit


def test_the_days_left_are_counted_in_paris_unless_the_reader_lives_elsewhere():
    action = next_action(**A, route="phone", now=utc(2026, 12, 3, 20))
    assert action.days_left(utc(2026, 12, 3, 20)) == 1  # Thursday 21:00 in Paris; call by Friday 17:00


def test_the_days_left_do_not_depend_on_the_servers_time_zone(monkeypatch):
    # A server whose clock is set to UTC+14: Friday 17:00 in Paris is already Saturday there.
    monkeypatch.setenv("TZ", "Pacific/Kiritimati")
    time.tzset()
    try:
        action = next_action(**A, route="phone", now=paris(2026, 12, 3, 9))
        assert action.days_left(paris(2026, 12, 3, 9)) == 1
        assert action.days_left(paris(2026, 12, 3, 9), "Indian/Reunion") == 1
    finally:
        monkeypatch.undo()
        time.tzset()


def test_a_space_already_open_is_to_be_closed_by_the_route_its_person_can_take():
    # No letter: the space is open already; nothing to call, no moment to beat. Someone who cannot phone
    # is never given the phone route.
    from optout.actions import action_for

    for route, can_call, expected in (("closure", True, "closure"), ("phone", False, "online")):
        action = action_for(None, route=route, now=paris(2026, 12, 3, 9), can_call=can_call)
        assert (action.kind, action.by, action.route, action.phase) == (ActionKind.CLOSE, None, expected, None)


def test_each_action_says_the_phase_of_the_day_it_is_in_paris_and_after_the_deadline_to_close():
    # Letter A: act-by Sunday 6 December, legal deadline Monday 14 December, the space opens on the 15th.
    for now, phase, kind in (
        (paris(2026, 12, 6, 23, 30), "safe", ActionKind.CALL),  # act-by's evening: call before the legal deadline
        (paris(2026, 12, 7, 9), "late", ActionKind.CALL),
        (paris(2026, 12, 15, 9), "missed", ActionKind.CLOSE),
    ):
        action = next_action(**A, route="phone", now=now)
        assert (action.kind, action.phase, action.route) == (kind, phase, "phone")
    assert next_action(**A, route="online", now=paris(2026, 12, 15, 9)).route == "online"


def test_the_phase_is_the_paris_day_whatever_the_servers_clock(monkeypatch):
    # At 23:30 in Paris on act-by's day it is already the next day on a server set to UTC+14: still « safe ».
    monkeypatch.setenv("TZ", "Pacific/Kiritimati")
    time.tzset()
    try:
        assert next_action(**A, route="phone", now=paris(2026, 12, 6, 23, 30)).phase == "safe"
    finally:
        monkeypatch.undo()
        time.tzset()
