"""Phases, the last day to call the 3422 and `Deadlines.on()`, read a second time from the rules.

Every expected value in the tables below was worked out by hand from docs/rules.md ("The
opposition window", "The 3422 line", "Where a letter stands on a day"), never from
optout/deadlines/:

- legal deadline = sent + 42 days (sent = received when the letter has no printed date);
- act by = the earlier of the legal deadline and received + 1 calendar month (same day number
  next month, else the last day of that month);
- safe up to and including act by, late up to and including the legal deadline, then missed;
  the space opens the day after the legal deadline;
- the 3422 answers Monday to Friday except on public holidays; the last day to call is the last
  such day on or before act by if it is today or later, else the last such day on or before the
  legal deadline if it is today or later, else none.

Weekdays were checked with `datetime.date.weekday()`; the holiday calendar below (written here,
from the law, with its own Easter computation) was cross-checked against the `holidays` package.

Easter Sundays used: 2025-04-20, 2026-04-05, 2027-03-28, 2028-04-16.
"""

import calendar
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from optout.deadlines import call_by, deadlines_for, phase_on


def D(iso: str | None) -> date | None:
    return None if iso is None else date.fromisoformat(iso)


# --- phase_on ---------------------------------------------------------------------------------

# Issue example: sent Tue 2026-10-27, received Wed 2026-10-28.
#   legal = 10-27 + 42 = 2026-12-08 (Tue); by receipt = 2026-11-28 (Sat) -> act by 2026-11-28.
# Long journey: sent Mon 2026-01-05 -> legal Mon 2026-02-16.
#   received 01-20 -> by receipt 02-20 -> act by = legal = 02-16: no late phase.
#   received 01-16 -> by receipt 02-16 -> both rules give 02-16: no late phase.
#   received 01-15 -> by receipt 02-15 (Sun) -> a single late day, 02-16.
# No printed date, received Wed 2026-06-10 -> act by Fri 07-10, legal Wed 07-22.
PHASES = [
    pytest.param("2026-10-27", "2026-10-28", "2026-10-28", "safe", id="issue-received-day"),
    pytest.param("2026-10-27", "2026-10-28", "2026-11-27", "safe", id="issue-eve-of-act-by"),
    pytest.param("2026-10-27", "2026-10-28", "2026-11-28", "safe", id="issue-act-by-day"),
    pytest.param("2026-10-27", "2026-10-28", "2026-11-29", "late", id="issue-day-after-act-by"),
    pytest.param("2026-10-27", "2026-10-28", "2026-12-07", "late", id="issue-eve-of-legal"),
    pytest.param("2026-10-27", "2026-10-28", "2026-12-08", "late", id="issue-legal-day"),
    pytest.param("2026-10-27", "2026-10-28", "2026-12-09", "missed", id="issue-day-after-legal"),
    pytest.param("2026-10-27", "2026-10-28", "2027-06-01", "missed", id="issue-months-later"),
    pytest.param("2026-01-05", "2026-01-20", "2026-02-10", "safe", id="long-journey-before"),
    pytest.param("2026-01-05", "2026-01-20", "2026-02-16", "safe", id="long-journey-legal-day-is-safe"),
    pytest.param("2026-01-05", "2026-01-20", "2026-02-17", "missed", id="long-journey-no-late-phase"),
    pytest.param("2026-01-05", "2026-01-16", "2026-02-16", "safe", id="both-rules-same-day"),
    pytest.param("2026-01-05", "2026-01-16", "2026-02-17", "missed", id="both-rules-same-day-after"),
    pytest.param("2026-01-05", "2026-01-15", "2026-02-15", "safe", id="one-late-day-act-by"),
    pytest.param("2026-01-05", "2026-01-15", "2026-02-16", "late", id="one-late-day-legal"),
    pytest.param("2026-01-05", "2026-01-15", "2026-02-17", "missed", id="one-late-day-after"),
    pytest.param("2026-01-05", "2026-03-01", "2026-03-01", "missed", id="arrived-after-space-opened"),
    pytest.param("2026-01-05", "2026-02-16", "2026-02-16", "safe", id="arrived-on-legal-day"),
    pytest.param(None, "2026-06-10", "2026-06-10", "safe", id="unsent-received-day"),
    pytest.param(None, "2026-06-10", "2026-07-10", "safe", id="unsent-act-by-day"),
    pytest.param(None, "2026-06-10", "2026-07-11", "late", id="unsent-day-after-act-by"),
    pytest.param(None, "2026-06-10", "2026-07-22", "late", id="unsent-legal-day"),
    pytest.param(None, "2026-06-10", "2026-07-23", "missed", id="unsent-day-after-legal"),
]


