"""The dates of a written request: the answer (GDPR art. 12(3)) and the deletion (R1111-36).

Expected values worked out by hand, with a calendar: one calendar month is the same
day number the next month, else that month's last day; a last day on a Saturday, a
Sunday or a French national public holiday moves to the next working day
(Regulation 1182/71 art. 3(4)); the three-month extended date counts from the same
day as the one-month date (delivery, else sending), and moves the same way; an
extension counts only if notified on or before the first month's (moved) last day.
The deletion's three months (R1111-36, French law) are not moved.
"""

import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from optout import deadlines as dl

ROOT = Path(__file__).resolve().parents[2]


def D(iso: str | None) -> date | None:
    return date.fromisoformat(iso) if iso else None


@pytest.mark.parametrize(
    ("sent", "delivered", "extension", "due"),
    [
        pytest.param("2026-03-02", None, None, "2026-04-02", id="plain-month-from-sending"),
        pytest.param("2026-03-09", "2026-03-12", None, "2026-04-13", id="from-delivery-sunday-12-april"),
        pytest.param("2026-01-31", None, None, "2026-03-02", id="jan31-to-saturday-feb28-to-monday"),
        pytest.param("2024-01-31", None, None, "2024-02-29", id="jan31-to-thursday-feb29-leap"),
        pytest.param("2026-01-28", "2026-01-30", None, "2026-03-02", id="delivered-jan30-to-saturday-feb28"),
        pytest.param("2026-03-31", None, None, "2026-04-30", id="mar31-to-apr30"),
        pytest.param("2025-12-31", None, None, "2026-02-02", id="over-the-year-end-to-saturday-jan31"),
        pytest.param("2027-03-15", "2027-03-18", None, "2027-04-19", id="sunday-18-april-to-monday"),
        pytest.param("2026-03-02", "2026-03-05", None, "2026-04-07", id="sunday-then-easter-monday"),
        pytest.param("2026-12-01", None, None, "2027-01-04", id="new-years-day-friday-then-weekend"),
        pytest.param("2026-04-10", "2026-04-14", None, "2026-05-15", id="ascension-thursday"),
        pytest.param("2026-04-08", None, None, "2026-05-11", id="8-may-friday-then-weekend"),
        pytest.param("2026-10-29", "2026-11-01", None, "2026-12-01", id="sent-on-a-holiday-counts-from-it"),
        pytest.param("2026-01-31", None, "2026-02-10", "2026-04-30", id="extended-apr30-not-apr28"),
        pytest.param("2026-01-31", None, "2026-02-28", "2026-04-30", id="extended-on-the-saturday-month-end"),
        pytest.param("2027-03-15", "2027-03-18", "2027-04-19", "2027-06-18", id="extension-told-the-monday-after"),
        pytest.param("2026-01-31", None, "2026-03-02", "2026-04-30", id="extension-on-the-moved-last-day-counts"),
        pytest.param("2026-01-31", None, "2026-03-03", "2026-03-02", id="extension-a-day-late-counts-for-nothing"),
        pytest.param("2026-01-31", None, "2026-05-15", "2026-03-02", id="extension-long-after"),
        pytest.param("2023-11-30", None, "2023-12-20", "2024-02-29", id="extended-to-feb29-leap"),
        pytest.param("2026-11-30", None, "2026-12-01", "2027-03-01", id="extended-to-sunday-feb28"),
        pytest.param("2026-02-14", None, "2026-03-01", "2026-05-15", id="extended-to-ascension"),
        pytest.param("2025-12-31", "2026-01-02", "2026-01-20", "2026-04-02", id="extended-from-delivery"),
        pytest.param("2026-01-20", "2026-01-23", "2026-02-22", "2026-04-23", id="in-time-counted-from-delivery"),
        pytest.param("2026-01-20", None, "2026-02-22", "2026-02-20", id="late-counted-from-sending"),
        pytest.param("2026-05-29", "2026-06-01", "2026-06-01", "2026-09-01", id="extension-the-day-it-arrived"),
    ],
)
def test_the_answer_is_due(sent, delivered, extension, due):
    assert dl.answer_due(D(sent), D(delivered), D(extension)) == D(due)
    assert dl.answer_due(sent_on=D(sent), delivered_on=D(delivered), extension_notified_on=D(extension)) == D(due)


