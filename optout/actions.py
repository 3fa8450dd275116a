"""The one thing to do next about a letter, and the last moment to do it. Pure.

Every page, email and calendar shows this action first, and only its moment as
the deadline (docs/rules.md, "The next action"). The rule, with moments in Paris
time (`now` is any aware datetime):

- phone: call by 17:00 on the last day the 3422 answers on or before act-by, if
  that moment is still to come; else by 17:00 on the last day it answers on or
  before the legal deadline, if still to come; else refuse online by 23:59 on the
  legal deadline, if still to come; else close the space once it opens;
- online: refuse online by 23:59 on act-by if still to come, else by 23:59 on the
  legal deadline if still to come, else close;
- closure: close (no deadline: at any time once the space is open).

Someone who cannot phone (`can_call=False`, the person's answer to « Pouvez-vous
téléphoner ? ») is never told to call: the phone route is read as the online one,
and `possible_routes` leaves the phone out. Without a code, their other way is a
written request to the caisse, received early enough for its answer, due one month
later (optout.deadlines.answer_due), to come in time: `request_by`.

"Still to come" means strictly after `now`: at 17:00 sharp the line is closed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum, nonmember
from zoneinfo import ZoneInfo

from optout.deadlines import (
    PARIS,
    Deadlines,
    Phase,
    answer_due,
    deadlines_for,
    line,
)

#: The last moment of a day for a refusal online: the site answers at any hour.
ONLINE_UNTIL = time(23, 59)


class ActionKind(StrEnum):
    #: Django templates compare with ActionKind.CALL instead of calling the class.
    do_not_call_in_templates = nonmember(True)

    CALL = "call"  # call the 3422
    ONLINE = "online"  # refuse on monespacesante.fr with the provisional code
    CLOSE = "close"  # close the space (once it is open) and ask for the deletion of its data


class Limit(StrEnum):
    """Which date the action's moment is measured against."""

    ACT_BY = "act-by"  # the advised last day: the earlier of the two readings of the law
    LEGAL = "legal"  # the legal deadline, six weeks after sending (R1111-28)


#: The stored route values (optout.vocabulary.Route), spelled here to keep this module free of Django.
PHONE, ONLINE, CLOSURE = "phone", "online", "closure"


@dataclass(frozen=True)
class Action:
    """What to do now, and by when (`by`: an aware datetime in Paris time, None for a closure)."""

    kind: ActionKind
    by: datetime | None
    #: The date `by` is measured against: act-by, the legal deadline, or None (a closure).
    limit: Limit | None = None
    #: Where the letter stands at `now` (None without a letter: a space already open).
    phase: Phase | None = None
    #: The letter's dates (None without a letter).
    deadlines: Deadlines | None = None
    #: The route the action was computed for (it may differ from `kind`: a phone case whose line
    #: no longer answers before the legal deadline is told to refuse online).
    route: str = PHONE

    @property
    def day(self) -> date | None:
        """The calendar day of `by` in Paris, or None."""
        return None if self.by is None else self.by.astimezone(PARIS).date()

    @property
    def hour(self) -> time | None:
        return None if self.by is None else self.by.astimezone(PARIS).time()

    @property
    def is_final(self) -> bool:
        """Its day is the legal deadline itself: the last day an opposition is in time."""
        return self.day is not None and self.deadlines is not None and self.day == self.deadlines.legal_deadline

    @property
    def is_fallback(self) -> bool:
        """Not what the route would do: the phone route, but the 3422 no longer answers in time."""
        return self.route == PHONE and self.kind == ActionKind.ONLINE

    @property
    def space_opens_on(self) -> date | None:
        return None if self.deadlines is None else self.deadlines.opens_on

    def days_left(self, now: datetime, time_zone: str = "Europe/Paris") -> int | None:
        """Calendar days from `now` to `by`, in the reader's time zone: 0 on the day itself."""
        if self.by is None:
            return None
        zone = ZoneInfo(time_zone)
        return (self.by.astimezone(zone).date() - now.astimezone(zone).date()).days


