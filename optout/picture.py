"""A picture of the window, drawn on the server as SVG: no JavaScript, no image file.

From a letter's dates: a bar from the day it arrived to the day the space opens,
green up to the advised day, amber up to the legal deadline, then the opening;
a mark for each date that counts (the last call days, the advised day, the legal
deadline, the opening) and one for today. Labels are laid out in lanes above
and below the bar so that close dates never overlap, at any width (the SVG
scales; its text stays legible down to a 390 px phone). The same facts, in
words and in order, are its accessible name (`summary`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cached_property

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from optout.deadlines import Deadlines
from optout.wording.clock import is_french, weekdaydate
from optout.wording.letter import DateLine, date_lines

#: Drawn 300 units wide: on a 390 px phone it shows at about its own size, so its 12 px text stays legible.
WIDTH = 300
LEFT, RIGHT = 12, WIDTH - 12
BAR_Y = 62
BAR_HEIGHT = 10
LANE_HEIGHT = 30
#: Units per character of a label (12 px text, average width): a generous estimate.
CHAR_WIDTH = 6.8
GAP = 6


@dataclass(frozen=True)
class Mark:
    key: str
    day: date
    caption: str
    x: float = 0.0
    lane: int = 0

    @cached_property
    def short_day(self) -> str:
        """« 2 janv. » / « 2 Jan »."""
        return date_format(self.day, "j b." if is_french() else "j M")

    @cached_property
    def width(self) -> float:
        return max(len(self.caption), len(self.short_day)) * CHAR_WIDTH

    @property
    def above(self) -> bool:
        return self.lane % 2 == 1

    @property
    def text_y(self) -> float:
        """The baseline of the caption; the date goes one line further from the bar."""
        depth = self.lane // 2
        if self.above:
            return BAR_Y - 22 - depth * LANE_HEIGHT
        return BAR_Y + BAR_HEIGHT + 20 + depth * LANE_HEIGHT

    @property
    def date_y(self) -> float:
        return self.text_y - 13 if self.above else self.text_y + 13

    @property
    def anchor(self) -> str:
        if self.x - self.width / 2 < LEFT - 10:
            return "start"
        if self.x + self.width / 2 > RIGHT + 10:
            return "end"
        return "middle"

    @property
    def tick_end(self) -> float:
        return self.text_y + 4 if self.above else self.text_y - 11


@dataclass(frozen=True)
class Picture:
    marks: list[Mark]
    today: Mark
    safe: tuple[float, float]
    late: tuple[float, float]
    opened: tuple[float, float]
    height: int
    top: int
    summary: str
    width: int = WIDTH

    @property
    def safe_width(self) -> float:
        return max(self.safe[1] - self.safe[0], 0)

    @property
    def late_width(self) -> float:
        return max(self.late[1] - self.late[0], 0)

    @property
    def opened_width(self) -> float:
        return max(self.opened[1] - self.opened[0], 0)


#: Captions of the marks, short enough for a phone.
_CAPTIONS = {
    "received": lambda: _("Reçu"),
    "advised-call": lambda: _("Dernier appel conseillé"),
    "act-by": lambda: _("Jour conseillé"),
    "legal-call": lambda: _("Dernier appel"),
    "legal": lambda: _("Délai légal"),
    "opens": lambda: _("Ouverture"),
}


def _lanes(marks: list[Mark]) -> list[Mark]:
    """Each mark in the first lane where its label does not touch another's."""
    placed: list[Mark] = []
    for mark in sorted(marks, key=lambda m: m.x):
        lane = 0
        while any(
            other.lane == lane and abs(other.x - mark.x) < (other.width + mark.width) / 2 + GAP for other in placed
        ):
            lane += 1
        placed.append(Mark(mark.key, mark.day, mark.caption, mark.x, lane))
    return placed


def _said(line: DateLine) -> str:
    """A date of the picture in words, as the dates list gives it: estimated or not, and what the 3422 does that day."""
    values = {"label": line.label, "day": weekdaydate(line.day), "note": line.note}
    if line.estimated:
        return (
            _("%(label)s : %(day)s (date estimée ; %(note)s).")
            if line.note
            else _("%(label)s : %(day)s (date estimée).")
        ) % values
    return (_("%(label)s : %(day)s (%(note)s).") if line.note else _("%(label)s : %(day)s.")) % values


def picture(d: Deadlines, today: date, *, phone: bool = True) -> Picture:
    """The window of a letter's dates, with today on it (without `phone`, no day of the 3422)."""
    start = min(d.received_on, today)
    end = max(d.opens_on, today)
    span = max((end - start).days, 1)

    def x(day: date) -> float:
        return LEFT + (RIGHT - LEFT) * (day - start).days / span

    lines = date_lines(d, phone=phone)
    marks = [Mark(line.key, line.day, str(_CAPTIONS[line.key]()), x(line.day)) for line in lines]
    now = Mark("today", today, _("Aujourd'hui"), x(today))
    placed = _lanes([*marks, now])
    today_mark = next(mark for mark in placed if mark.key == "today")
    others = [mark for mark in placed if mark.key != "today"]
    lowest = max((m.lane for m in placed if not m.above), default=0) // 2
    highest = max((m.lane for m in placed if m.above), default=1) // 2
    top = BAR_Y - 22 - highest * LANE_HEIGHT - 18
    bottom = BAR_Y + BAR_HEIGHT + 20 + lowest * LANE_HEIGHT + 18
    said = [_("%(label)s : %(day)s.") % {"label": _("Aujourd'hui"), "day": weekdaydate(today)}]
    said += [_said(line) for line in lines]
    return Picture(
        marks=others,
        today=today_mark,
        safe=(x(start), x(d.act_by)),
        late=(x(d.act_by), x(d.legal_deadline)),
        opened=(x(d.opens_on), max(RIGHT, x(d.opens_on) + 4)),
        height=int(bottom - top),
        top=int(top),
        summary=" ".join(said),
    )