def test_the_signature_is_the_fixed_one():
    import inspect

    parameters = inspect.signature(dl.answer_due, eval_str=True).parameters
    assert [(p.name, p.kind, p.default, p.annotation) for p in parameters.values()] == [
        ("sent_on", inspect.Parameter.POSITIONAL_OR_KEYWORD, inspect.Parameter.empty, date),
        ("delivered_on", inspect.Parameter.POSITIONAL_OR_KEYWORD, None, date | None),
        ("extension_notified_on", inspect.Parameter.POSITIONAL_OR_KEYWORD, None, date | None),
    ]
    assert inspect.signature(dl.answer_due, eval_str=True).return_annotation is date


def test_the_rules_import_without_django():
    code = "import sys; import optout.deadlines as d; assert 'django' not in sys.modules; print(d.answer_due)"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("sent", "delivered", "due"),
    [
        pytest.param("2026-03-02", None, "2026-06-02", id="plain"),
        pytest.param("2026-03-02", "2026-03-06", "2026-06-06", id="from-delivery"),
        pytest.param("2026-11-30", None, "2027-02-28", id="nov30-to-feb28"),
        pytest.param("2023-11-30", None, "2024-02-29", id="nov30-to-feb29-leap"),
        pytest.param("2026-05-29", "2026-05-31", "2026-08-31", id="may31-to-aug31"),
        pytest.param("2026-03-27", "2026-03-31", "2026-06-30", id="mar31-to-jun30"),
    ],
)
def test_the_deletion_is_due_three_months_after_the_request(sent, delivered, due):
    assert dl.deletion_due(D(sent), D(delivered)) == D(due)


@pytest.mark.parametrize(
    ("delivered", "due"),
    [
        pytest.param("2026-05-01", "2026-08-01", id="a-saturday"),
        pytest.param("2026-08-01", "2026-11-01", id="all-saints-on-a-sunday"),
        pytest.param("2026-10-01", "2027-01-01", id="new-years-day"),
    ],
)
def test_the_deletion_date_is_not_moved_to_a_working_day(delivered, due):
    # R1111-36 is French law: Regulation 1182/71 does not count its three months (docs/rules.md).
    assert dl.deletion_due(D("2026-04-28"), D(delivered)) == D(due)


def test_the_request_dates_say_what_the_pages_say():
    dates = dl.request_dates(date(2026, 1, 31), None, date(2026, 3, 3), deletion=True)

    assert (dates.one_month, dates.answer_due, dates.deletion_due) == (
        date(2026, 3, 2),  # Saturday 28 February, moved to the Monday
        date(2026, 3, 2),
        date(2026, 4, 30),
    )
    assert dates.estimate and dates.extension_too_late and not dates.extended
    assert not dates.answer_overdue(date(2026, 3, 2))
    assert dates.answer_overdue(date(2026, 3, 3))
    assert not dates.deletion_overdue(date(2026, 4, 30)) and dates.deletion_overdue(date(2026, 5, 1))

    answered = dl.request_dates(date(2026, 1, 31), date(2026, 2, 2), answer_received_on=date(2026, 3, 20))
    assert answered.answered and not answered.answer_overdue(date(2026, 6, 1))
    assert answered.deletion_due is None and not answered.estimate


days = st.dates(min_value=date(2021, 8, 4), max_value=date(2035, 12, 31))


@given(sent=days, delay=st.integers(0, 30), notice=st.integers(0, 200))
def test_an_extension_only_ever_moves_the_date_later_and_only_when_in_time(sent, delay, notice):
    delivered = sent + timedelta(days=delay)
    notified = sent + timedelta(days=notice)
    plain = dl.answer_due(sent, delivered)
    extended = dl.answer_due(sent, delivered, notified)

    assert dl.add_months(delivered, 1) <= plain <= dl.add_months(delivered, 1) + timedelta(days=4)
    assert dl.is_working_day(plain) and plain > delivered
    if notified <= plain:
        assert dl.is_working_day(extended) and extended >= dl.add_months(delivered, 3) > plain
    else:
        assert extended == plain
    assert dl.answer_due(sent) <= dl.answer_due(sent, delivered)  # the estimate is never later