@pytest.mark.parametrize(("sent", "received", "today", "expected"), PHASES)
def test_phase_on(sent, received, today, expected):
    assert phase_on(D(sent), D(received), D(today)) == expected


# --- act by across month ends and leap years --------------------------------------------------

# (sent, received, act by, phase the day after act by). Seen through Deadlines.on(received).deadline,
# which is act by while the letter is safe.
ACT_BY = [
    # 2027-01-31 + 1 month -> no 31 February, 2027 is not a leap year -> 2027-02-28; legal 03-14.
    pytest.param("2027-01-29", "2027-01-31", "2027-02-28", "late", id="jan31-common-year"),
    # 2028 is a leap year -> 2028-02-29; legal 2028-01-29 + 42 = 03-11.
    pytest.param("2028-01-29", "2028-01-31", "2028-02-29", "late", id="jan31-leap-year"),
    # 30 January -> 29 February 2028 (no 30 February); legal 01-30 + 42 = 03-12.
    pytest.param(None, "2028-01-30", "2028-02-29", "late", id="jan30-leap-year-unsent"),
    # 29 January 2026 -> no 29 February 2026 -> 02-28; legal 03-12.
    pytest.param(None, "2026-01-29", "2026-02-28", "late", id="jan29-common-year-unsent"),
    pytest.param(None, "2026-01-31", "2026-02-28", "late", id="jan31-common-year-unsent"),
    pytest.param("2026-01-28", "2026-01-28", "2026-02-28", "late", id="jan28-exists-in-february"),
    # 2000 is a leap year (divisible by 400), 2100 is not (divisible by 100 only).
    pytest.param(None, "2000-01-31", "2000-02-29", "late", id="jan31-year-2000"),
    pytest.param("2100-01-30", "2100-01-31", "2100-02-28", "late", id="jan31-year-2100"),
    pytest.param("2028-02-28", "2028-02-29", "2028-03-29", "late", id="feb29-to-mar29"),
    pytest.param("2026-03-30", "2026-03-31", "2026-04-30", "late", id="mar31-to-apr30"),
    pytest.param("2026-05-29", "2026-05-31", "2026-06-30", "late", id="may31-to-jun30"),
    pytest.param("2026-08-30", "2026-08-31", "2026-09-30", "late", id="aug31-to-sep30"),
    pytest.param("2026-10-30", "2026-10-31", "2026-11-30", "late", id="oct31-to-nov30"),
    pytest.param("2026-12-30", "2026-12-31", "2027-01-31", "late", id="dec31-to-jan31-next-year"),
    # The six weeks come first: legal = act by, so the day after is already missed.
    pytest.param("2026-01-05", "2026-01-20", "2026-02-16", "missed", id="sending-rule"),
    # sent 01-31 + 42 = 03-14, received 02-20 + 1 month = 03-20.
    pytest.param("2026-01-31", "2026-02-20", "2026-03-14", "missed", id="sending-rule-from-jan31"),
    # sent 12-01 + 42 = 2027-01-12, received 12-15 + 1 month = 2027-01-15.
    pytest.param("2026-12-01", "2026-12-15", "2027-01-12", "missed", id="sending-rule-across-year"),
]


@pytest.mark.parametrize(("sent", "received", "act_by", "after"), ACT_BY)
def test_act_by_month_ends(sent, received, act_by, after):
    standing = deadlines_for(D(sent), D(received)).on(D(received))
    assert standing.phase == "safe"
    assert standing.deadline == D(act_by)
    assert phase_on(D(sent), D(received), D(act_by)) == "safe"
    assert phase_on(D(sent), D(received), D(act_by) + timedelta(days=1)) == after


# --- call_by ----------------------------------------------------------------------------------

