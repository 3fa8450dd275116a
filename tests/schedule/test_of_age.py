"""The month a child turns 18: one reminder, the first morning of that month, at the person's hour in their zone."""

import time
from datetime import date, datetime
from datetime import time as clock_time
from zoneinfo import ZoneInfo

from optout import deadlines
from optout.deadlines import PARIS
from optout.schedule import CaseState, Preferences, schedule_for

OPENED = datetime(2026, 3, 2, 10, tzinfo=PARIS)
FEBRUARY_2031 = date(2031, 2, 1)


def state(**kwargs) -> CaseState:
    values = {"route": "closure", "status": "closing", "created_at": OPENED} | kwargs
    return CaseState(**values)


def test_the_reminder_is_due_the_first_morning_of_that_month():
    plan = schedule_for(state(adult_month=FEBRUARY_2031), Preferences())

    assert plan == {"of-age": datetime(2031, 2, 1, 9, tzinfo=PARIS)}


def test_it_follows_the_persons_hour_and_zone():
    plan = schedule_for(state(adult_month=FEBRUARY_2031), Preferences(send_hour=18, time_zone="Indian/Reunion"))

    assert plan["of-age"] == datetime(2031, 2, 1, 18, tzinfo=ZoneInfo("Indian/Reunion"))


def test_it_comes_even_once_the_case_is_finished_and_stops_with_the_reminders():
    finished = state(status="opposed", finished_at=OPENED, adult_month=FEBRUARY_2031)

    assert schedule_for(finished, Preferences())["of-age"] == datetime(2031, 2, 1, 9, tzinfo=PARIS)
    assert "of-age" not in schedule_for(finished, Preferences(enabled=False))


def test_a_case_opened_during_that_month_gets_it_the_next_morning_and_after_it_none():
    during = state(adult_month=date(2026, 3, 1))
    after = state(adult_month=date(2026, 2, 1))

    assert schedule_for(during, Preferences())["of-age"] == datetime(2026, 3, 3, 9, tzinfo=PARIS)
    assert "of-age" not in schedule_for(after, Preferences())


def test_it_never_shares_an_hour_with_another_reminder_and_is_never_merged_away():
    # A letter whose J-7 reminder falls on 1 April 2026 at 9:00: the of-age one moves to the next day.
    letter = deadlines.deadlines_for(date(2026, 3, 8), date(2026, 3, 8))
    case = state(route="online", status="open", deadlines=letter, code_received=True, adult_month=date(2026, 4, 1))

    plan = schedule_for(case, Preferences())

    assert letter.act_by == date(2026, 4, 8)
    assert plan["lead-7"] == datetime(2026, 4, 1, 9, tzinfo=PARIS)
    assert plan["of-age"] == datetime.combine(date(2026, 4, 2), clock_time(9), tzinfo=PARIS)


def test_a_case_opened_at_the_very_moment_of_the_reminder_gets_it_the_next_morning():
    opened = datetime(2031, 2, 1, 9, tzinfo=PARIS)
    plan = schedule_for(state(adult_month=FEBRUARY_2031, created_at=opened), Preferences())
    assert plan["of-age"] == datetime(2031, 2, 2, 9, tzinfo=PARIS)


def test_an_hour_apart_from_another_reminder_is_apart_enough():
    # Letter A (late phase 25 March – 3 April 2026), opened Wednesday 1 April at 9:59: the late phase's
    # reminder comes right away, 10:00; the of-age one, at 11:00 that morning, stays there.
    letter = deadlines.deadlines_for(date(2026, 2, 20), date(2026, 2, 24))
    opened = datetime(2026, 4, 1, 9, 59, tzinfo=PARIS)
    case = state(route="phone", status="open", deadlines=letter, created_at=opened, adult_month=date(2026, 4, 1))
    plan = schedule_for(case, Preferences(send_hour=11))
    assert plan["late-start"] == datetime(2026, 4, 1, 10, tzinfo=PARIS)
    assert plan["of-age"] == datetime(2026, 4, 1, 11, tzinfo=PARIS)


def test_the_of_age_days_are_the_persons_whatever_the_servers_clock_zone(monkeypatch):
    # A server whose clock is set to UTC+14: 23:00 in Paris is already the next day there.
    monkeypatch.setenv("TZ", "Pacific/Kiritimati")
    time.tzset()
    try:
        first = schedule_for(state(adult_month=FEBRUARY_2031), Preferences(send_hour=23))
        assert first["of-age"] == datetime(2031, 2, 1, 23, tzinfo=PARIS)
        opened = datetime(2031, 2, 10, 23, 30, tzinfo=PARIS)
        later = schedule_for(state(adult_month=FEBRUARY_2031, created_at=opened), Preferences())
        assert later["of-age"] == datetime(2031, 2, 11, 9, tzinfo=PARIS)
    finally:
        monkeypatch.undo()
        time.tzset()


def test_fifty_nine_minutes_from_another_reminder_is_too_close_and_moves_it_to_the_next_day():
    # As above, opened at 10:00: the late phase's reminder comes at 10:01, 59 minutes before 11:00.
    letter = deadlines.deadlines_for(date(2026, 2, 20), date(2026, 2, 24))
    opened = datetime(2026, 4, 1, 10, tzinfo=PARIS)
    case = state(route="phone", status="open", deadlines=letter, created_at=opened, adult_month=date(2026, 4, 1))
    plan = schedule_for(case, Preferences(send_hour=11))
    assert plan["late-start"] == datetime(2026, 4, 1, 10, 1, tzinfo=PARIS)
    assert plan["of-age"] == datetime(2026, 4, 2, 11, tzinfo=PARIS)
