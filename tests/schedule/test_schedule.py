"""The schedule is pure: a case's state and a person's preferences in, due times out.

Expected times below were worked out by hand from docs/rules.md ("Reminders the product sends"):
weekdays checked with datetime, French public holidays from the calendar.
The letters used:
- A: sent Friday 20 February 2026, received Tuesday 24 February → act by Tuesday 24 March
  (one month after receipt), legal deadline Friday 3 April (Good Friday: a holiday in
  Alsace-Moselle only), the space opens Saturday 4 April.
- B (the issue's): sent Tuesday 27 October 2026, received Wednesday 28 October → act by
  Saturday 28 November, legal deadline Tuesday 8 December, opens Wednesday 9 December.
- C: sent 1 October 2026, received 5 November → act by = legal deadline = Thursday
  12 November (it arrived late): no late phase.
"""

import itertools
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from optout import deadlines
from optout.deadlines import LINE_CLOSES, LINE_OPENS, PARIS
from optout.schedule import MERGE_WINDOW, CaseState, Preferences, schedule_for

A = deadlines.deadlines_for(date(2026, 2, 20), date(2026, 2, 24))
B = deadlines.deadlines_for(date(2026, 10, 27), date(2026, 10, 28))
C = deadlines.deadlines_for(date(2026, 10, 1), date(2026, 11, 5))
CAYENNE = ZoneInfo("America/Cayenne")


def at(iso: str, hour: int = 9, minute: int = 0, zone=PARIS) -> datetime:
    return datetime.combine(date.fromisoformat(iso), time(hour, minute), tzinfo=zone)


OPENED = at("2026-03-02", 10)  # Monday 2 March 2026


def state(letter=A, route="phone", status="open", created=OPENED, **kwargs) -> CaseState:
    return CaseState(route=route, status=status, created_at=created, deadlines=letter, **kwargs)


def test_the_issue_letter_has_the_phases_and_dates_the_pages_show():
    assert (B.act_by, B.legal_deadline, B.opens_on) == (date(2026, 11, 28), date(2026, 12, 8), date(2026, 12, 9))
    standing = B.on(date(2026, 11, 29))
    assert (standing.phase, standing.deadline, standing.call_by, standing.days_left) == (
        "late",
        date(2026, 12, 8),
        date(2026, 12, 8),
        9,
    )