# Letters built so that act by (received + 1 month) falls on a given day, the printed date two days
# before receipt, so the legal deadline (sent + 42) comes 9 to 11 days later:
#
#   sunday       sent 2026-01-30 rec 2026-02-01: act by Sun 03-01 -> Fri 02-27; legal Fri 03-13
#   easter-mon   sent 2026-03-04 rec 2026-03-06: act by Mon 04-06 (Easter Monday) -> Fri 04-03
#                (Good Friday: a line day, except in 57/67/68 -> Thu 04-02); legal Wed 04-15
#   jan1         sent 2026-11-30 rec 2026-12-01: act by Fri 2027-01-01 -> Thu 12-31; legal Mon 2027-01-11
#   may1         sent 2026-03-30 rec 2026-04-01: act by Fri 05-01 -> Thu 04-30; legal Mon 05-11
#   may8         sent 2026-04-06 rec 2026-04-08: act by Fri 05-08 -> Thu 05-07; legal Mon 05-18
#   ascension    sent 2026-04-13 rec 2026-04-14: act by Thu 05-14 -> Wed 05-13; legal Mon 05-25,
#                Whit Monday -> Fri 05-22
#   whit-mon     sent 2026-04-23 rec 2026-04-25: act by Mon 05-25 -> Fri 05-22; legal Thu 06-04
#   jul14        sent 2026-06-12 rec 2026-06-14: act by Tue 07-14 -> Mon 07-13; legal Fri 07-24
#   aug15        sent 2025-07-14 rec 2025-07-15: act by Fri 2025-08-15 -> Thu 08-14; legal Mon 08-25
#   nov1         sent 2027-09-30 rec 2027-10-01: act by Mon 2027-11-01 -> Fri 10-29; legal Thu 11-11,
#                Armistice -> Wed 11-10
#   nov11        sent 2026-10-09 rec 2026-10-11: act by Wed 11-11 -> Tue 11-10; legal Fri 11-20
#   dec25        sent 2026-11-23 rec 2026-11-25: act by Fri 12-25 -> Thu 12-24; legal Mon 2027-01-04
#   dec26        sent 2025-11-24 rec 2025-11-26: act by Fri 2025-12-26 -> itself, or Wed 12-24 in
#                57/67/68 (25 and 26 December closed); legal Mon 2026-01-05
#   good-friday  sent 2027-02-12 rec 2027-02-27: act by = legal = Fri 2027-03-26 (Good Friday) ->
#                itself, or Thu 03-25 in 57/67/68
#   legal-sunday sent 2026-10-25 rec 2026-10-28: act by Sat 11-28 -> Fri 11-27; legal Sun 12-06 -> Fri 12-04
#   unsent-jul14 no date, rec 2026-06-14: act by Tue 07-14 -> Mon 07-13; legal Sun 07-26 -> Fri 07-24
#   leap         sent 2028-01-29 rec 2028-01-31: act by Tue 2028-02-29; legal Sat 03-11 -> Fri 03-10
#   common       sent 2027-01-29 rec 2027-01-31: act by Sun 2027-02-28 -> Fri 02-26; legal Sun 03-14 -> Fri 03-12
#
# Overseas, abolition of slavery days (the national calendar plus these):
#   972 Martinique Fri 2026-05-22: sent 04-20 rec 04-22 -> Thu 05-21; legal Mon 06-01
#   976 Mayotte    Mon 2026-04-27: sent 03-25 rec 03-27 -> Fri 04-24; legal Wed 05-06
#   974 Réunion    Mon 2027-12-20: sent 11-18 rec 11-20 -> Fri 12-17; legal Thu 12-30
#   971 Guadeloupe Wed 2026-05-27: sent 04-25 rec 04-27 -> Tue 05-26; legal Sat 06-06 -> Fri 06-05
#   973 Guyane     Wed 2026-06-10: sent 05-08 rec 05-10 -> Tue 06-09; legal Fri 06-19
CALL_BY = [
    # The example and its boundaries.
    pytest.param("2026-10-27", "2026-10-28", "2026-11-29", None, "2026-12-08", id="issue-example"),
    pytest.param("2026-10-27", "2026-10-28", "2026-11-02", None, "2026-11-27", id="issue-early"),
    pytest.param("2026-10-27", "2026-10-28", "2026-11-27", None, "2026-11-27", id="issue-friday-before-act-by"),
    pytest.param("2026-10-27", "2026-10-28", "2026-11-28", None, "2026-12-08", id="issue-saturday-act-by-safe"),
    pytest.param("2026-10-27", "2026-10-28", "2026-12-08", None, "2026-12-08", id="issue-legal-day"),
    pytest.param("2026-10-27", "2026-10-28", "2026-12-09", None, None, id="issue-missed"),
    # Act by on a Sunday.
    pytest.param("2026-01-30", "2026-02-01", "2026-02-01", None, "2026-02-27", id="sunday-early"),
    pytest.param("2026-01-30", "2026-02-01", "2026-02-27", None, "2026-02-27", id="sunday-friday-itself"),
    pytest.param("2026-01-30", "2026-02-01", "2026-02-28", None, "2026-03-13", id="sunday-saturday-in-safe"),
    pytest.param("2026-01-30", "2026-02-01", "2026-03-01", None, "2026-03-13", id="sunday-act-by-day"),
    pytest.param("2026-01-30", "2026-02-01", "2026-03-02", None, "2026-03-13", id="sunday-late"),
    pytest.param("2026-01-30", "2026-02-01", "2026-03-13", None, "2026-03-13", id="sunday-legal-day"),
    pytest.param("2026-01-30", "2026-02-01", "2026-03-14", None, None, id="sunday-missed"),
    # Easter Monday 2026-04-06, and Good Friday 04-03 in Alsace-Moselle.
    pytest.param("2026-03-04", "2026-03-06", "2026-03-20", None, "2026-04-03", id="easter-mon"),
    pytest.param("2026-03-04", "2026-03-06", "2026-03-20", "75", "2026-04-03", id="easter-mon-paris"),
    pytest.param("2026-03-04", "2026-03-06", "2026-03-20", "57", "2026-04-02", id="easter-mon-57-good-friday"),
    pytest.param("2026-03-04", "2026-03-06", "2026-03-20", "67", "2026-04-02", id="easter-mon-67-good-friday"),
    pytest.param("2026-03-04", "2026-03-06", "2026-03-20", "68", "2026-04-02", id="easter-mon-68-good-friday"),
    pytest.param("2026-03-04", "2026-03-06", "2026-04-03", None, "2026-04-03", id="easter-mon-on-good-friday"),
    pytest.param("2026-03-04", "2026-03-06", "2026-04-03", "67", "2026-04-15", id="easter-mon-67-jumps-to-legal"),
    pytest.param("2026-03-04", "2026-03-06", "2026-04-04", None, "2026-04-15", id="easter-mon-saturday-in-safe"),
    pytest.param("2026-03-04", "2026-03-06", "2026-04-06", None, "2026-04-15", id="easter-mon-act-by-day"),
    pytest.param("2026-03-04", "2026-03-06", "2026-04-07", None, "2026-04-15", id="easter-mon-late"),
    # 1 January 2027 (a Friday).
    pytest.param("2026-11-30", "2026-12-01", "2026-12-15", None, "2026-12-31", id="jan1"),
    pytest.param("2026-11-30", "2026-12-01", "2027-01-01", None, "2027-01-11", id="jan1-act-by-day"),
    # 1 May 2026 (Friday).
    pytest.param("2026-03-30", "2026-04-01", "2026-04-15", None, "2026-04-30", id="may1"),
    pytest.param("2026-03-30", "2026-04-01", "2026-05-01", None, "2026-05-11", id="may1-act-by-day"),
    # 8 May 2026 (Friday).
    pytest.param("2026-04-06", "2026-04-08", "2026-04-20", None, "2026-05-07", id="may8"),
    pytest.param("2026-04-06", "2026-04-08", "2026-05-08", None, "2026-05-18", id="may8-act-by-day"),
    # Ascension Thursday 2026-05-14, legal deadline on Whit Monday 05-25.
    pytest.param("2026-04-13", "2026-04-14", "2026-04-20", None, "2026-05-13", id="ascension"),
    pytest.param("2026-04-13", "2026-04-14", "2026-05-13", None, "2026-05-13", id="ascension-eve"),
    pytest.param("2026-04-13", "2026-04-14", "2026-05-14", None, "2026-05-22", id="ascension-act-by-day"),
    pytest.param("2026-04-13", "2026-04-14", "2026-05-15", None, "2026-05-22", id="ascension-bridge-friday"),
    pytest.param("2026-04-13", "2026-04-14", "2026-05-22", None, "2026-05-22", id="ascension-last-legal-call"),
    pytest.param("2026-04-13", "2026-04-14", "2026-05-23", None, None, id="ascension-late-no-call-saturday"),
    pytest.param("2026-04-13", "2026-04-14", "2026-05-25", None, None, id="ascension-late-no-call-whit-monday"),
    pytest.param("2026-04-13", "2026-04-14", "2026-05-26", None, None, id="ascension-missed"),
    # Whit Monday 2026-05-25 as act by.
    pytest.param("2026-04-23", "2026-04-25", "2026-05-01", None, "2026-05-22", id="whit-mon"),
    pytest.param("2026-04-23", "2026-04-25", "2026-05-23", None, "2026-06-04", id="whit-mon-saturday-in-safe"),
    pytest.param("2026-04-23", "2026-04-25", "2026-05-25", None, "2026-06-04", id="whit-mon-act-by-day"),
    # 14 July 2026 (Tuesday).
    pytest.param("2026-06-12", "2026-06-14", "2026-07-01", None, "2026-07-13", id="jul14"),
    pytest.param("2026-06-12", "2026-06-14", "2026-07-14", None, "2026-07-24", id="jul14-act-by-day"),
    # 15 August 2025 (Friday).
    pytest.param("2025-07-14", "2025-07-15", "2025-08-01", None, "2025-08-14", id="aug15"),
    pytest.param("2025-07-14", "2025-07-15", "2025-08-15", None, "2025-08-25", id="aug15-act-by-day"),
    # 1 November 2027 (Monday), legal deadline on 11 November 2027 (Thursday).
    pytest.param("2027-09-30", "2027-10-01", "2027-10-15", None, "2027-10-29", id="nov1"),
    pytest.param("2027-09-30", "2027-10-01", "2027-10-30", None, "2027-11-10", id="nov1-saturday-in-safe"),
    pytest.param("2027-09-30", "2027-10-01", "2027-11-01", None, "2027-11-10", id="nov1-act-by-day"),
    pytest.param("2027-09-30", "2027-10-01", "2027-11-10", None, "2027-11-10", id="nov1-last-legal-call"),
    pytest.param("2027-09-30", "2027-10-01", "2027-11-11", None, None, id="nov1-legal-day-is-armistice"),
    # 11 November 2026 (Wednesday).
    pytest.param("2026-10-09", "2026-10-11", "2026-10-20", None, "2026-11-10", id="nov11"),
    pytest.param("2026-10-09", "2026-10-11", "2026-11-11", None, "2026-11-20", id="nov11-act-by-day"),
    # 25 December 2026 (Friday; 26 December is a Saturday, so Alsace-Moselle changes nothing).
    pytest.param("2026-11-23", "2026-11-25", "2026-12-01", None, "2026-12-24", id="dec25"),
    pytest.param("2026-11-23", "2026-11-25", "2026-12-01", "67", "2026-12-24", id="dec25-67"),
    pytest.param("2026-11-23", "2026-11-25", "2026-12-25", None, "2027-01-04", id="dec25-act-by-day"),
    # 26 December 2025 (Friday): a line day, except in Alsace-Moselle.
    pytest.param("2025-11-24", "2025-11-26", "2025-12-10", None, "2025-12-26", id="dec26"),
    pytest.param("2025-11-24", "2025-11-26", "2025-12-10", "75", "2025-12-26", id="dec26-paris"),
    pytest.param("2025-11-24", "2025-11-26", "2025-12-10", "974", "2025-12-26", id="dec26-reunion"),
    pytest.param("2025-11-24", "2025-11-26", "2025-12-10", "57", "2025-12-24", id="dec26-57"),
    pytest.param("2025-11-24", "2025-11-26", "2025-12-10", "67", "2025-12-24", id="dec26-67"),
    pytest.param("2025-11-24", "2025-11-26", "2025-12-10", "68", "2025-12-24", id="dec26-68"),
    pytest.param("2025-11-24", "2025-11-26", "2025-12-25", None, "2025-12-26", id="dec26-on-christmas"),
    pytest.param("2025-11-24", "2025-11-26", "2025-12-25", "68", "2026-01-05", id="dec26-68-on-christmas"),
    pytest.param("2025-11-24", "2025-11-26", "2025-12-26", None, "2025-12-26", id="dec26-act-by-day"),
    pytest.param("2025-11-24", "2025-11-26", "2025-12-26", "57", "2026-01-05", id="dec26-57-act-by-day"),
    # Good Friday 2027-03-26 as act by and legal deadline at once.
    pytest.param("2027-02-12", "2027-02-27", "2027-03-10", None, "2027-03-26", id="good-friday"),
    pytest.param("2027-02-12", "2027-02-27", "2027-03-10", "57", "2027-03-25", id="good-friday-57"),
    pytest.param("2027-02-12", "2027-02-27", "2027-03-26", None, "2027-03-26", id="good-friday-day"),
    pytest.param("2027-02-12", "2027-02-27", "2027-03-26", "68", None, id="good-friday-68-safe-but-no-call"),
    pytest.param("2027-02-12", "2027-02-27", "2027-03-27", None, None, id="good-friday-missed"),
    # Legal deadline on a Sunday: late, with no call day left, over the weekend.
    pytest.param("2026-10-25", "2026-10-28", "2026-11-29", None, "2026-12-04", id="legal-sunday-late"),
    pytest.param("2026-10-25", "2026-10-28", "2026-12-04", None, "2026-12-04", id="legal-sunday-friday"),
    pytest.param("2026-10-25", "2026-10-28", "2026-12-05", None, None, id="legal-sunday-late-saturday"),
    pytest.param("2026-10-25", "2026-10-28", "2026-12-06", None, None, id="legal-sunday-legal-day"),
    pytest.param("2026-10-25", "2026-10-28", "2026-12-07", None, None, id="legal-sunday-missed"),
    # No printed date.
    pytest.param(None, "2026-06-14", "2026-06-14", None, "2026-07-13", id="unsent-jul14"),
    pytest.param(None, "2026-06-14", "2026-07-14", None, "2026-07-24", id="unsent-jul14-act-by-day"),
    pytest.param(None, "2026-06-14", "2026-07-25", None, None, id="unsent-jul14-late-saturday"),
    pytest.param(None, "2026-06-10", "2026-07-10", None, "2026-07-10", id="unsent-weekday-act-by"),
    pytest.param(None, "2026-06-10", "2026-07-11", None, "2026-07-22", id="unsent-weekday-late"),
    # Leap and common years.
    pytest.param("2028-01-29", "2028-01-31", "2028-02-01", None, "2028-02-29", id="leap"),
    pytest.param("2028-01-29", "2028-01-31", "2028-02-29", None, "2028-02-29", id="leap-act-by-day"),
    pytest.param("2028-01-29", "2028-01-31", "2028-03-01", None, "2028-03-10", id="leap-late"),
    pytest.param("2028-01-29", "2028-01-31", "2028-03-11", None, None, id="leap-legal-saturday"),
    pytest.param("2027-01-29", "2027-01-31", "2027-02-01", None, "2027-02-26", id="common"),
    pytest.param("2027-01-29", "2027-01-31", "2027-02-27", None, "2027-03-12", id="common-saturday-in-safe"),
    # Long journey: act by = legal deadline (Monday 2026-02-16).
    pytest.param("2026-01-05", "2026-01-20", "2026-01-20", None, "2026-02-16", id="long-journey"),
    pytest.param("2026-01-05", "2026-01-20", "2026-02-16", None, "2026-02-16", id="long-journey-last-day"),
    pytest.param("2026-01-05", "2026-01-20", "2026-02-17", None, None, id="long-journey-missed"),
    pytest.param("2026-01-05", "2026-03-01", "2026-03-01", None, None, id="arrived-after-space-opened"),
    # Overseas: abolition of slavery days.
    pytest.param("2026-04-20", "2026-04-22", "2026-05-01", None, "2026-05-22", id="martinique-day-national"),
    pytest.param("2026-04-20", "2026-04-22", "2026-05-01", "57", "2026-05-22", id="martinique-day-in-57"),
    pytest.param("2026-04-20", "2026-04-22", "2026-05-01", "972", "2026-05-21", id="martinique-972"),
    pytest.param("2026-04-20", "2026-04-22", "2026-05-22", "972", "2026-06-01", id="martinique-972-act-by-day"),
    pytest.param("2026-03-25", "2026-03-27", "2026-04-10", None, "2026-04-27", id="mayotte-day-national"),
    pytest.param("2026-03-25", "2026-03-27", "2026-04-10", "976", "2026-04-24", id="mayotte-976"),
    pytest.param("2027-11-18", "2027-11-20", "2027-12-01", None, "2027-12-20", id="reunion-day-national"),
    pytest.param("2027-11-18", "2027-11-20", "2027-12-01", "974", "2027-12-17", id="reunion-974"),
    pytest.param("2027-11-18", "2027-11-20", "2027-12-18", "974", "2027-12-30", id="reunion-974-saturday-in-safe"),
    pytest.param("2026-04-25", "2026-04-27", "2026-05-01", None, "2026-05-27", id="guadeloupe-day-national"),
    pytest.param("2026-04-25", "2026-04-27", "2026-05-01", "971", "2026-05-26", id="guadeloupe-971"),
    pytest.param("2026-04-25", "2026-04-27", "2026-05-27", "971", "2026-06-05", id="guadeloupe-971-act-by-day"),
    pytest.param("2026-05-08", "2026-05-10", "2026-06-01", None, "2026-06-10", id="guyane-day-national"),
    pytest.param("2026-05-08", "2026-05-10", "2026-06-01", "973", "2026-06-09", id="guyane-973"),
]


