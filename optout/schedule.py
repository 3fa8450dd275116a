"""Which reminders a case should have, and when. Pure: state in, due times out.

The dispatcher never decides what to send: the services turn this schedule
into Reminder rows (optout.services.reminders_sync), in the same transaction
as the change that caused it. The rules (docs/rules.md, "Reminders the product sends"):

- safe phase: `lead-N` N days before act-by, and `last-call` the morning of the
  last day the 3422 answers on or before act-by;
- late phase (act-by passed, the legal deadline still runs): `late-start` the
  morning it starts (right away, at a time the line answers, for a case opened
  late), `late-lead` two line days before the last day to call, `late-last-call`
  that morning;
- `missed` the morning the space opens, for a case still to oppose or to close (a
  parent's own: not before the morning their children's spaces open, closed first);
- `code-awaited` (online route) ten days after choosing it, never later than two
  line days before the last day to call;
- `closure-confirmation` three months after a closure request;
- a written request (optout.deadlines.RequestDates), until its answer is marked
  received and while the case is not finished: `answer-soon` a few days before
  the answer is due, `answer-late` the morning after it (what to do next: the
  CNIL), `extended-…` in their place once an extension was notified in time, and
  `deletion-due` the morning of the deletion's three-month mark;
- `retention-warning` two weeks before a finished case is deleted;
- `of-age` the first morning of the month a child turns 18 (Person.adult_month), on the
  child's latest case: the child now acts themself (the morning after the case was opened
  when that month had already begun).

A reminder about calling arrives while the line answers (Paris time, whatever the
person's time zone), with at least an hour left, and never before 7:00 where the
person lives when the line still answers later that day (from the Antilles it opens
at 2:30 or 3:30 in the morning); two reminders of one case never fall within the
same hour (the less urgent one goes; the `of-age` one moves to the next day); none
is due before the case existed.

For someone who cannot phone (`CaseState.can_call` False) nothing is about calling:
the same reminders come at the person's hour on the online route's own days — the
morning of act-by (`last-call`), the morning after it (`late-start`), two days before
the legal deadline (`late-lead`) and its morning (`late-last-call`) — and the code
awaited comes in time to write to the caisse instead (optout.actions.request_by).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from accounts.preferences import DEFAULT_LEAD_DAYS, LEAD_DAY_CHOICES  # noqa: F401 - the account's choices
from optout import deadlines
from optout.actions import request_by
from optout.deadlines import PARIS, Deadlines, RequestDates, line
from optout.vocabulary import FINISHED_STATUSES, CaseStatus, ReminderKind, Route, lead_days_of, lead_kind

DEFAULT_SEND_HOUR = 9
CODE_AWAITED_DAYS = 10
#: The code-awaited reminder comes at the latest this many line days before the last day to call.
CODE_AWAITED_MARGIN = 2
#: The late phase's second reminder: this many line days before its last day to call.
LATE_LEAD_LINE_DAYS = 2
#: A reminder about calling leaves at least this long before the line closes.
CALL_TIME_LEFT = timedelta(hours=1)
#: Two reminders of one case closer than this: only the more urgent one is sent.
MERGE_WINDOW = timedelta(hours=1)
#: "Right away" for a case opened late: the next dispatch.
RIGHT_AWAY = timedelta(minutes=1)
#: A reminder about calling is not sent before this hour where the person lives, if the line
#: still answers then with time left (in the Antilles the line opens at 2:30 or 3:30).
EARLIEST_LOCAL = time(7)

#: The answer to a written request: a reminder this many days before it is due.
ANSWER_SOON_DAYS = 3

#: A finished case is deleted after a year; its owner is told two weeks before.
RETENTION_DAYS = 365
RETENTION_NOTICE_DAYS = 14

#: Most urgent first: of two reminders within MERGE_WINDOW, the one earlier here stays.
#: Lead reminders come after these, the fewest days first, then the rest.
_URGENT_FIRST = (
    ReminderKind.LATE_LAST_CALL,
    ReminderKind.LAST_CALL,
    ReminderKind.CODE_AWAITED,
    ReminderKind.LATE_LEAD,
    ReminderKind.LATE_START,
)
_LAST = (
    ReminderKind.MISSED,
    ReminderKind.CLOSURE_CONFIRMATION,
    ReminderKind.ANSWER_LATE,
    ReminderKind.EXTENDED_ANSWER_LATE,
    ReminderKind.DELETION_DUE,
    ReminderKind.ANSWER_SOON,
    ReminderKind.EXTENDED_ANSWER_SOON,
    ReminderKind.RETENTION_WARNING,
)


@dataclass(frozen=True)
class Preferences:
    enabled: bool = True
    lead_days: tuple[int, ...] = DEFAULT_LEAD_DAYS
    send_hour: int = DEFAULT_SEND_HOUR
    time_zone: str = "Europe/Paris"


@dataclass(frozen=True)
class CaseState:
    """What the schedule needs to know about a case."""

    route: str
    status: str
    created_at: datetime
    finished_at: datetime | None = None
    #: The letter's dates (optout.deadlines), or None for a space already open. They carry the
    #: département whose public holidays decide the days the 3422 answers.
    deadlines: Deadlines | None = None
    code_received: bool = False
    closure_requested_on: date | None = None
    #: The dates of the case's written request to the Assurance Maladie, if one was sent.
    request: RequestDates | None = None
    #: For a parent's own case: the latest day a child's space, managed from the parent's, opens
    #: (children's spaces are closed first: their closure email must not come after the parent's).
    children_open_on: date | None = None
    #: For a child's latest case: the first day of the month the child turns 18.
    adult_month: date | None = None
    #: Whoever takes the steps can phone; when not, no reminder is timed or worded for a call.
    can_call: bool = True


def _at(day: date, prefs: Preferences) -> datetime:
    """The send hour on `day` in the person's time zone, as an aware datetime."""
    return datetime.combine(day, time(prefs.send_hour), tzinfo=ZoneInfo(prefs.time_zone))


