"""Dates, hours, countdowns and the 3422's hours in words, in the active language.

French writes « lundi 5 février 2022 », « le 1er mars », « 17 h », « 8 h 30 »;
English « Monday 5 February 2022 », « 5 pm », « 8:30 am ». Every sentence that
states the line's hours takes them from optout.deadlines.line (LINE_OPENS, LINE_CLOSES), read
when the sentence is said:
change the hour there and every page, email and calendar follows.

The line's hours are Paris hours. To a reader whose time zone is not Paris's they are
said in both (« 17 h, heure de Paris, soit 20 h à La Réunion »), converted on the day
they are about: Paris changes its clocks and the overseas départements do not.
"""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language, gettext_lazy, ngettext, pgettext
from django.utils.translation import gettext as _

from optout.deadlines import PARIS, line

NBSP = "\u00a0"
PARIS_ZONE = str(PARIS)

#: Where the reader lives, after a local hour (« soit 20 h à La Réunion »): the zones the profile offers.
PLACES = {
    "America/Guadeloupe": gettext_lazy("en Guadeloupe"),
    "America/Martinique": gettext_lazy("en Martinique"),
    "America/Cayenne": gettext_lazy("en Guyane"),
    "Indian/Reunion": gettext_lazy("à La Réunion"),
    "Indian/Mayotte": gettext_lazy("à Mayotte"),
    "America/St_Barthelemy": gettext_lazy("à Saint-Barthélemy"),
    "America/Marigot": gettext_lazy("à Saint-Martin"),
    "America/Miquelon": gettext_lazy("à Saint-Pierre-et-Miquelon"),
}


def is_french() -> bool:
    return (get_language() or "fr").startswith("fr")


def _long(day: date, with_weekday: bool) -> str:
    weekday = date_format(day, "l") + " " if with_weekday else ""
    french = is_french()
    # French writes the first of the month « 1er février », and never breaks a line inside « 5 février ».
    number = "1er" if day.day == 1 and french else str(day.day)
    return f"{weekday}{number}{NBSP if french else ' '}{date_format(day, 'F Y')}"


def longdate(day: date | None) -> str:
    """5 février 2022 / 5 February 2022."""
    return _long(day, with_weekday=False) if day else ""


def weekdaydate(day: date | None) -> str:
    """lundi 5 février 2022 / Monday 5 February 2022."""
    return _long(day, with_weekday=True) if day else ""


def weekday_day(day: date) -> str:
    """dimanche 3 janvier / Sunday 3 January: a day close enough to need no year."""
    french = is_french()
    number = "1er" if day.day == 1 and french else str(day.day)
    return f"{date_format(day, 'l')} {number}{NBSP if french else ' '}{date_format(day, 'F')}"


def month_year(day: date | None) -> str:
    """février 2031 / February 2031."""
    return date_format(day, "F Y") if day else ""


def clock(moment: time) -> str:
    """17 h, 8 h 30, 23 h 59 / 5 pm, 8:30 am, 11:59 pm."""
    if is_french():
        minutes = f"{NBSP}{moment.minute:02d}" if moment.minute else ""
        return f"{moment.hour}{NBSP}h{minutes}"
    hour = moment.hour % 12 or 12
    minutes = f":{moment.minute:02d}" if moment.minute else ""
    return f"{hour}{minutes}{NBSP}{'am' if moment.hour < 12 else 'pm'}"


def reader_zone(time_zone: str | None = None) -> str:
    """The reader's time zone: the one given, else the active one (a signed-in person's, set per request)."""
    return time_zone or timezone.get_current_timezone_name()


def place(time_zone: str) -> str:
    """« à La Réunion », « en Martinique »; « chez vous » for a zone the profile does not name."""
    return str(PLACES.get(time_zone) or _("chez vous"))


def local_moment(day: date, moment: time, time_zone: str) -> datetime | None:
    """`moment` on `day` in Paris, on the reader's clock; None when their clock reads the same."""
    local = datetime.combine(day, moment, tzinfo=PARIS).astimezone(ZoneInfo(time_zone))
    return None if (local.date(), local.time()) == (day, moment) else local


def paris_clock(day: date, moment: time, time_zone: str | None = None) -> str:
    """A Paris moment as the reader should read it: « 17 h » in Paris; elsewhere « 17 h, heure de Paris,
    soit 20 h à La Réunion » (with the day when theirs is another: « soit 2 h 59 le mardi 6 janvier »)."""
    zone = reader_zone(time_zone)
    hour = clock(moment)
    if zone == PARIS_ZONE:
        return hour
    local = local_moment(day, moment, zone)
    if local is None:
        return _("%(hour)s, heure de Paris") % {"hour": hour}
    values = {"hour": hour, "local": clock(local.time()), "place": place(zone), "day": weekday_day(local.date())}
    if local.date() != day:
        return _("%(hour)s, heure de Paris, soit %(local)s le %(day)s %(place)s") % values
    return _("%(hour)s, heure de Paris, soit %(local)s %(place)s") % values


def line_hours(time_zone: str | None = None, on: date | None = None) -> str:
    """« du lundi au vendredi, de 8 h 30 à 17 h (heure de Paris), sauf les jours fériés »; to a reader
    elsewhere, their own hours too, as on `on` (today by default: the sentence is true the day it is read)."""
    zone = reader_zone(time_zone)
    values = {"opens": clock(line.LINE_OPENS), "closes": clock(line.LINE_CLOSES)}
    if zone != PARIS_ZONE:
        day = on or timezone.localdate(timezone=ZoneInfo(zone))
        opens, closes = local_moment(day, line.LINE_OPENS, zone), local_moment(day, line.LINE_CLOSES, zone)
        if opens is not None and closes is not None:
            values |= {"local_opens": clock(opens.time()), "local_closes": clock(closes.time()), "place": place(zone)}
            return (
                _(
                    "du lundi au vendredi, de %(opens)s à %(closes)s, heure de Paris, soit de %(local_opens)s à "
                    "%(local_closes)s %(place)s, sauf les jours fériés"
                )
                % values
            )
    return _("du lundi au vendredi, de %(opens)s à %(closes)s (heure de Paris), sauf les jours fériés") % values


def line_facts(time_zone: str | None = None, on: date | None = None) -> str:
    """The 3422 in two sentences: when it answers, and what a call costs (the Mon espace santé FAQ)."""
    return _(
        "Le 3422 répond %(hours)s. Le service est gratuit ; l'appel est payé au prix d'une communication "
        "ordinaire, selon votre opérateur."
    ) % {"hours": line_hours(time_zone, on)}


def countdown(days: int | None) -> str:
    """The short countdown to a day: « J-12 » in French, « 12 days left » in English; '' once it has passed."""
    if days is None or days < 0:
        return ""
    if days == 0:
        return pgettext("countdown", "Jour J")
    if days == 1:
        return pgettext("countdown", "J-1")
    return ngettext("J-%(days)s", "J-%(days)s", days) % {"days": days}


def countdown_words(days: int | None) -> str:
    """The countdown as a screen reader should say it: « 12 jours restants », « aujourd'hui »."""
    if days is None or days < 0:
        return ""
    if days == 0:
        return _("aujourd'hui")
    if days == 1:
        return _("demain")
    return ngettext("%(days)s jour restant", "%(days)s jours restants", days) % {"days": days}
