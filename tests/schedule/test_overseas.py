"""Overseas: reminders about calling come while the 3422 answers, in Paris time, never in the night where
the person lives, and the public holidays of their own département count.

The letters (worked out by hand):
- WINTER: sent Monday 5 January 2026, received Wednesday 7 January → act by Saturday 7 February (one
  month after receipt): the last day to call is Friday 6 February. Paris is UTC+1.
- SUMMER: sent Monday 1 June 2026, received Wednesday 3 June → act by Friday 3 July. Paris is UTC+2.
La Réunion is UTC+4, Mayotte UTC+3, Martinique UTC−4, all year.
"""

import itertools
import time as clock
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from optout import deadlines
from optout.deadlines import LINE_CLOSES, LINE_OPENS, PARIS
from optout.schedule import CALL_TIME_LEFT, EARLIEST_LOCAL, MERGE_WINDOW, CaseState, Preferences, schedule_for

WINTER = deadlines.deadlines_for(date(2026, 1, 5), date(2026, 1, 7))
SUMMER = deadlines.deadlines_for(date(2026, 6, 1), date(2026, 6, 3))
REUNION, MARTINIQUE, MAYOTTE = "Indian/Reunion", "America/Martinique", "Indian/Mayotte"


def at(day: str, hour: int, minute: int = 0, zone: str = "Europe/Paris") -> datetime:
    return datetime.combine(date.fromisoformat(day), time(hour, minute), tzinfo=ZoneInfo(zone))


def phone_case(letter, created) -> CaseState:
    return CaseState(route="phone", status="open", created_at=created, deadlines=letter)


@pytest.mark.parametrize(
    ("letter", "zone", "hour", "expected", "local"),
    [
        # 9:00 in La Réunion is 6:00 in Paris: the line is not open yet; it opens at 11:30 there.
        (WINTER, REUNION, 9, at("2026-02-06", 8, 30), "11:30"),
        (SUMMER, REUNION, 9, at("2026-07-03", 8, 30), "10:30"),
        # 9:00 in Mayotte is 7:00 (winter) or 8:00 (summer) in Paris: before the line opens.
        (WINTER, MAYOTTE, 9, at("2026-02-06", 8, 30), "10:30"),
        (SUMMER, MAYOTTE, 9, at("2026-07-03", 8, 30), "09:30"),
        # 9:00 in Martinique is 14:00 or 15:00 in Paris: the line answers, with time left.
        (WINTER, MARTINIQUE, 9, at("2026-02-06", 9, zone=MARTINIQUE), "09:00"),
        (SUMMER, MARTINIQUE, 9, at("2026-07-03", 9, zone=MARTINIQUE), "09:00"),
        # 18:00 in Martinique is 23:00 in Paris; the line opens at 3:30 (2:30 in summer) there:
        # the reminder waits for 7:00 in Martinique, when the line still answers (12:00 or 13:00 in Paris).
        (WINTER, MARTINIQUE, 18, at("2026-02-06", 7, zone=MARTINIQUE), "07:00"),
        (SUMMER, MARTINIQUE, 11, at("2026-07-03", 7, zone=MARTINIQUE), "07:00"),
    ],
)
def test_the_last_call_reminder_comes_while_the_line_answers_in_paris_time(letter, zone, hour, expected, local):
    created = datetime.combine(letter.received_on, time(12), tzinfo=PARIS)

    plan = schedule_for(phone_case(letter, created), Preferences(send_hour=hour, time_zone=zone))

    due = plan["last-call"]
    assert due == expected
    assert f"{due.astimezone(ZoneInfo(zone)):%H:%M}" == local
    in_paris = due.astimezone(PARIS)
    assert LINE_OPENS <= in_paris.time() <= (datetime.combine(in_paris.date(), LINE_CLOSES) - CALL_TIME_LEFT).time()


def test_a_case_opened_in_the_night_in_martinique_is_told_in_the_morning_there():
    # Opened at 1:00 on Wednesday 25 February in Martinique (6:00 in Paris), in the late phase of this letter:
    # act by Monday 23 February, legal deadline Friday 27 February.
    letter = deadlines.deadlines_for(date(2026, 1, 16), date(2026, 1, 23))
    created = at("2026-02-25", 1, zone=MARTINIQUE)

    plan = schedule_for(phone_case(letter, created), Preferences(time_zone=MARTINIQUE))

    assert plan["late-start"] == at("2026-02-25", 7, zone=MARTINIQUE)  # 12:00 in Paris, not 3:30 there