def _opening(day: date) -> datetime:
    return datetime.combine(day, line.LINE_OPENS, tzinfo=PARIS)


def _latest_call_reminder(day: date) -> datetime:
    return datetime.combine(day, line.LINE_CLOSES, tzinfo=PARIS) - CALL_TIME_LEFT


def _morning(day: date, time_zone: str) -> datetime:
    """The line's opening on `day`; where that is still night for the person (before EARLIEST_LOCAL on
    their clock), that hour instead, if the line still answers then with time left."""
    opening = _opening(day)
    zone = ZoneInfo(time_zone)
    waking = datetime.combine(opening.astimezone(zone).date(), EARLIEST_LOCAL, tzinfo=zone)
    return waking if opening < waking <= _latest_call_reminder(day) else opening


def call_time(day: date, prefs: Preferences) -> datetime:
    """For a reminder about calling on `day` (a day the line answers, in Paris): the person's hour
    if the line answers then with time left, else the line's first hours that morning (`_morning`)."""
    wanted = _at(day, prefs)
    if _opening(day) <= wanted <= _latest_call_reminder(day):
        return wanted
    return _morning(day, prefs.time_zone)


def first_call_time(moment: datetime, departement: str | None, time_zone: str) -> datetime:
    """The first moment from `moment` when the line answers with time left (for "right away"),
    and never at night on the person's clock (a case opened at 3:29 in Martinique, when the line
    opens in Paris, gets its email at EARLIEST_LOCAL, as `_morning` says)."""
    day = moment.astimezone(PARIS).date()
    if deadlines.is_line_open_day(day, departement) and moment + RIGHT_AWAY <= _latest_call_reminder(day):
        return max(moment + RIGHT_AWAY, _morning(day, time_zone))
    return _morning(deadlines.next_line_day(day + timedelta(days=1), departement), time_zone)


def _safe_phase(dates: Deadlines, route: str, prefs: Preferences) -> dict[str, datetime]:
    wanted = {}
    for days in set(prefs.lead_days):
        day = dates.act_by - timedelta(days=days)
        if route == Route.PHONE:
            # Meant for a phone call: on a day, and at a time, the 3422 line answers.
            wanted[lead_kind(days)] = call_time(deadlines.last_call_day(day, dates.departement), prefs)
        else:
            wanted[lead_kind(days)] = _at(day, prefs)
    wanted[ReminderKind.LAST_CALL] = call_time(dates.last_call_day, prefs)
    return wanted


