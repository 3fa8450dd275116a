"""The next action in words, for the person who acts: what every page, email and calendar shows first.

`headline(action, who, today)` gives one instruction with one deadline that can
still be met (« Appelez le 3422 au plus tard le vendredi 4 décembre, avant 17 h »),
the countdown to that moment (« J-3 », « Jour J »), what that day is (« dernier jour
conseillé », « dernier jour pour s'opposer » only on the legal deadline), and why,
in sentences true on `today` for whoever acts: you, for yourself, a child or a
represented adult, or another adult of the household or a relative you help, who
acts themself. For someone who cannot phone (`Who.can_call`), refusing online comes
with how to get a code in time and the written request's last day (optout.wording.why: the
sentences under the headline).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _

from optout.actions import Action, ActionKind, Limit
from optout.wording.clock import countdown, countdown_words, is_french, paris_clock, weekdaydate
from optout.wording.people import Who
from optout.wording.why import why, without_phone

__all__ = ["Headline", "headline", "label_of", "without_phone"]


@dataclass(frozen=True)
class Headline:
    kind: str
    #: « J-12 », « Jour J »; empty for a closure.
    countdown: str
    #: The countdown as said aloud (« 12 jours restants »), for screen readers.
    countdown_words: str
    #: Beside « Jour J »: « aujourd'hui, avant 17 h ».
    countdown_detail: str
    #: The one thing to do, with its last moment.
    instruction: str
    #: The same without its doer, lower case, no full stop: « appelez le 3422 au plus tard le … ».
    phrase: str
    #: What that moment is: « dernier jour conseillé », « dernier jour pour s'opposer »…
    label: str
    #: Why this day, and what else is possible: short sentences, in order.
    why: tuple[str, ...]
    #: For colours: CALM, SOON, TODAY, PAST_ADVISED, CLOSING (see `_tone`).
    tone: str
    subject: str
    days_left: int | None


def _when(action: Action, days: int, zone: str) -> str:
    hour = paris_clock(action.day, action.hour, zone)
    day = weekdaydate(action.day)
    if action.kind == ActionKind.CALL:
        if days <= 0:
            return _("aujourd'hui, avant %(hour)s") % {"hour": hour}
        if days == 1:
            return _("au plus tard demain, %(day)s, avant %(hour)s") % {"day": day, "hour": hour}
        return _("au plus tard le %(day)s, avant %(hour)s") % {"day": day, "hour": hour}
    if days <= 0:
        return _("aujourd'hui, jusqu'à %(hour)s") % {"hour": hour}
    if days == 1:
        return _("au plus tard demain, %(day)s, à %(hour)s") % {"day": day, "hour": hour}
    return _("au plus tard le %(day)s, à %(hour)s") % {"day": day, "hour": hour}


def _phrase(action: Action, who: Who, when: str) -> str:
    """What to do, without its doer: « appelez le 3422 … » to you, « appeler le 3422 … » for another adult."""
    values = {"name": who.label, "when": when}
    if action.kind == ActionKind.CALL:
        if who.is_adult:
            return _("appeler le 3422 %(when)s") % values
        if who.is_self:
            return _("appelez le 3422 %(when)s") % values
        return _("appelez le 3422 pour %(name)s %(when)s") % values
    if who.is_adult:
        return _("refuser en ligne sur monespacesante.fr %(when)s, avec son code provisoire") % values
    if who.is_self:
        return _("refusez en ligne sur monespacesante.fr %(when)s, avec le code provisoire") % values
    return _("refusez en ligne pour %(name)s sur monespacesante.fr %(when)s, avec son code provisoire") % values


def _sentence(phrase: str, who: Who) -> str:
    if who.is_adult:
        return _("À faire par %(name)s : %(phrase)s.") % {"name": who.label, "phrase": phrase}
    return phrase[:1].upper() + phrase[1:] + "."


def _closing(action: Action, who: Who, space_open: bool) -> str:
    name = {"name": who.label}
    if not space_open:
        opens = {"name": who.label, "day": weekdaydate(action.space_opens_on)}
        if who.is_self:
            return (
                _(
                    "Votre espace s'ouvrira le %(day)s : vous pourrez le clôturer dès ce jour-là, et demander la "
                    "suppression de ses données."
                )
                % opens
            )
        if who.is_adult:
            return (
                _(
                    "L'espace de %(name)s s'ouvrira le %(day)s : %(name)s pourra le clôturer dès ce jour-là, et "
                    "demander la suppression de ses données."
                )
                % opens
            )
        return (
            _(
                "L'espace de %(name)s s'ouvrira le %(day)s : vous pourrez le clôturer dès ce jour-là, et demander la "
                "suppression de ses données."
            )
            % opens
        )
    if who.is_self:
        return _("Clôturez votre espace et demandez la suppression de ses données : c'est possible à tout moment.")
    if who.is_adult:
        return (
            _("À faire par %(name)s : clôturer son espace et demander la suppression de ses données, à tout moment.")
            % name
        )
    return (
        _("Clôturez l'espace de %(name)s et demandez la suppression de ses données : c'est possible à tout moment.")
        % name
    )


def label_of(action: Action) -> str:
    d = action.deadlines
    if action.kind == ActionKind.CLOSE or d is None:
        return ""
    if action.is_final:
        label = _("dernier jour pour s'opposer")
    elif action.limit == Limit.ACT_BY:
        if action.kind == ActionKind.CALL and action.day != d.act_by:
            label = _("dernier jour conseillé pour appeler")
        else:
            label = _("dernier jour conseillé")
    else:
        label = _("dernier jour où le 3422 répond avant la fin du délai légal")
    if d.estimated:
        return _("%(label)s (date estimée)") % {"label": label}
    return label


#: Tones, for colours: calm, soon (two days or fewer), today, past the advised day, closing.
CALM, SOON, TODAY, PAST_ADVISED, CLOSING = "calm", "soon", "today", "past-advised", "to-close"


def _tone(action: Action, days: int | None) -> str:
    if action.kind == ActionKind.CLOSE:
        return CLOSING
    if days == 0:
        return TODAY
    if action.limit == Limit.LEGAL:
        return PAST_ADVISED
    return SOON if days is not None and days <= 2 else CALM


def _subject(action: Action, who: Who, phrase: str, label: str, days: int | None, space_open: bool, today) -> str:
    """« J-7 : appelez le 3422 au plus tard le … », « Dernier jour conseillé : appelez le 3422 aujourd'hui… »."""
    if action.kind == ActionKind.CLOSE:
        d = action.deadlines
        for_whom = who.for_whom
        if d is not None and today == d.opens_on:
            return _("Mon espace santé s'ouvre aujourd'hui : comment le clôturer%(for_whom)s") % {"for_whom": for_whom}
        if not space_open:
            return _("Mon espace santé s'ouvre le %(day)s : comment le clôturer ensuite%(for_whom)s") % {
                "day": weekdaydate(d.opens_on),
                "for_whom": for_whom,
            }
        return _("Comment clôturer Mon espace santé%(for_whom)s") % {"for_whom": for_whom}
    lead = label[:1].upper() + label[1:] if days == 0 else countdown(days)
    if who.is_adult:
        return _("%(lead)s pour %(name)s : %(phrase)s") % {"lead": lead, "name": who.label, "phrase": phrase}
    return _("%(lead)s : %(phrase)s") % {"lead": lead, "phrase": phrase}