@pytest.mark.parametrize(
    ("name", "case", "prefs", "expected"),
    [
        pytest.param(
            "phone",
            state(),
            Preferences(),
            {
                "lead-7": at("2026-03-17"),
                "lead-2": at("2026-03-20"),  # Sunday 22 → Friday 20: the line answers
                "last-call": at("2026-03-24"),
                "late-start": at("2026-03-25"),  # the morning the late phase starts
                "late-lead": at("2026-04-01"),  # two line days before Friday 3 April
                "late-last-call": at("2026-04-03"),
                "missed": at("2026-04-04"),  # the morning the space opens
            },
            id="phone-safe",
        ),
        pytest.param(
            "phone in Alsace",
            state(deadlines.deadlines_for(date(2026, 2, 20), date(2026, 2, 24), "67")),
            Preferences(),
            {
                "lead-7": at("2026-03-17"),
                "lead-2": at("2026-03-20"),
                "last-call": at("2026-03-24"),
                "late-start": at("2026-03-25"),
                "late-lead": at("2026-03-31"),  # two line days before Thursday 2 April
                "late-last-call": at("2026-04-02"),  # Good Friday 3 April: the line is closed there
                "missed": at("2026-04-04"),
            },
            id="phone-alsace-good-friday",
        ),
        pytest.param(
            "online",
            state(route="online"),
            Preferences(),
            {
                "lead-7": at("2026-03-17"),
                "lead-2": at("2026-03-22"),  # online: the exact day, a Sunday
                "code-awaited": at("2026-03-12"),  # ten days after choosing online
                "last-call": at("2026-03-24"),
                "late-start": at("2026-03-25"),
                "late-lead": at("2026-04-01"),
                "late-last-call": at("2026-04-03"),
                "missed": at("2026-04-04"),
            },
            id="online-no-code",
        ),
        pytest.param(
            "online with the code",
            state(route="online", code_received=True),
            Preferences(),
            {
                "lead-7": at("2026-03-17"),
                "lead-2": at("2026-03-22"),
                "last-call": at("2026-03-24"),
                "late-start": at("2026-03-25"),
                "late-lead": at("2026-04-01"),
                "late-last-call": at("2026-04-03"),
                "missed": at("2026-04-04"),
            },
            id="online-code-in-hand",
        ),
        pytest.param(
            "20:00, act by a Saturday",
            state(B, created=at("2026-11-10", 10)),
            Preferences(lead_days=(7, 2, 1), send_hour=20),
            {
                # 20:00 is after the line closes: reminders about calling come at its opening.
                "lead-7": at("2026-11-20", 8, 30),  # Saturday 21 → Friday 20
                "lead-2": at("2026-11-26", 8, 30),
                # lead-1 (Friday 27, 8:30) would come in the same minute as last-call: merged into it.
                "last-call": at("2026-11-27", 8, 30),  # act-by is a Saturday
                "late-start": at("2026-11-30", 8, 30),  # the late phase starts on Sunday 29
                "late-lead": at("2026-12-04", 8, 30),  # two line days before Tuesday 8 December
                "late-last-call": at("2026-12-08", 8, 30),
                "missed": at("2026-12-09", 20),  # not about calling: the person's hour
            },
            id="evening-hour-merged",
        ),
        pytest.param(
            "opened late on a Sunday",
            state(B, created=at("2026-11-29", 11)),
            Preferences(),
            {
                "late-start": at("2026-11-30", 8, 30),  # right away: as soon as the line answers
                "late-lead": at("2026-12-04"),
                "late-last-call": at("2026-12-08"),
                "missed": at("2026-12-09"),
            },
            id="opened-late-weekend",
        ),
        pytest.param(
            "opened late while the line answers",
            state(B, created=at("2026-11-30", 10)),
            Preferences(),
            {
                "late-start": at("2026-11-30", 10, 1),  # right away
                "late-lead": at("2026-12-04"),
                "late-last-call": at("2026-12-08"),
                "missed": at("2026-12-09"),
            },
            id="opened-late-line-open",
        ),
        pytest.param(
            "opened late with less than an hour to call",
            state(B, created=at("2026-11-30", 16, 30)),
            Preferences(),
            {
                "late-start": at("2026-12-01", 8, 30),
                "late-lead": at("2026-12-04"),
                "late-last-call": at("2026-12-08"),
                "missed": at("2026-12-09"),
            },
            id="opened-late-line-closing",
        ),
        pytest.param(
            "no late phase",
            state(C, created=at("2026-11-05", 10)),
            Preferences(),
            {
                "lead-2": at("2026-11-10"),  # lead-7 (5 November, 9:00) was before the case existed
                "last-call": at("2026-11-12"),
                "missed": at("2026-11-13"),
            },
            id="arrived-late-no-late-phase",
        ),
        pytest.param(
            "closure chosen before the space opens",
            state(route="closure", status="closing"),
            Preferences(),
            {"missed": at("2026-04-04")},
            id="closure-before-opening",
        ),
        pytest.param(
            "a space already open",
            state(None, route="closure", status="closing"),
            Preferences(),
            {},
            id="closure-no-letter",
        ),
        pytest.param(
            "closure confirmation",
            state(None, route="closure", status="closure_requested", closure_requested_on=date(2026, 3, 31)),
            Preferences(),
            {"closure-confirmation": at("2026-06-30")},
            id="closure-requested",
        ),
    ],
)
def test_each_case_gets_its_reminders_at_the_times_worked_out_by_hand(name, case, prefs, expected):
    assert schedule_for(case, prefs) == expected