def _late_phase(dates: Deadlines, created_at: datetime, prefs: Preferences) -> dict[str, datetime]:
    last_day = dates.last_legal_call_day
    if dates.late_starts_on is None or last_day <= dates.last_call_day:
        return {}  # no day the line answers in the late phase
    created_on = created_at.astimezone(PARIS).date()
    if created_on >= dates.late_starts_on:
        start = first_call_time(created_at, dates.departement, prefs.time_zone)  # opened late: right away
    else:
        start = call_time(deadlines.next_line_day(dates.late_starts_on, dates.departement), prefs)
    if start.astimezone(PARIS).date() > last_day:
        return {}
    wanted = {ReminderKind.LATE_START: start, ReminderKind.LATE_LAST_CALL: call_time(last_day, prefs)}
    lead_day = deadlines.line_days_before(last_day, LATE_LEAD_LINE_DAYS, dates.departement)
    if lead_day > start.astimezone(PARIS).date():
        wanted[ReminderKind.LATE_LEAD] = call_time(lead_day, prefs)
    return wanted


def _code_awaited(dates: Deadlines, created_at: datetime, prefs: Preferences) -> dict[str, datetime]:
    created_on = created_at.astimezone(ZoneInfo(prefs.time_zone)).date()
    last_day = dates.on(created_on).call_by
    if last_day is None:
        return {}
    latest = deadlines.line_days_before(last_day, CODE_AWAITED_MARGIN, dates.departement)
    day = deadlines.last_call_day(min(created_on + timedelta(days=CODE_AWAITED_DAYS), latest), dates.departement)
    if day <= created_on:
        return {}  # too little time to wait for a code: the other reminders say to call
    return {ReminderKind.CODE_AWAITED: call_time(day, prefs)}


def _written_request(request: RequestDates, prefs: Preferences) -> dict[str, datetime]:
    """Until its answer is marked received: the answer's date, and the deletion's."""
    if request.answered:
        return {}
    soon, late = (
        (ReminderKind.EXTENDED_ANSWER_SOON, ReminderKind.EXTENDED_ANSWER_LATE)
        if request.extended
        else (ReminderKind.ANSWER_SOON, ReminderKind.ANSWER_LATE)
    )
    wanted = {
        soon: _at(request.answer_due - timedelta(days=ANSWER_SOON_DAYS), prefs),
        late: _at(request.answer_due + timedelta(days=1), prefs),
    }
    if request.deletion_due is not None:
        wanted[ReminderKind.DELETION_DUE] = _at(request.deletion_due, prefs)
    return wanted


def _of_age(adult_month: date, created_at: datetime, prefs: Preferences) -> datetime | None:
    """The first morning of the month the child turns 18; if the case was opened after it, the next
    morning, while still in that month."""
    due = _at(adult_month, prefs)
    if due > created_at:
        return due
    day = created_at.astimezone(ZoneInfo(prefs.time_zone)).date() + timedelta(days=1)
    return _at(day, prefs) if (day.year, day.month) == (adult_month.year, adult_month.month) else None


def _away_from(due: datetime, others, prefs: Preferences) -> datetime | None:
    """`due`, or the same hour on a later day of its month, clear of `others` by MERGE_WINDOW."""
    local = due.astimezone(ZoneInfo(prefs.time_zone)).date()
    day = local
    while (day.year, day.month) == (local.year, local.month):
        moment = _at(day, prefs)
        if all(abs(moment - other) >= MERGE_WINDOW for other in others):
            return moment
        day += timedelta(days=1)
    return None


