"""Every write, one module per subject; the names below are the public ones.

- people.py — who an account follows
- cases.py — open a case, change its route, tick its steps, log calls, missed windows
- reminders.py — keep Reminder rows equal to the schedule; pause them
- requests.py — a case's written request to the Assurance Maladie: its dates, its removal
- privacy.py — delete a case or an account; retention
- delivery.py — an address that bounces: hold its reminders, release them (the providers' events: reminders/delivery.py)
- calendar.py — the private calendar address

Callers import from here (`from optout import services; services.case_open(...)`).
"""

from optout.services.calendar import calendar_feed_regenerate
from optout.services.cases import (
    LetterData,
    call_log,
    case_change_route,
    case_open,
    cases_move_missed_windows,
    letter_validate,
    step_mark_done,
    step_undo,
)
from optout.services.delivery import (
    address_check_send,
    address_confirmed,
    address_hold,
    address_release,
    webhook_events_forget,
)
from optout.services.people import person_create, person_delete, person_update
from optout.services.privacy import account_delete, case_delete, retention_apply
from optout.services.reminders import (
    reminders_pause,
    reminders_plan,
    reminders_resync_bulk,
    reminders_sync,
    reminders_sync_for_user,
)
from optout.services.requests import (
    RequestData,
    request_kind_for,
    written_request_delete,
    written_request_record,
    written_request_validate,
)

__all__ = [
    "LetterData",
    "RequestData",
    "account_delete",
    "address_check_send",
    "address_confirmed",
    "address_hold",
    "address_release",
    "calendar_feed_regenerate",
    "call_log",
    "case_change_route",
    "case_delete",
    "case_open",
    "cases_move_missed_windows",
    "letter_validate",
    "person_create",
    "person_delete",
    "person_update",
    "reminders_pause",
    "reminders_plan",
    "reminders_resync_bulk",
    "reminders_sync",
    "reminders_sync_for_user",
    "request_kind_for",
    "retention_apply",
    "step_mark_done",
    "step_undo",
    "webhook_events_forget",
    "written_request_delete",
    "written_request_record",
    "written_request_validate",
]