def test_the_code_awaited_reminder_never_comes_after_the_last_useful_day():
    two_line_days_before_act_by = at("2026-03-20")  # Monday 23 is one, Friday 20 is two
    opened_late_in_the_window = state(route="online", created=at("2026-03-18", 10))
    too_late_to_wait = state(route="online", created=at("2026-03-20", 10))

    assert schedule_for(opened_late_in_the_window, Preferences())["code-awaited"] == two_line_days_before_act_by
    assert "code-awaited" not in schedule_for(too_late_to_wait, Preferences())


def test_paused_reminders_plan_nothing_but_a_finished_case_still_gets_its_retention_notice():
    assert schedule_for(state(), Preferences(enabled=False)) == {}
    finished = state(status="opposed", finished_at=at("2026-03-10", 15))
    assert schedule_for(finished, Preferences(enabled=False)) == {"retention-warning": at("2027-02-24")}


@pytest.mark.parametrize("status", ["opposed", "closed"])
def test_finished_cases_have_no_reminder_but_the_retention_notice(status):
    finished = state(route="closure", status=status, finished_at=at("2026-03-10", 15))
    assert schedule_for(finished, Preferences()) == {"retention-warning": at("2027-02-24")}


def test_lead_reminders_follow_the_persons_time_zone_and_calls_the_lines_hours():
    plan = schedule_for(state(route="online"), Preferences(lead_days=(10, 3), send_hour=9, time_zone="America/Cayenne"))

    assert plan["lead-10"] == at("2026-03-14", 9, zone=CAYENNE)  # online: the person's hour, their zone
    # 9:00 in Cayenne is 13:00 in Paris: the line answers, with time left.
    assert plan["last-call"] == at("2026-03-24", 9, zone=CAYENNE)


ABOUT_CALLING = {"last-call", "late-start", "late-lead", "late-last-call", "code-awaited"}


def is_about_calling(kind: str, route: str) -> bool:
    return kind in ABOUT_CALLING or (route == "phone" and kind.startswith("lead-"))


@settings(max_examples=300, deadline=None)
@given(
    sent=st.dates(min_value=date(2022, 1, 1), max_value=date(2035, 12, 31)),
    transit=st.integers(min_value=0, max_value=60),
    opened_after=st.integers(min_value=0, max_value=50),
    opened_at=st.times(),
    route=st.sampled_from(["phone", "online"]),
    code=st.booleans(),
    departement=st.sampled_from([None, "75", "57", "67", "68", "974"]),
    leads=st.sets(st.sampled_from([14, 10, 7, 5, 3, 2, 1]), min_size=0),
    hour=st.integers(min_value=6, max_value=21),
    zone=st.sampled_from(["Europe/Paris", "America/Cayenne", "Indian/Reunion"]),
)
def test_reminders_respect_the_line_the_hour_and_each_other(
    sent, transit, opened_after, opened_at, route, code, departement, leads, hour, zone
):
    received = sent + timedelta(days=transit)
    letter = deadlines.deadlines_for(sent, received, departement)
    created = datetime.combine(received + timedelta(days=opened_after), opened_at, tzinfo=PARIS)
    if created.date() > letter.legal_deadline:
        return  # no opposition route is possible any more
    prefs = Preferences(lead_days=tuple(leads), send_hour=hour, time_zone=zone)

    plan = schedule_for(state(letter, route=route, created=created, code_received=code), prefs)

    for kind, due in plan.items():
        assert due > created, kind
        if is_about_calling(kind, route):
            local = due.astimezone(PARIS)
            assert deadlines.is_line_open_day(local.date(), departement), kind
            assert time(LINE_OPENS.hour, LINE_OPENS.minute) <= local.time(), kind
            assert local.time() <= (datetime.combine(local.date(), LINE_CLOSES) - timedelta(hours=1)).time(), kind
            assert local.date() <= letter.legal_deadline, kind
    if "missed" in plan:
        assert plan["missed"].astimezone(ZoneInfo(zone)).date() == letter.opens_on
    times = sorted(plan.values())
    assert all(later - earlier >= MERGE_WINDOW for earlier, later in itertools.pairwise(times))
    if "late-last-call" in plan:
        assert plan["late-last-call"].astimezone(PARIS).date() == letter.last_legal_call_day


