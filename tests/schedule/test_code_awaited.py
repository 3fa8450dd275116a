"""The code-awaited reminder (online route, no code yet), and what someone who cannot phone is told
(docs/rules.md, "Reminders the product sends"): it comes ten days after choosing online, never later
than two line days before the last day to call — counted with the public holidays of the person's
département — and not at all when that leaves no day to wait; for someone who cannot phone, in time
to write to the caisse instead (`actions.request_by`). Every reminder day is the person's day: the
server's own clock zone changes nothing.

Letter A: sent Friday 20 February 2026, received Tuesday 24 February → act by Tuesday 24 March,
legal deadline Friday 3 April. A request to the caisse must arrive by Tuesday 24 February for its
answer to come by act-by, by Tuesday 3 March for it to come by the legal deadline.
"""

import time as clock
from datetime import date, datetime, time

import pytest

from optout import deadlines
from optout.deadlines import PARIS
from optout.schedule import CaseState, Preferences, schedule_for

A = deadlines.deadlines_for(date(2026, 2, 20), date(2026, 2, 24))


def at(iso: str, hour: int = 9, minute: int = 0) -> datetime:
    return datetime.combine(date.fromisoformat(iso), time(hour, minute), tzinfo=PARIS)


def online(letter=A, created=None, **kwargs) -> CaseState:
    return CaseState(
        route="online", status="open", created_at=created or at("2026-03-02", 10), deadlines=letter, **kwargs
    )


@pytest.fixture
def server_in_kiritimati(monkeypatch):
    """A server whose clock is set to UTC+14: late evening in Paris is already the next day there."""
    monkeypatch.setenv("TZ", "Pacific/Kiritimati")
    clock.tzset()
    yield
    monkeypatch.undo()
    clock.tzset()


def test_the_code_awaited_reminder_day_skips_good_friday_in_moselle():
    # Sent 10 March 2026, received 12 March, in Moselle: act by Sunday 12 April, last call Friday 10 April.
    # Ten days after Tuesday 24 March is Good Friday, 3 April: a holiday there, so Thursday 2 April.
    letter = deadlines.deadlines_for(date(2026, 3, 10), date(2026, 3, 12), "57")
    assert schedule_for(online(letter, at("2026-03-24", 10)), Preferences())["code-awaited"] == at("2026-04-02")


def test_the_code_awaited_reminder_two_line_days_before_counts_good_friday_in_moselle():
    # Sent 24 February 2026, received 26 February, in Moselle: the legal deadline, Tuesday 7 April, is the
    # last day to call from Monday 30 March. Two line days before it there: Thursday 2 April (Easter Monday),
    # then Wednesday 1 April (Good Friday). Elsewhere it would be Thursday 2 April.
    letter = deadlines.deadlines_for(date(2026, 2, 24), date(2026, 2, 26), "57")
    assert schedule_for(online(letter, at("2026-03-30", 10)), Preferences())["code-awaited"] == at("2026-04-01")


def test_no_code_awaited_reminder_when_the_last_day_to_wait_is_the_day_the_case_opened():
    # Opened Friday 20 March at 8:00: two line days before the last call (Tuesday 24 March) is that same day.
    assert "code-awaited" not in schedule_for(online(created=at("2026-03-20", 8)), Preferences())


def test_someone_who_cannot_phone_waiting_for_a_code_is_reminded_in_time_to_write_to_the_caisse():
    # Opened Monday 2 March: a request must arrive by Tuesday 3 March to be answered by the legal deadline.
    wanted = schedule_for(online(can_call=False), Preferences())
    assert wanted["code-awaited"] == at("2026-03-03")


def test_someone_who_cannot_phone_gets_no_code_awaited_reminder_when_the_last_day_to_write_is_today():
    assert "code-awaited" not in schedule_for(online(can_call=False, created=at("2026-03-03", 8)), Preferences())


def test_someone_who_cannot_phone_on_the_phone_route_gets_no_code_awaited_reminder():
    case = CaseState(route="phone", status="open", created_at=at("2026-03-02", 10), deadlines=A, can_call=False)
    assert "code-awaited" not in schedule_for(case, Preferences())


@pytest.mark.parametrize(
    ("created", "late_start"),
    [
        # The late phase starts Wednesday 25 March: its reminder at the person's hour, 9:00 …
        pytest.param(at("2026-03-25", 8, 59), at("2026-03-25"), id="opened-before-its-hour"),
        # … or, for a case opened at that hour or later, right away (a minute later).
        pytest.param(at("2026-03-25", 9), at("2026-03-25", 9, 1), id="opened-at-its-hour"),
        pytest.param(at("2026-03-26", 15), at("2026-03-26", 15, 1), id="opened-the-next-day"),
    ],
)
def test_someone_who_cannot_phone_opening_a_case_late_is_told_right_away(created, late_start):
    case = CaseState(route="online", status="open", created_at=created, deadlines=A, can_call=False, code_received=True)
    assert schedule_for(case, Preferences())["late-start"] == late_start


def test_reminder_days_are_the_persons_whatever_the_servers_clock_zone(server_in_kiritimati):
    # Opened Monday 2 March at 23:30 in Paris (already Tuesday in Kiritimati): ten days later is 12 March.
    late = at("2026-03-02", 23, 30)
    assert schedule_for(online(created=late), Preferences())["code-awaited"] == at("2026-03-12")
    # Someone who cannot phone: a request must arrive by Tuesday 3 March, and that is still to come for them.
    assert schedule_for(online(created=late, can_call=False), Preferences())["code-awaited"] == at("2026-03-03")
