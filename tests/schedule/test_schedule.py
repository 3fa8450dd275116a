"""The schedule is pure: a case's state and a person's preferences in, due times out."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from optout import deadlines
from optout.deadlines import PARIS
from optout.schedule import CaseState, Preferences, schedule_for

CREATED = datetime(2026, 3, 2, 10, 0, tzinfo=PARIS)


def dates(act_by):
    """A letter whose safe day is `act_by` (sent six weeks before, arrived that day)."""
    return deadlines.deadlines_for(act_by - timedelta(days=42), act_by)


def at(day, hour=9, zone=PARIS):
    return datetime.combine(day, datetime.min.time().replace(hour=hour), tzinfo=zone)


def phone(act_by=date(2026, 3, 24), **kwargs):
    return CaseState(route="phone", status="open", created_at=CREATED, deadlines=dates(act_by), **kwargs)


def test_it_plans_7_and_2_days_before_the_last_call_day_and_the_day_after():
    plan = schedule_for(phone(), Preferences())

    assert plan == {
        "lead-7": at(date(2026, 3, 17)),
        "lead-2": at(date(2026, 3, 20)),  # Sunday 22 → Friday 20: the line is closed on Sundays
        "last-call": at(date(2026, 3, 24)),
        "missed": at(date(2026, 3, 25)),
    }


def test_online_reminders_are_not_moved_to_a_phone_day_but_the_last_call_is():
    state = CaseState(
        route="online", status="open", created_at=CREATED, deadlines=dates(date(2026, 4, 6))
    )  # Easter Monday

    plan = schedule_for(state, Preferences())

    assert plan["lead-2"] == at(date(2026, 4, 4))  # a Saturday is fine for an email about an online step
    assert plan["last-call"] == at(date(2026, 4, 3))  # Good Friday is open outside Alsace-Moselle
    assert schedule_for(state, Preferences(departement="57"))["last-call"] == at(date(2026, 4, 2))


def test_the_code_awaited_reminder_comes_ten_days_after_choosing_online_until_the_code_is_marked():
    state = CaseState(route="online", status="open", created_at=CREATED, deadlines=dates(date(2026, 3, 24)))

    assert schedule_for(state, Preferences())["code-awaited"] == at(date(2026, 3, 12))
    received = CaseState(
        route="online", status="open", created_at=CREATED, deadlines=dates(date(2026, 3, 24)), code_received=True
    )
    assert "code-awaited" not in schedule_for(received, Preferences())


def test_nothing_about_the_window_once_the_opposition_is_done():
    assert (
        schedule_for(
            CaseState(route="phone", status="opposed", created_at=CREATED, deadlines=dates(date(2026, 3, 24))),
            Preferences(),
        )
        == {}
    )


def test_after_a_missed_window_only_the_missed_email_remains():
    state = CaseState(
        route="closure",
        status="closing",
        created_at=CREATED,
        deadlines=dates(date(2026, 3, 24)),
        window_missed_on=date(2026, 3, 25),
    )

    assert schedule_for(state, Preferences()) == {"missed": at(date(2026, 3, 25))}


def test_a_case_opened_after_its_safe_day_gets_no_missed_email():
    late = datetime(2026, 3, 26, 10, tzinfo=PARIS)
    state = CaseState(
        route="closure",
        status="closing",
        created_at=late,
        deadlines=dates(date(2026, 3, 24)),
        window_missed_on=date(2026, 3, 26),
    )

    assert schedule_for(state, Preferences()) == {}


def test_the_closure_confirmation_is_awaited_three_months_after_the_request():
    state = CaseState(
        route="closure", status="closure_requested", created_at=CREATED, closure_requested_on=date(2026, 3, 31)
    )

    assert schedule_for(state, Preferences()) == {"closure-confirmation": at(date(2026, 6, 30))}


def test_no_reminder_is_planned_before_the_case_existed():
    opened_at_j5 = datetime(2026, 3, 19, 12, tzinfo=PARIS)

    state = CaseState(route="phone", status="open", created_at=opened_at_j5, deadlines=dates(date(2026, 3, 24)))

    plan = schedule_for(state, Preferences())

    assert set(plan) == {"lead-2", "last-call", "missed"}


def test_paused_reminders_plan_nothing():
    assert schedule_for(phone(), Preferences(enabled=False)) == {}


def test_lead_times_send_hour_and_time_zone_follow_the_preferences():
    cayenne = ZoneInfo("America/Cayenne")

    plan = schedule_for(phone(), Preferences(lead_days=(10, 3, 1), send_hour=18, time_zone="America/Cayenne"))

    assert plan["lead-10"] == at(date(2026, 3, 13), 18, cayenne)
    assert plan["lead-3"] == at(date(2026, 3, 20), 18, cayenne)  # Saturday 21 → Friday 20
    assert plan["lead-1"] == at(date(2026, 3, 23), 18, cayenne)
    assert "lead-7" not in plan


@given(
    act_by=st.dates(min_value=date(2022, 1, 1), max_value=date(2035, 12, 31)),
    departement=st.sampled_from([None, "75", "57", "67", "68", "974"]),
    leads=st.sets(st.sampled_from([14, 10, 7, 5, 3, 2, 1]), min_size=1),
)
def test_a_reminder_meant_for_a_phone_call_never_falls_on_a_day_the_line_is_closed(act_by, departement, leads):
    state = CaseState(
        route="phone", status="open", created_at=datetime(2021, 9, 1, tzinfo=PARIS), deadlines=dates(act_by)
    )

    plan = schedule_for(state, Preferences(lead_days=tuple(leads), departement=departement))

    for kind, due in plan.items():
        if kind != "missed":
            assert deadlines.is_line_open_day(due.date(), departement), kind
            assert due.date() <= act_by
    assert plan["last-call"].date() == deadlines.last_call_day(act_by, departement)


@pytest.mark.parametrize("status", ["opposed", "closed"])
def test_finished_cases_have_no_reminder(status):
    state = CaseState(route="closure", status=status, created_at=CREATED, deadlines=dates(date(2026, 3, 24)))
    assert schedule_for(state, Preferences()) == {}
