"""The legal and product date rules. Pure: dates in, dates out.

No database and no clock here: `today` and `now` are always passed in, so
every rule can be tested with a table of dates. Each rule, its source and what
is uncertain about it are in docs/rules.md; the links in optout/sources.py.
One module per rule, each holding its constants (the numbers pages and emails
say, through optout.wording.facts):

- `letter`: a letter's dates (R1111-28: six weeks after sending; the guides' one
  month after receipt; act-by, the legal deadline, the phase, the last day to call);
- `line`: the 3422's days and hours, public holidays where the person lives;
- `requests`: a written request's answer (GDPR art. 12(3), counted as Regulation
  1182/71 counts) and the closure's deletion and archive (R1111-36);
- `checks`: a letter's dates that look odd;
- `days`: months added the way the law counts them, whole days left, local days.

Every caller reads the names from here (`deadlines.answer_due`, `deadlines.phase_on`…).
"""

from optout.deadlines.checks import (
    ODD_OLD,
    ODD_SLOW,
    ODD_SWAP,
    SLOW_DELIVERY_DAYS,
    day_month_swapped,
    odd_dates,
    other_reading,
)
from optout.deadlines.days import PARIS, add_months, days_left, local_today
from optout.deadlines.letter import (
    DECREE_DATE,
    OPPOSITION_DAYS,
    RECEIPT_MONTHS,
    RULE_BOTH,
    RULE_RECEIPT,
    RULE_SENDING,
    Deadlines,
    Phase,
    Standing,
    act_by,
    act_by_rule,
    call_by,
    deadlines_for,
    legal_deadline,
    of_letter,
    opens_on,
    phase_on,
)
from optout.deadlines.line import (
    HOLIDAY_SUBDIVISIONS,
    LINE_CLOSES,
    LINE_OPENS,
    is_line_open,
    is_line_open_day,
    last_call_day,
    line_days_before,
    next_line_day,
    next_line_opening,
    public_holiday,
)
from optout.deadlines.requests import (
    ANSWER_MONTHS,
    ARCHIVE_YEARS,
    CLOSURE_CONFIRMATION_MONTHS,
    EXTENDED_ANSWER_MONTHS,
    RequestDates,
    answer_due,
    archive_deleted_on,
    closure_confirmation_due,
    deletion_due,
    extension_counts,
    first_month_end,
    is_working_day,
    request_dates,
    working_day_from,
)

__all__ = [
    "ANSWER_MONTHS",
    "ARCHIVE_YEARS",
    "CLOSURE_CONFIRMATION_MONTHS",
    "DECREE_DATE",
    "EXTENDED_ANSWER_MONTHS",
    "HOLIDAY_SUBDIVISIONS",
    "LINE_CLOSES",
    "LINE_OPENS",
    "ODD_OLD",
    "ODD_SLOW",
    "ODD_SWAP",
    "OPPOSITION_DAYS",
    "PARIS",
    "RECEIPT_MONTHS",
    "RULE_BOTH",
    "RULE_RECEIPT",
    "RULE_SENDING",
    "SLOW_DELIVERY_DAYS",
    "Deadlines",
    "Phase",
    "RequestDates",
    "Standing",
    "act_by",
    "act_by_rule",
    "add_months",
    "answer_due",
    "archive_deleted_on",
    "call_by",
    "closure_confirmation_due",
    "day_month_swapped",
    "days_left",
    "deadlines_for",
    "deletion_due",
    "extension_counts",
    "first_month_end",
    "is_line_open",
    "is_line_open_day",
    "is_working_day",
    "last_call_day",
    "legal_deadline",
    "line_days_before",
    "local_today",
    "next_line_day",
    "next_line_opening",
    "odd_dates",
    "of_letter",
    "opens_on",
    "other_reading",
    "phase_on",
    "public_holiday",
    "request_dates",
    "working_day_from",
]