def test_someone_who_cannot_phone_gets_the_online_routes_own_days_at_their_hour():
    opened = at("2026-10-29", 10)  # Thursday 29 October: letter B came the day before, without a code

    plan = schedule_for(state(B, route="online", created=opened, can_call=False), Preferences())

    assert plan == {
        "lead-7": at("2026-11-21"),  # a Saturday: no need to wait for a day the 3422 answers
        # Received by Sunday 8 November, a written request is answered by the legal deadline: the code
        # awaited comes that morning at the latest, while writing is still an answer.
        "code-awaited": at("2026-11-08"),
        "lead-2": at("2026-11-26"),
        "last-call": at("2026-11-28"),  # act-by itself, a Saturday
        "late-start": at("2026-11-29"),
        "late-lead": at("2026-12-06"),
        "late-last-call": at("2026-12-08"),  # the legal deadline itself
        "missed": at("2026-12-09"),
    }


@settings(max_examples=150, deadline=None)
@given(
    sent=st.dates(min_value=date(2026, 1, 1), max_value=date(2027, 12, 31)),
    transit=st.integers(min_value=0, max_value=20),
    opened_after=st.integers(min_value=0, max_value=45),
    code=st.booleans(),
    hour=st.integers(min_value=6, max_value=21),
)
def test_without_a_phone_every_reminder_comes_at_the_persons_hour_and_never_after_its_day(
    sent, transit, opened_after, code, hour
):
    received = sent + timedelta(days=transit)
    letter = deadlines.deadlines_for(sent, received)
    created = datetime.combine(received + timedelta(days=opened_after), time(10), tzinfo=PARIS)
    if created.date() > letter.legal_deadline:
        return
    plan = schedule_for(
        state(letter, route="online", created=created, code_received=code, can_call=False),
        Preferences(send_hour=hour),
    )
    for kind, due in plan.items():
        local = due.astimezone(PARIS)
        if due - created > timedelta(minutes=1):  # not one sent right away
            assert local.time() == time(hour), kind
        assert local.date() <= letter.opens_on, kind
    if "last-call" in plan:
        assert plan["last-call"].astimezone(PARIS).date() == letter.act_by
    if "late-last-call" in plan:
        assert plan["late-last-call"].astimezone(PARIS).date() == letter.legal_deadline


def _schedules_near_midnight():
    """Cases whose reminders depend on the day a moment falls on, each moment half an hour before midnight."""
    late = at("2026-11-29", 23, 30)  # B's late phase has begun (act-by was the 28th)
    single_line_day = deadlines.deadlines_for(date(2026, 11, 2), date(2026, 11, 13))  # late phase: 14 December
    return [
        schedule_for(state(letter=B, created=at("2026-11-28", 23, 30)), Preferences()),  # act-by's evening
        schedule_for(state(letter=single_line_day), Preferences(time_zone="America/Cayenne")),
        schedule_for(state(letter=B), Preferences(time_zone="America/Cayenne")),
        # Late phase from Monday 30 November at 13:00 in Paris (9:00 in Cayenne), already 1 December on a
        # UTC+14 clock; its lead reminder is on Tuesday 1 December, two line days before Thursday the 3rd.
        schedule_for(
            state(letter=deadlines.deadlines_for(date(2026, 10, 22), date(2026, 10, 28))),
            Preferences(time_zone="America/Cayenne"),
        ),
        schedule_for(state(letter=B, created=late), Preferences()),
        schedule_for(state(letter=B, created=late, route="online"), Preferences()),
        schedule_for(state(letter=B, created=late, can_call=False), Preferences()),
        schedule_for(state(letter=A, created=at("2026-03-20", 23, 30)), Preferences(time_zone="America/Cayenne")),
        schedule_for(
            state(letter=A, status="opposed", finished_at=at("2026-03-10", 23, 30)),
            Preferences(time_zone="America/Cayenne"),
        ),
    ]