def _at(day: date, moment: time) -> datetime:
    return datetime.combine(day, moment, tzinfo=PARIS)


def moments(d: Deadlines, route: str) -> list[tuple[ActionKind, Limit, datetime]]:
    """A route's actions with their last moments, in order: the next action is the first still to come."""
    if route == PHONE:
        return [
            (ActionKind.CALL, Limit.ACT_BY, _at(d.last_call_day, line.LINE_CLOSES)),
            (ActionKind.CALL, Limit.LEGAL, _at(d.last_legal_call_day, line.LINE_CLOSES)),
            (ActionKind.ONLINE, Limit.LEGAL, _at(d.legal_deadline, ONLINE_UNTIL)),
        ]
    if route == ONLINE:
        return [
            (ActionKind.ONLINE, Limit.ACT_BY, _at(d.act_by, ONLINE_UNTIL)),
            (ActionKind.ONLINE, Limit.LEGAL, _at(d.legal_deadline, ONLINE_UNTIL)),
        ]
    return []


def action_for(d: Deadlines | None, *, route: str, now: datetime, can_call: bool = True) -> Action:
    """`next_action` from a letter's dates already computed (or None: a space already open)."""
    if now.tzinfo is None:
        raise ValueError("next_action needs an aware datetime")
    if not can_call and route == PHONE:
        route = ONLINE  # never the phone for someone who cannot call
    if d is None:
        return Action(ActionKind.CLOSE, None, route=route)
    phase = d.phase(now.astimezone(PARIS).date())
    for kind, limit, by in moments(d, route):
        if now < by:
            return Action(kind, by, limit, phase, d, route)
    return Action(ActionKind.CLOSE, None, None, phase, d, route)


def next_action(
    *,
    sent_on: date | None,
    received_on: date,
    route: str,
    now: datetime,
    departement: str | None = None,
    can_call: bool = True,
) -> Action:
    """The one thing to do now about a letter, and its last moment (see the module's docstring)."""
    d = deadlines_for(sent_on, received_on, departement or None)
    return action_for(d, route=route, now=now, can_call=can_call)


def plan(d: Deadlines, *, route: str, now: datetime, can_call: bool = True) -> list[Action]:
    """Every action still to come, in order, ending with the closure: what calendars show."""
    actions = []
    moment = now
    while True:
        action = action_for(d, route=route, now=moment, can_call=can_call)
        actions.append(action)
        if action.by is None:
            return actions
        moment = action.by + timedelta(seconds=1)


def possible_routes(d: Deadlines | None, *, now: datetime, can_call: bool = True) -> list[str]:
    """The routes a person can still take at `now`: a phone or online opposition only while one of
    its moments is still to come (never the phone for someone who cannot call); a closure always
    (once the space opens)."""
    if d is None:
        return [CLOSURE]
    routes = []
    if can_call and action_for(d, route=PHONE, now=now).kind == ActionKind.CALL:
        routes.append(PHONE)
    if action_for(d, route=ONLINE, now=now).kind == ActionKind.ONLINE:
        routes.append(ONLINE)
    return [*routes, CLOSURE]


@dataclass(frozen=True)
class RequestBy:
    """A written request to the caisse: the last day it may arrive (`day`) for its answer, due one
    month later (moved to a working day), to come by `answer_by`, act-by or the legal deadline."""

    day: date
    answer_by: date
    limit: Limit


def latest_request_day(deadline: date) -> date:
    """The last day a written request may arrive for its answer to be due on or before `deadline`."""
    day = deadline
    while answer_due(day, day) > deadline:
        day -= timedelta(days=1)
    return day


def request_by(d: Deadlines, today: date) -> RequestBy | None:
    """For an opposition in writing: the last day the request may arrive so that its answer is due by
    act-by, if that day is still to come (`today` or later); else by the legal deadline; else None: its
    answer could no longer come in time."""
    for deadline, limit in ((d.act_by, Limit.ACT_BY), (d.legal_deadline, Limit.LEGAL)):
        day = latest_request_day(deadline)
        if day >= today:
            return RequestBy(day, deadline, limit)
    return None
