"""Every read a page needs, scoped to its owner, in a fixed number of queries.

- case_row.py — a case as its pages show it (dates, action, steps, deletion requests)
- cases.py — the dashboard, a case page, the new-case flow's advice
- account.py — the export, the calendar address, retention candidates
- calendar.py — the private calendar feed
- links.py — the pages behind email links
"""

from optout.selectors.account import (
    RetentionReport,
    calendar_feed_for,
    export_for,
    export_people_for,
    retention_candidates,
    user_by_link,
)
from optout.selectors.calendar import calendar_events_for, calendar_feed_owner
from optout.selectors.case_row import CaseRow, case_rows
from optout.selectors.cases import (
    CaseDetail,
    Dashboard,
    case_by_link,
    case_detail_for,
    case_for,
    dashboard_for,
    owned_case,
    people_for,
    person_for,
    recommendation_for,
)
from optout.selectors.links import step_changed_since

__all__ = [
    "CaseDetail",
    "CaseRow",
    "Dashboard",
    "RetentionReport",
    "calendar_events_for",
    "calendar_feed_for",
    "calendar_feed_owner",
    "case_by_link",
    "case_detail_for",
    "case_for",
    "case_rows",
    "dashboard_for",
    "export_for",
    "export_people_for",
    "owned_case",
    "people_for",
    "person_for",
    "recommendation_for",
    "retention_candidates",
    "step_changed_since",
    "user_by_link",
]