def _without_phone(dates: Deadlines, state: CaseState, prefs: Preferences) -> dict[str, datetime]:
    """Someone who cannot phone: the online route's own days, at the person's hour."""
    wanted = {}
    for days in set(prefs.lead_days):
        wanted[lead_kind(days)] = _at(dates.act_by - timedelta(days=days), prefs)
    wanted[ReminderKind.LAST_CALL] = _at(dates.act_by, prefs)
    if dates.late_starts_on is not None:
        created = state.created_at
        start = _at(dates.late_starts_on, prefs)
        if created >= start:
            start = created + RIGHT_AWAY  # opened late: right away
        wanted[ReminderKind.LATE_START] = start
        wanted[ReminderKind.LATE_LEAD] = _at(dates.legal_deadline - timedelta(days=LATE_LEAD_LINE_DAYS), prefs)
        wanted[ReminderKind.LATE_LAST_CALL] = _at(dates.legal_deadline, prefs)
    if state.route == Route.ONLINE and not state.code_received:
        created_on = state.created_at.astimezone(ZoneInfo(prefs.time_zone)).date()
        by = request_by(dates, created_on)
        # In time to write to the caisse instead, else to ask for a new code before the last day.
        latest = by.day if by is not None else dates.legal_deadline - timedelta(days=CODE_AWAITED_MARGIN)
        day = min(created_on + timedelta(days=CODE_AWAITED_DAYS), latest)
        if day > created_on:
            wanted[ReminderKind.CODE_AWAITED] = _at(day, prefs)
    return wanted


def _urgency(kind: str) -> tuple[int, int]:
    if kind in _URGENT_FIRST:
        return 0, _URGENT_FIRST.index(kind)
    days = lead_days_of(kind)
    if days is not None:
        return 1, days
    return 2, _LAST.index(kind) if kind in _LAST else len(_LAST)


def merge(wanted: dict[str, datetime]) -> dict[str, datetime]:
    """Of reminders within MERGE_WINDOW of each other, keep only the most urgent."""
    kept: dict[str, datetime] = {}
    for kind in sorted(wanted, key=_urgency):
        if all(abs(wanted[kind] - due) >= MERGE_WINDOW for due in kept.values()):
            kept[kind] = wanted[kind]
    return kept


def schedule_for(state: CaseState, prefs: Preferences) -> dict[str, datetime]:
    """Every reminder the case should have, by kind, with its due time."""
    wanted: dict[str, datetime] = {}
    if state.finished_at is not None:
        # Not a reminder but a notice about the person's data: sent even when reminders are paused.
        finished_on = state.finished_at.astimezone(ZoneInfo(prefs.time_zone)).date()
        wanted[ReminderKind.RETENTION_WARNING] = _at(
            finished_on + timedelta(days=RETENTION_DAYS - RETENTION_NOTICE_DAYS), prefs
        )
    if not prefs.enabled:
        return wanted
    dates, created = state.deadlines, state.created_at
    if state.status == CaseStatus.OPEN and dates is not None and not state.can_call:
        wanted |= _without_phone(dates, state, prefs)
    elif state.status == CaseStatus.OPEN and dates is not None:
        wanted |= _safe_phase(dates, state.route, prefs)
        wanted |= _late_phase(dates, created, prefs)
        if state.route == Route.ONLINE and not state.code_received:
            wanted |= _code_awaited(dates, created, prefs)
    if state.status in (CaseStatus.OPEN, CaseStatus.CLOSING) and dates is not None:
        # The space opens: how to close it. Only for a case that existed before. A parent's own
        # comes no earlier than their children's, which are to be closed first.
        wanted[ReminderKind.MISSED] = _at(max(dates.opens_on, state.children_open_on or dates.opens_on), prefs)
    if state.status == CaseStatus.CLOSURE_REQUESTED and state.closure_requested_on is not None:
        wanted[ReminderKind.CLOSURE_CONFIRMATION] = _at(
            deadlines.closure_confirmation_due(state.closure_requested_on), prefs
        )
    if state.request is not None and state.status not in FINISHED_STATUSES:
        wanted |= _written_request(state.request, prefs)
    # None is due before the case existed (no "J-7" for a case opened at J-5).
    kept = merge({kind: due for kind, due in wanted.items() if due > created})
    of_age = _of_age(state.adult_month, created, prefs) if state.adult_month else None
    if of_age is not None:
        # Once a child's life: never merged away, moved to a quieter day of the month if need be.
        of_age = _away_from(of_age, kept.values(), prefs)
        if of_age is not None:
            kept[ReminderKind.OF_AGE] = of_age
    return kept