@given(day=days)
def test_a_period_ends_on_the_first_working_day_on_or_after_its_last_day(day):
    end = dl.working_day_from(day)

    assert dl.is_working_day(end)
    assert all(not dl.is_working_day(day + timedelta(days=n)) for n in range((end - day).days))


# A request sent Friday 16 January 2026 and delivered Tuesday 20 January: its first month ends Friday
# 20 February counted from delivery (Monday 16 February counted from sending, the estimate).
SENT, DELIVERED = date(2026, 1, 16), date(2026, 1, 20)


@pytest.mark.parametrize(
    ("delivered", "notified", "counts", "due"),
    [
        pytest.param(DELIVERED, "2026-02-20", True, "2026-04-20", id="on-the-first-months-last-day-it-counts"),
        pytest.param(DELIVERED, "2026-02-21", False, "2026-02-20", id="the-day-after-it-counts-for-nothing"),
        pytest.param(DELIVERED, "2026-02-18", True, "2026-04-20", id="after-a-month-from-sending-but-in-time"),
        pytest.param(None, "2026-02-16", True, "2026-04-16", id="estimate-on-a-month-from-sending"),
        pytest.param(None, "2026-02-17", False, "2026-02-16", id="estimate-the-day-after"),
    ],
)
def test_an_extension_counts_when_notified_on_or_before_the_first_months_last_day_counted_from_delivery(
    delivered, notified, counts, due
):
    assert dl.extension_counts(SENT, delivered, D(notified)) is counts
    assert dl.answer_due(SENT, delivered, D(notified)) == D(due)
    dates = dl.request_dates(SENT, delivered, D(notified))
    assert (dates.extended, dates.extension_too_late, dates.answer_due) == (counts, not counts, D(due))


def test_no_extension_notified_counts_for_nothing_and_is_not_too_late():
    assert dl.extension_counts(SENT, DELIVERED, None) is False
    dates = dl.request_dates(SENT, DELIVERED)
    assert not dates.extended and not dates.extension_too_late
    assert dates.answer_due == date(2026, 2, 20)


def test_without_a_delivery_day_every_date_counts_from_the_sending_day():
    dates = dl.request_dates(SENT, None, deletion=True)

    assert dates.estimate
    assert (dates.one_month, dates.answer_due, dates.deletion_due) == (
        date(2026, 2, 16),  # a month after Friday 16 January: Monday 16 February
        date(2026, 2, 16),
        date(2026, 4, 16),  # three months after it, not moved
    )


def test_with_a_delivery_day_every_date_counts_from_it_not_from_sending():
    dates = dl.request_dates(SENT, DELIVERED, date(2026, 2, 20), date(2026, 3, 2), deletion=True)

    assert (dates.sent_on, dates.delivered_on, dates.extension_notified_on, dates.answer_received_on) == (
        SENT,
        DELIVERED,
        date(2026, 2, 20),
        date(2026, 3, 2),
    )
    assert not dates.estimate and dates.extended is True and dates.answered
    assert (dates.one_month, dates.answer_due, dates.deletion_due) == (
        date(2026, 2, 20),
        date(2026, 4, 20),  # extended: three months after Tuesday 20 January, a Monday
        date(2026, 4, 20),  # the deletion's three months from the same day
    )


@given(sent=days, delay=st.one_of(st.none(), st.integers(0, 30)), notice=st.one_of(st.none(), st.integers(0, 120)))
def test_the_answer_the_extension_and_the_deletion_dates_agree(sent, delay, notice):
    delivered = None if delay is None else sent + timedelta(days=delay)
    notified = None if notice is None else sent + timedelta(days=notice)
    dates = dl.request_dates(sent, delivered, notified, deletion=True)
    start = delivered or sent

    # The first month, the extension and the deletion all count from the same day: delivery, else sending.
    assert dates.one_month == dl.working_day_from(dl.add_months(start, 1))
    assert dates.deletion_due == dl.add_months(start, 3)
    # An extension counts exactly when notified on or before the first month's last day …
    assert dates.extended == (notified is not None and notified <= dates.one_month)
    assert dates.extension_too_late == (notified is not None and notified > dates.one_month)
    # … and then the answer is due when the deletion is, moved to a working day; else at the month's end.
    assert dates.answer_due == (dl.working_day_from(dates.deletion_due) if dates.extended else dates.one_month)