@pytest.mark.parametrize(("sent", "received", "today", "departement", "expected"), CALL_BY)
def test_call_by(sent, received, today, departement, expected):
    assert call_by(D(sent), D(received), D(today), departement=departement) == D(expected)


@pytest.mark.parametrize(("sent", "received", "today", "departement", "expected"), CALL_BY)
def test_standing_call_by_matches(sent, received, today, departement, expected):
    standing = deadlines_for(D(sent), D(received), departement=departement).on(D(today))
    assert standing.call_by == D(expected)


# --- Deadlines.on() ---------------------------------------------------------------------------

# (sent, received, departement, today, phase, deadline, call by, opens on, days left)
STANDINGS = [
    pytest.param(
        "2026-10-27", "2026-10-28", None, "2026-11-29",
        "late", "2026-12-08", "2026-12-08", "2026-12-09", 9,
        id="issue-example",
    ),
    pytest.param(
        "2026-10-27", "2026-10-28", None, "2026-11-10",
        "safe", "2026-11-28", "2026-11-27", "2026-12-09", 18,
        id="issue-safe",
    ),
    pytest.param(
        "2026-10-27", "2026-10-28", None, "2026-11-28",
        "safe", "2026-11-28", "2026-12-08", "2026-12-09", 0,
        id="issue-act-by-day",
    ),
    pytest.param(
        "2026-10-27", "2026-10-28", None, "2026-12-08",
        "late", "2026-12-08", "2026-12-08", "2026-12-09", 0,
        id="issue-legal-day",
    ),
    pytest.param(
        "2026-10-27", "2026-10-28", None, "2026-12-09",
        "missed", None, None, "2026-12-09", None,
        id="issue-missed",
    ),
    pytest.param(
        "2026-01-05", "2026-01-20", None, "2026-02-16",
        "safe", "2026-02-16", "2026-02-16", "2026-02-17", 0,
        id="long-journey-last-day",
    ),
    pytest.param(
        "2026-01-05", "2026-01-20", None, "2026-02-17",
        "missed", None, None, "2026-02-17", None,
        id="long-journey-missed",
    ),
    pytest.param(
        None, "2026-06-14", None, "2026-07-14",
        "safe", "2026-07-14", "2026-07-24", "2026-07-27", 0,
        id="unsent-act-by-holiday",
    ),
    pytest.param(
        None, "2026-06-14", None, "2026-07-25",
        "late", "2026-07-26", None, "2026-07-27", 1,
        id="unsent-late-no-call",
    ),
    pytest.param(
        "2027-02-12", "2027-02-27", "68", "2027-03-26",
        "safe", "2027-03-26", None, "2027-03-27", 0,
        id="good-friday-68-safe-no-call",
    ),
    pytest.param(
        "2026-04-13", "2026-04-14", None, "2026-05-23",
        "late", "2026-05-25", None, "2026-05-26", 2,
        id="ascension-late-no-call",
    ),
    pytest.param(
        "2025-11-24", "2025-11-26", "57", "2025-12-25",
        "safe", "2025-12-26", "2026-01-05", "2026-01-06", 1,
        id="dec26-57-christmas",
    ),
]  # fmt: skip


