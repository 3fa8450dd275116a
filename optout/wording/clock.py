"""Dates, hours, countdowns and the 3422's hours in words, in the active language.

French writes « lundi 5 février 2022 », « le 1er mars », « 17 h », « 8 h 30 »;
English « Monday 5 February 2022 », « 5 pm », « 8:30 am ». Every sentence that
states the line's hours takes them from optout.deadlines (LINE_OPENS, LINE_CLOSES):
change the hour there and every page, email and calendar follows.
"""

from __future__ import annotations

from datetime import date, time

from django.utils.formats import date_format
from django.utils.translation import get_language, ngettext, pgettext
from django.utils.translation import gettext as _

from optout.deadlines import LINE_CLOSES, LINE_OPENS

NBSP = "\u00a0"


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


def clock(moment: time) -> str:
    """17 h, 8 h 30, 23 h 59 / 5 pm, 8:30 am, 11:59 pm."""
    if is_french():
        minutes = f"{NBSP}{moment.minute:02d}" if moment.minute else ""
        return f"{moment.hour}{NBSP}h{minutes}"
    hour = moment.hour % 12 or 12
    minutes = f":{moment.minute:02d}" if moment.minute else ""
    return f"{hour}{minutes}{NBSP}{'am' if moment.hour < 12 else 'pm'}"


def line_hours() -> str:
    """« du lundi au vendredi, de 8 h 30 à 17 h, sauf les jours fériés » (Paris time)."""
    return _("du lundi au vendredi, de %(opens)s à %(closes)s (heure de Paris), sauf les jours fériés") % {
        "opens": clock(LINE_OPENS),
        "closes": clock(LINE_CLOSES),
    }


def line_facts() -> str:
    """The 3422 in two sentences: when it answers, and what a call costs (the Mon espace santé FAQ)."""
    return _(
        "Le 3422 répond %(hours)s. Le service est gratuit ; l'appel est payé au prix d'une communication "
        "ordinaire, selon votre opérateur."
    ) % {"hours": line_hours()}


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
