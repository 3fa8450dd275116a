"""Reminders about calling, at the edges of the line's hours and its days (docs/rules.md, "Reminders
the product sends"): a reminder about calling comes while the 3422 answers with at least an hour
left, so never after 16:00 Paris time; a case opened late is told right away only while that hour
is left, else the next morning the line answers; the late phase's second reminder comes two line
days before the last day to call, counted over a Monday public holiday.

Letter A: sent Friday 20 February 2026, received Tuesday 24 February → act by Tuesday 24 March, the
late phase from Wednesday 25 March, legal deadline Friday 3 April (Good Friday: a holiday in
Alsace-Moselle only), the space opens Saturday 4 April.
Letter E: sent Wednesday 25 February 2026, received Friday 27 February → act by Friday 27 March, legal
deadline Wednesday 8 April, two days after Easter Monday (6 April).
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


def state(letter=A, route="phone", status="open", created=None, **kwargs) -> CaseState:
    created = created or at("2026-03-02", 10)
    return CaseState(route=route, status=status, created_at=created, deadlines=letter, **kwargs)


def test_a_call_reminder_at_16h_leaves_the_hour_and_comes_at_the_persons_hour():
    wanted = schedule_for(state(), Preferences(send_hour=16))
    assert wanted["last-call"] == at("2026-03-24", 16)
    assert wanted["late-last-call"] == at("2026-04-03", 16)


def test_a_call_reminder_wanted_at_17h_comes_as_the_line_opens_that_morning():
    wanted = schedule_for(state(), Preferences(send_hour=17))
    assert wanted["last-call"] == at("2026-03-24", 8, 30)
    assert wanted["late-last-call"] == at("2026-04-03", 8, 30)


@pytest.mark.parametrize(
    ("opened", "late_start"),
    [
        # Thursday 26 March, in the late phase: right away while an hour is left before 17:00 …
        pytest.param(at("2026-03-26", 15, 59), at("2026-03-26", 16), id="15h59-told-at-16h00"),
        # … else the next morning the line answers, Friday 27 March at 8:30.
        pytest.param(at("2026-03-26", 16, 0), at("2026-03-27", 8, 30), id="16h00-next-morning"),
        pytest.param(at("2026-03-26", 16, 59), at("2026-03-27", 8, 30), id="16h59-next-morning"),
        pytest.param(at("2026-03-26", 17, 0), at("2026-03-27", 8, 30), id="17h00-next-morning"),
        pytest.param(at("2026-03-26", 17, 1), at("2026-03-27", 8, 30), id="17h01-next-morning"),
    ],
)
def test_a_case_opened_late_is_told_right_away_only_with_an_hour_left_before_17h(opened, late_start):
    wanted = schedule_for(state(created=opened), Preferences())
    assert wanted["late-start"] == late_start


def test_a_case_opened_late_on_a_friday_after_16h_is_told_on_monday_morning():
    wanted = schedule_for(state(created=at("2026-03-27", 16, 30)), Preferences())
    assert wanted["late-start"] == at("2026-03-30", 8, 30)


@pytest.mark.parametrize(
    ("departement", "late_lead"),
    [
        # Two line days before Wednesday 8 April: Tuesday 7, then (Easter Monday, the weekend) Friday 3 …
        pytest.param(None, at("2026-04-03"), id="the-friday-before-easter-monday"),
        # … in Alsace-Moselle, Good Friday too: Thursday 2 April.
        pytest.param("57", at("2026-04-02"), id="moselle-the-thursday"),
    ],
)
def test_the_late_phase_reminder_two_line_days_before_counts_back_over_easter_monday(departement, late_lead):
    letter = deadlines.deadlines_for(date(2026, 2, 25), date(2026, 2, 27), departement)
    wanted = schedule_for(state(letter), Preferences())
    assert wanted["late-last-call"] == at("2026-04-08")
    assert wanted["late-lead"] == late_lead


@pytest.mark.parametrize(
    "status",
    [
        pytest.param("closed", id="closure-confirmed"),
        pytest.param("closing", id="closure-request-withdrawn-to-do-again"),
        pytest.param("opposed", id="opposed-after-all"),
        pytest.param("open", id="still-to-oppose"),
    ],
)
def test_only_a_closure_still_awaiting_its_confirmation_gets_the_confirmation_reminder(status):
    requested = date(2026, 3, 31)
    awaiting = schedule_for(
        state(None, route="closure", status="closure_requested", closure_requested_on=requested), Preferences()
    )
    assert awaiting == {"closure-confirmation": at("2026-06-30")}

    other = schedule_for(state(None, route="closure", status=status, closure_requested_on=requested), Preferences())
    assert "closure-confirmation" not in other


def test_a_closure_requested_without_a_day_gets_no_confirmation_reminder():
    wanted = schedule_for(state(None, route="closure", status="closure_requested"), Preferences())
    assert "closure-confirmation" not in wanted


# Letter E in Moselle: the late phase runs from Saturday 28 March to Wednesday 8 April 2026; Good Friday
# (3 April) and Easter Monday (6 April) are public holidays there.
E_MOSELLE = deadlines.deadlines_for(date(2026, 2, 25), date(2026, 2, 27), "57")


@pytest.mark.parametrize(
    ("opened", "late_start"),
    [
        pytest.param(at("2026-04-03", 10), at("2026-04-07", 8, 30), id="opened-on-good-friday-told-on-tuesday"),
        pytest.param(at("2026-04-02", 16, 30), at("2026-04-07", 8, 30), id="opened-thursday-after-16h-told-on-tuesday"),
        pytest.param(at("2026-04-02", 10), at("2026-04-02", 10, 1), id="opened-thursday-morning-told-right-away"),
    ],
)
def test_a_case_opened_late_in_moselle_is_told_when_the_line_answers_there(opened, late_start):
    assert schedule_for(state(E_MOSELLE, created=opened), Preferences())["late-start"] == late_start


def test_a_case_opened_late_is_told_right_away_whatever_the_servers_clock_zone(monkeypatch):
    # A server whose clock is set to UTC+14: Monday 30 March, 15:00 in Paris, is already Tuesday there.
    monkeypatch.setenv("TZ", "Pacific/Kiritimati")
    clock.tzset()
    try:
        opened = at("2026-03-30", 15)
        assert schedule_for(state(created=opened), Preferences())["late-start"] == at("2026-03-30", 15, 1)
    finally:
        monkeypatch.undo()
        clock.tzset()