@pytest.mark.parametrize(
    ("sent", "received", "departement", "today", "phase", "deadline", "call", "opens", "days_left"), STANDINGS
)
def test_standing(sent, received, departement, today, phase, deadline, call, opens, days_left):
    standing = deadlines_for(D(sent), D(received), departement=departement).on(D(today))
    assert standing.phase == phase
    assert standing.today == D(today)
    assert standing.deadline == D(deadline)
    assert standing.call_by == D(call)
    assert standing.opens_on == D(opens)
    assert standing.days_left == days_left


# --- Properties -------------------------------------------------------------------------------

# Our own calendar, from the law (Code du travail L3133-1; Alsace-Moselle local law; loi 83-550 and
# its decree for the abolition days). Whit Monday is a public holiday every year from 2008 on, so
# the dates below start in 2010.
ALSACE_MOSELLE = {"57", "67", "68"}
ABOLITION = {"971": (5, 27), "972": (5, 22), "973": (6, 10), "974": (12, 20), "976": (4, 27)}
# Départements whose whole calendar this file knows (the overseas ones may have more local days).
FULLY_KNOWN = [None, "75", "13", "2A", "57", "67", "68"]


def easter(year: int) -> date:
    # Anonymous Gregorian algorithm (Meeus/Jones/Butcher).
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month = (h + ell - 7 * m + 114) // 31
    day = (h + ell - 7 * m + 114) % 31 + 1
    return date(year, month, day)