def headline(
    action: Action,
    who: Who,
    today: date,
    *,
    time_zone: str = "Europe/Paris",
    channel: str | None = None,
    children_first: tuple[str, ...] = (),
    children_maybe: tuple[str, ...] = (),
) -> Headline:
    """The action in words for `who`, read on `today` (a calendar day in `time_zone`)."""
    days = None
    if action.by is not None:
        days = (action.by.astimezone(ZoneInfo(time_zone)).date() - today).days
    space_open = action.kind == ActionKind.CLOSE and (action.space_opens_on is None or today >= action.space_opens_on)
    detail = ""
    if action.by is None:
        phrase, instruction = "", _closing(action, who, space_open)
    else:
        when = _when(action, days, time_zone)
        phrase = _phrase(action, who, when)
        instruction = _sentence(phrase, who)
        detail = when if days == 0 else ""
    label = label_of(action)
    shown, words = countdown(days), countdown_words(days)
    if detail:
        words = ""  # the detail says « aujourd'hui » already
    if detail and not is_french():
        # English says the day and the hour at once: « Today, before 5 pm ».
        shown, detail = detail[:1].upper() + detail[1:], ""
    return Headline(
        kind=str(action.kind),
        countdown=shown,
        countdown_words=words,
        countdown_detail=detail,
        instruction=instruction,
        phrase=phrase,
        label=label,
        why=tuple(
            why(
                action,
                who,
                today,
                channel=channel,
                space_open=space_open,
                zone=time_zone,
                children_first=children_first,
                children_maybe=children_maybe,
            )
        ),
        tone=_tone(action, days),
        subject=_subject(action, who, phrase, label, days, space_open, today),
        days_left=days,
    )
