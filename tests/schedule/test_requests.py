"""Reminders about a written request: its answer soon, its answer late, its deletion due.

Times worked out by hand: the send hour (9:00 by default) three days before the
answer is due (its last day moved off a weekend or a public holiday), the morning after it, and the morning of the deletion's three-month
mark. None once the answer is marked received, nor once the case is finished.
"""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from optout import deadlines
from optout.deadlines import PARIS
from optout.schedule import CaseState, Preferences, schedule_for

CREATED = datetime(2026, 6, 1, 10, tzinfo=PARIS)


def at(iso: str, hour: int = 9, zone=PARIS) -> datetime:
    return datetime.combine(date.fromisoformat(iso), time(hour), tzinfo=zone)


def closure(request, status="closure_requested", **kwargs) -> CaseState:
    """A closure case whose online request (31 March) was never confirmed, then a written request."""
    return CaseState(
        route="closure",
        status=status,
        created_at=kwargs.pop("created_at", CREATED),
        closure_requested_on=date(2026, 3, 31),
        request=request,
        **kwargs,
    )


def request(sent="2026-07-01", delivered=None, extension=None, answer=None, deletion=True):
    day = date.fromisoformat
    return deadlines.request_dates(
        day(sent),
        delivered and day(delivered),
        extension and day(extension),
        answer and day(answer),
        deletion=deletion,
    )


DEFAULTS = Preferences()


def written(case, prefs=DEFAULTS) -> dict:
    """The reminders of the written request only (the case's others are tested elsewhere)."""
    return {kind: due for kind, due in schedule_for(case, prefs).items() if kind != "closure-confirmation"}


@pytest.mark.parametrize(
    ("the_request", "expected"),
    [
        pytest.param(
            request(),
            # 1 August is a Saturday: the answer is due Monday 3 August, the CNIL reminder comes on the 4th.
            {"answer-soon": at("2026-07-31"), "answer-late": at("2026-08-04"), "deletion-due": at("2026-10-01")},
            id="sent-1-july-an-estimate",
        ),
        pytest.param(
            request(delivered="2026-07-03"),
            {"answer-soon": at("2026-07-31"), "answer-late": at("2026-08-04"), "deletion-due": at("2026-10-03")},
            id="delivered-3-july",
        ),
        pytest.param(
            request(delivered="2026-07-03", extension="2026-07-30"),
            {
                # Saturday 3 October moves to Monday 5 October; the deletion's date (R1111-36) does not move.
                "extended-answer-soon": at("2026-10-02"),
                "extended-answer-late": at("2026-10-06"),
                "deletion-due": at("2026-10-03"),
            },
            id="extended-in-time",
        ),
        pytest.param(
            request(delivered="2026-07-03", extension="2026-08-04"),
            {"answer-soon": at("2026-07-31"), "answer-late": at("2026-08-04"), "deletion-due": at("2026-10-03")},
            id="extension-notified-late-changes-nothing",
        ),
        pytest.param(
            request(sent="2026-07-29", delivered="2026-07-31"),
            {"answer-soon": at("2026-08-28"), "answer-late": at("2026-09-01"), "deletion-due": at("2026-10-31")},
            id="month-end-31-july-to-31-august",
        ),
        pytest.param(request(delivered="2026-07-03", answer="2026-07-20"), {}, id="answered"),
        pytest.param(
            request(deletion=False),
            {"answer-soon": at("2026-07-31"), "answer-late": at("2026-08-04")},
            id="an-opposition-has-no-deletion-date",
        ),
    ],
)
def test_a_written_request_gets_its_reminders(the_request, expected):
    assert written(closure(the_request)) == expected


def test_the_cnil_reminder_comes_after_the_monday_when_the_month_ends_on_a_sunday():
    # Delivered Thursday 18 March 2027: the month ends Sunday 18 April, so the answer is due Monday 19 April.
    planned = written(closure(request(sent="2027-03-15", delivered="2027-03-18")))

    assert planned["answer-soon"] == at("2027-04-16")
    assert planned["answer-late"] == at("2027-04-20")


def test_they_come_at_the_persons_hour_in_the_persons_time_zone():
    cayenne = ZoneInfo("America/Cayenne")
    prefs = Preferences(send_hour=18, time_zone="America/Cayenne")

    assert written(closure(request(delivered="2026-07-03")), prefs) == {
        "answer-soon": at("2026-07-31", 18, cayenne),
        "answer-late": at("2026-08-04", 18, cayenne),
        "deletion-due": at("2026-10-03", 18, cayenne),
    }


@pytest.mark.parametrize("status", ["closed", "opposed"])
def test_none_once_the_case_is_finished(status):
    case = closure(request(), status=status, finished_at=at("2026-07-10", 15))
    assert written(case) == {"retention-warning": at("2027-06-26")}


def test_none_when_reminders_are_paused():
    assert written(closure(request()), Preferences(enabled=False)) == {}


def test_none_before_the_case_existed():
    """A request sent long before the case was followed: only what is still to come."""
    case = closure(request(sent="2026-04-06"), created_at=datetime(2026, 5, 4, 10, tzinfo=PARIS))
    assert written(case) == {"answer-late": at("2026-05-07"), "deletion-due": at("2026-07-06")}


def test_a_case_still_to_close_or_to_oppose_gets_them_too():
    to_close = CaseState(route="closure", status="closing", created_at=CREATED, request=request())
    assert set(written(to_close)) == {"answer-soon", "answer-late", "deletion-due"}

    letter = deadlines.deadlines_for(date(2026, 5, 26), date(2026, 5, 28))
    to_oppose = CaseState(
        route="phone",
        status="open",
        created_at=CREATED,
        deadlines=letter,
        request=request("2026-06-03", deletion=False),
    )
    planned = schedule_for(to_oppose, Preferences())
    assert planned["answer-soon"] == at("2026-06-30")
    assert planned["answer-late"] == at("2026-07-04")
    assert "deletion-due" not in planned
    # The phone route's own reminders are unchanged: act by Sunday 28 June, legal deadline Tuesday 7 July.
    assert (planned["last-call"], planned["late-start"], planned["late-last-call"]) == (
        at("2026-06-26"),
        at("2026-06-29"),
        at("2026-07-07"),
    )


def test_a_phone_reminder_in_the_same_hour_wins_over_a_request_reminder():
    letter = deadlines.deadlines_for(date(2026, 5, 26), date(2026, 5, 28))
    case = CaseState(route="phone", status="open", created_at=CREATED, deadlines=letter, request=request("2026-06-02"))

    planned = schedule_for(case, Preferences())

    assert planned["late-start"] == at("2026-06-29")  # the answer would be due soon that same hour
    assert "answer-soon" not in planned