def public_holidays(year: int, departement: str | None) -> set[date]:
    sunday = easter(year)
    days = {
        date(year, 1, 1),
        sunday + timedelta(days=1),  # Easter Monday
        date(year, 5, 1),
        date(year, 5, 8),
        sunday + timedelta(days=39),  # Ascension
        sunday + timedelta(days=50),  # Whit Monday
        date(year, 7, 14),
        date(year, 8, 15),
        date(year, 11, 1),
        date(year, 11, 11),
        date(year, 12, 25),
    }
    if departement in ALSACE_MOSELLE:
        days |= {sunday - timedelta(days=2), date(year, 12, 26)}
    if departement in ABOLITION:
        days.add(date(year, *ABOLITION[departement]))
    return days


def line_open(day: date, departement: str | None) -> bool:
    return day.weekday() < 5 and day not in public_holidays(day.year, departement)


def last_line_day(on_or_before: date, departement: str | None) -> date:
    day = on_or_before
    while not line_open(day, departement):
        day -= timedelta(days=1)
    return day


def plus_one_month(day: date) -> date:
    year, month = (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def legal_of(sent: date | None, received: date) -> date:
    return (sent or received) + timedelta(days=42)


def act_by_of(sent: date | None, received: date) -> date:
    return min(legal_of(sent, received), plus_one_month(received))


def test_own_calendar_spot_checks():
    # The hand-made calendar above, on the days the tables rely on.
    assert easter(2025) == D("2025-04-20")
    assert easter(2026) == D("2026-04-05")
    assert easter(2027) == D("2027-03-28")
    assert easter(2028) == D("2028-04-16")
    assert D("2026-05-14") in public_holidays(2026, None)
    assert D("2026-05-25") in public_holidays(2026, None)
    assert D("2026-04-03") not in public_holidays(2026, None)
    assert D("2026-04-03") in public_holidays(2026, "67")
    assert plus_one_month(D("2028-01-31")) == D("2028-02-29")
    assert plus_one_month(D("2027-01-31")) == D("2027-02-28")
    assert plus_one_month(D("2026-12-31")) == D("2027-01-31")


days = st.dates(min_value=date(2010, 1, 1), max_value=date(2045, 12, 31))
departements = st.sampled_from([*FULLY_KNOWN, "971", "972", "973", "974", "976"])


@st.composite
def letters(draw, departement_choices=departements):
    received = draw(days)
    # The printed date: none, or up to 60 days before arrival (some letters arrive after the deadline).
    sent = draw(st.none() | st.integers(min_value=0, max_value=60).map(lambda n: received - timedelta(days=n)))
    today = received + timedelta(days=draw(st.integers(min_value=-3, max_value=75)))
    return sent, received, today, draw(departement_choices)


@settings(max_examples=400, deadline=None)
@given(letters())
def test_call_by_is_a_line_day_between_today_and_the_legal_deadline(letter):
    sent, received, today, departement = letter
    day = call_by(sent, received, today, departement=departement)
    if day is not None:
        assert day.weekday() < 5
        assert day not in public_holidays(day.year, departement)
        assert today <= day <= legal_of(sent, received)


@settings(max_examples=400, deadline=None)
@given(letters(st.sampled_from(FULLY_KNOWN)))
def test_call_by_follows_the_rule(letter):
    # "The last day the line answers on or before act-by if still to come, else on or before the
    # legal deadline if still to come, else none."
    sent, received, today, departement = letter
    by_act_by = last_line_day(act_by_of(sent, received), departement)
    by_legal = last_line_day(legal_of(sent, received), departement)
    expected = by_act_by if by_act_by >= today else by_legal if by_legal >= today else None
    assert call_by(sent, received, today, departement=departement) == expected


@settings(max_examples=400, deadline=None)
@given(letters())
def test_phase_follows_act_by_and_legal_deadline(letter):
    sent, received, today, _ = letter
    phase = phase_on(sent, received, today)
    assert (phase == "missed") == (today > legal_of(sent, received))
    assert (phase == "safe") == (today <= act_by_of(sent, received))


@settings(max_examples=400, deadline=None)
@given(letters(st.sampled_from(FULLY_KNOWN)))
def test_safe_with_a_line_day_act_by_always_has_a_call_day(letter):
    sent, received, today, departement = letter
    act_by = act_by_of(sent, received)
    if today <= act_by and line_open(act_by, departement):
        assert phase_on(sent, received, today) == "safe"
        day = call_by(sent, received, today, departement=departement)
        assert day is not None
        assert day == act_by


@settings(max_examples=400, deadline=None)
@given(letters())
def test_standing_deadline_is_none_iff_missed(letter):
    sent, received, today, departement = letter
    standing = deadlines_for(sent, received, departement=departement).on(today)
    assert standing.phase == phase_on(sent, received, today)
    assert standing.call_by == call_by(sent, received, today, departement=departement)
    assert (standing.deadline is None) == (standing.phase == "missed")
    assert (standing.days_left is None) == (standing.phase == "missed")
    assert standing.opens_on == legal_of(sent, received) + timedelta(days=1)
    if standing.phase == "safe":
        assert standing.deadline == act_by_of(sent, received)
    if standing.phase == "late":
        assert standing.deadline == legal_of(sent, received)
    if standing.deadline is not None:
        assert standing.days_left == (standing.deadline - today).days >= 0


@settings(max_examples=200, deadline=None)
@given(received=days, offset=st.integers(min_value=-3, max_value=75), departement=departements)
def test_no_printed_date_counts_as_sent_on_receipt(received, offset, departement):
    today = received + timedelta(days=offset)
    assert phase_on(None, received, today) == phase_on(received, received, today)
    assert call_by(None, received, today, departement=departement) == call_by(
        received, received, today, departement=departement
    )