@pytest.mark.parametrize("server_zone", ["Pacific/Kiritimati", "Pacific/Pago_Pago"])
def test_every_reminder_is_due_at_the_same_moment_whatever_the_servers_clock(monkeypatch, server_zone):
    # The days of the rules are Paris days and the send hour is the person's: a server whose clock is set
    # to UTC+14 or UTC−11 (where 23:30 in Paris is already tomorrow, or still the afternoon) plans the same.
    import time as clock

    expected = _schedules_near_midnight()
    monkeypatch.setenv("TZ", server_zone)
    clock.tzset()
    try:
        assert _schedules_near_midnight() == expected
    finally:
        monkeypatch.undo()
        clock.tzset()


def test_a_late_phase_of_a_single_line_day_still_gets_its_call_reminder_that_morning():
    # Sent Monday 2 November 2026, received Friday 13 November: act-by Sunday 13 December, legal deadline
    # Monday 14 December. The late phase has one day the line answers, the 14th: its reminder comes that
    # morning at 9:00 (the start and the last call the same morning: one email).
    letter = deadlines.deadlines_for(date(2026, 11, 2), date(2026, 11, 13))
    planned = schedule_for(state(letter=letter), Preferences())
    late = {kind: due for kind, due in planned.items() if kind.startswith("late")}
    assert late == {"late-last-call": at("2026-12-14")}


def test_in_moselle_the_late_phase_starts_on_the_first_day_the_line_answers_there_not_on_good_friday():
    # Sent Tuesday 24 February 2026, received Monday 2 March: act-by Thursday 2 April, legal deadline Tuesday
    # 7 April. Good Friday (3 April) is a holiday in Moselle, Easter Monday everywhere: there, the late phase's
    # only line day is the 7th; in Paris, Good Friday is one too.
    moselle = deadlines.deadlines_for(date(2026, 2, 24), date(2026, 3, 2), "57")
    paris = deadlines.deadlines_for(date(2026, 2, 24), date(2026, 3, 2))

    def late_days(letter):
        planned = schedule_for(state(letter=letter), Preferences())
        return sorted(due.date() for kind, due in planned.items() if kind.startswith("late"))

    assert late_days(moselle) == [date(2026, 4, 7)]
    assert date(2026, 4, 3) in late_days(paris)


def test_of_reminders_within_an_hour_the_most_urgent_is_kept():
    from optout.schedule import merge

    nine = at("2026-03-16")
    # The fewer days left, the more urgent; a reminder before a deadline before one after it; the
    # missed-window email before a closure's confirmation, and both before a notice about data.
    assert merge({"lead-7": nine, "lead-2": nine + timedelta(minutes=10)}) == {"lead-2": nine + timedelta(minutes=10)}
    assert merge({"missed": nine, "lead-2": nine + timedelta(minutes=10)}) == {"lead-2": nine + timedelta(minutes=10)}
    assert merge({"closure-confirmation": nine, "missed": nine + timedelta(minutes=10)}) == {
        "missed": nine + timedelta(minutes=10)
    }
    assert merge({"retention-warning": nine, "missed": nine + timedelta(minutes=10)}) == {
        "missed": nine + timedelta(minutes=10)
    }
    # An hour apart exactly: both are sent.
    assert merge({"lead-7": nine, "missed": nine + MERGE_WINDOW}) == {"lead-7": nine, "missed": nine + MERGE_WINDOW}