def test_a_case_opened_at_night_in_martinique_just_as_the_line_opens_in_paris_is_told_in_the_morning_there():
    # Found by the property below: opened at 3:29 in Martinique, 8:29 in Paris, a minute before the line
    # opens. "Right away" would be 3:30 at night there; the email waits for 7:00, 12:00 in Paris.
    letter = deadlines.deadlines_for(date(2026, 1, 16), date(2026, 1, 23))
    created = datetime.combine(date(2026, 2, 25), time(3, 29), tzinfo=ZoneInfo(MARTINIQUE))

    plan = schedule_for(phone_case(letter, created), Preferences(time_zone=MARTINIQUE))

    assert plan["late-start"] == at("2026-02-25", 7, zone=MARTINIQUE)


@pytest.mark.parametrize(
    ("departement", "received", "holiday", "last_call"),
    [
        # The abolition of slavery: Monday 27 April 2026 in Mayotte, Friday 22 May 2026 in Martinique,
        # Monday 20 December 2027 in La Réunion. Act by falls on it: the line is closed there that day.
        ("976", date(2026, 3, 27), date(2026, 4, 27), date(2026, 4, 24)),
        ("972", date(2026, 4, 22), date(2026, 5, 22), date(2026, 5, 21)),
        ("974", date(2027, 11, 20), date(2027, 12, 20), date(2027, 12, 17)),
    ],
)
def test_the_holidays_of_the_persons_departement_move_the_last_call(departement, received, holiday, last_call):
    here = deadlines.deadlines_for(received, received, departement)
    mainland = deadlines.deadlines_for(received, received)
    created = datetime.combine(received, time(12), tzinfo=PARIS)
    zone = {"976": MAYOTTE, "972": MARTINIQUE, "974": REUNION}[departement]

    plan = schedule_for(phone_case(here, created), Preferences(time_zone=zone))

    assert here.act_by == holiday and here.last_call_day == last_call
    assert mainland.last_call_day == holiday  # the same day is open in mainland France
    assert plan["last-call"].astimezone(PARIS).date() == last_call


ABOUT_CALLING = {"last-call", "late-start", "late-lead", "late-last-call", "code-awaited"}


@settings(max_examples=300, deadline=None)
@given(
    sent=st.dates(min_value=date(2024, 1, 1), max_value=date(2030, 12, 31)),
    transit=st.integers(min_value=0, max_value=40),
    opened_after=st.integers(min_value=0, max_value=40),
    opened_at=st.times(),
    route=st.sampled_from(["phone", "online"]),
    hour=st.integers(min_value=6, max_value=21),
    place=st.sampled_from([("974", REUNION), ("972", MARTINIQUE), ("976", MAYOTTE), ("971", "America/Guadeloupe")]),
)
def test_overseas_call_reminders_come_while_the_line_answers_and_not_at_night(
    sent, transit, opened_after, opened_at, route, hour, place
):
    departement, zone = place
    received = sent + timedelta(days=transit)
    letter = deadlines.deadlines_for(sent, received, departement)
    created = datetime.combine(received + timedelta(days=opened_after), opened_at, tzinfo=ZoneInfo(zone))
    if created.astimezone(PARIS).date() > letter.legal_deadline:
        return

    plan = schedule_for(
        CaseState(route=route, status="open", created_at=created, deadlines=letter),
        Preferences(send_hour=hour, time_zone=zone),
    )

    for kind, due in plan.items():
        if kind in ABOUT_CALLING or (route == "phone" and kind.startswith("lead-")):
            paris = due.astimezone(PARIS)
            assert deadlines.is_line_open_day(paris.date(), departement), kind
            assert paris.time() >= LINE_OPENS, kind
            assert paris + CALL_TIME_LEFT <= datetime.combine(paris.date(), LINE_CLOSES, tzinfo=PARIS), kind
            assert due.astimezone(ZoneInfo(zone)).time() >= min(time(hour), EARLIEST_LOCAL), kind
    times = sorted(plan.values())
    assert all(later - earlier >= MERGE_WINDOW for earlier, later in itertools.pairwise(times))


def test_the_morning_in_martinique_does_not_depend_on_the_servers_time_zone(monkeypatch):
    # A server whose clock is set to Los Angeles: 8:30 in Paris is still the evening before there. The
    # reminder still waits for 7:00 on the day in Martinique, not the line's opening at 3:30 there.
    monkeypatch.setenv("TZ", "America/Los_Angeles")
    clock.tzset()
    try:
        created = datetime.combine(WINTER.received_on, time(12), tzinfo=PARIS)
        plan = schedule_for(phone_case(WINTER, created), Preferences(send_hour=18, time_zone=MARTINIQUE))
        assert plan["last-call"] == at("2026-02-06", 7, zone=MARTINIQUE)
    finally:
        monkeypatch.undo()
        clock.tzset()
