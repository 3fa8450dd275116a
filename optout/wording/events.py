"""Calendar events in words: one event per day on which something is last possible.

A day gathers the actions whose last moment falls on it (to call before 17:00, to
refuse online until 23:59, Paris time, and the reader's own time when they live elsewhere) under what that day is (« dernier jour conseillé »,
« dernier jour pour s'opposer »), so that an advised day on which the 3422 is
closed says « en ligne », and the call's own day has its event.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils.text import capfirst
from django.utils.translation import gettext as _

from optout.actions import ONLINE_UNTIL, Action, ActionKind
from optout.deadlines import is_line_open_day, line
from optout.wording.clock import line_facts, paris_clock
from optout.wording.headline import label_of
from optout.wording.letter import line_closed
from optout.wording.people import Who


@dataclass(frozen=True)
class DayEvent:
    key: str
    day: date
    summary: str
    description: str


def _doing(kinds: set[str], day: date, zone: str) -> str:
    call = _("appeler le 3422 avant %(hour)s") % {"hour": paris_clock(day, line.LINE_CLOSES, zone)}
    online = _("refuser en ligne jusqu'à %(hour)s, avec le code provisoire") % {
        "hour": paris_clock(day, ONLINE_UNTIL, zone)
    }
    if kinds == {ActionKind.CALL, ActionKind.ONLINE}:
        return _("%(by_phone)s, ou %(web)s") % {"by_phone": call, "web": online}
    return call if ActionKind.CALL in kinds else online


def day_events(actions: list[Action], who: Who, time_zone: str = "Europe/Paris") -> list[DayEvent]:
    """The actions of one or more routes' plans (optout.actions.plan), gathered by day; their hours are
    Paris's, and also the reader's when `time_zone` is another."""
    by_day: dict[date, list[Action]] = {}
    for action in actions:
        if action.by is not None:
            by_day.setdefault(action.day, []).append(action)
    events = []
    for day, same_day in sorted(by_day.items()):
        kinds = {action.kind for action in same_day}
        main = max(same_day, key=lambda action: (action.is_final, action.kind == ActionKind.ONLINE))
        label = label_of(main)
        doing = _doing(kinds, day, time_zone)
        summary = _("%(label)s : %(doing)s%(for_whom)s") % {
            "label": label[:1].upper() + label[1:],
            "doing": doing,
            "for_whom": who.for_whom,
        }
        notes = []
        if who.is_adult:
            notes.append(
                _("C'est %(name)s qui fait la démarche, avec sa carte Vitale et son code.") % {"name": who.label}
            )
        d = main.deadlines
        if ActionKind.CALL not in kinds and who.can_call and not is_line_open_day(day, d.departement):
            notes.append(capfirst(line_closed(day, d.departement)) + ".")
        if ActionKind.CALL in kinds:
            notes.append(line_facts(time_zone, on=day))
        notes.append(_("Sans opposition, l'espace s'ouvre le lendemain du délai légal (article R1111-28)."))
        key = "-".join(sorted({f"{action.kind}-{action.limit}" for action in same_day}))
        events.append(DayEvent(key=key, day=day, summary=summary, description=" ".join(notes)))
    return events
