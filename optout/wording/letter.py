"""A letter's dates in words: which rule set the advised day, why the line is closed on a day,
and every date of a letter under one label each, in date order (case page, calculator, sheet,
« Mes données », the picture of the window)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from django.utils.translation import gettext as _

from optout.deadlines import Deadlines, is_line_open_day, public_holiday
from optout.vocabulary import Channel, Scheme
from optout.wording.clock import is_french, longdate, weekdaydate
from optout.wording.facts import facts
from optout.wording.schemes import known, sender


def rule_sentence(d: Deadlines, channel: str | None = None) -> str:
    """Which reading of the law set the advised day, with the letter's own date."""
    if d.rule == d.BY_RECEIPT:
        received = longdate(d.received_on)
        if channel == Channel.EMAIL:
            text = _(
                "Le dernier jour conseillé tombe %(receipt_period)s après la réception du courriel, le %(received)s : "
                "c'est plus tôt que %(weeks)s semaines après son envoi."
            )
        elif channel == Channel.POST:
            text = _(
                "Le dernier jour conseillé tombe %(receipt_period)s après la réception du courrier, le %(received)s : "
                "c'est plus tôt que %(weeks)s semaines après son envoi."
            )
        else:
            text = _(
                "Le dernier jour conseillé tombe %(receipt_period)s après la réception, le %(received)s : "
                "c'est plus tôt que %(weeks)s semaines après l'envoi."
            )
        sentence = text % {"received": received, **facts()}
    elif d.rule == d.BY_SENDING:
        sent = longdate(d.sent_on or d.received_on)
        if channel == Channel.EMAIL:
            text = _(
                "Le dernier jour conseillé tombe %(weeks)s semaines après l'envoi du courriel, daté du %(sent)s : "
                "c'est plus tôt %(than_receipt_period)s après sa réception."
            )
        elif channel == Channel.POST:
            text = _(
                "Le dernier jour conseillé tombe %(weeks)s semaines après l'envoi du courrier, daté du %(sent)s : "
                "c'est plus tôt %(than_receipt_period)s après sa réception."
            )
        else:
            text = _(
                "Le dernier jour conseillé tombe %(weeks)s semaines après l'envoi, daté du %(sent)s : "
                "c'est plus tôt %(than_receipt_period)s après la réception."
            )
        sentence = text % {"sent": sent, **facts()}
    else:
        sentence = _(
            "%(weeks)s semaines après l'envoi et %(receipt_period)s après la réception tombent le même jour."
        ) % {
            **facts(),
        }
    if d.sent_assumed and not d.estimated:
        sentence += " " + estimate_sentence()
    return sentence


def estimate_sentence() -> str:
    return _(
        "Sans date imprimée sur le courrier, nous avons pris sa date de réception comme date d'envoi : "
        "les vraies dates peuvent être plus tôt. Mieux vaut ne pas attendre."
    )


def estimated_sentence() -> str:
    """For a letter that is missing (lost, or only a notification): every date is an estimate."""
    return _(
        "Ces dates sont des estimations : sans le courrier, nous partons de la date approximative que vous avez "
        "donnée, comme si c'était aussi sa date d'envoi. Les vraies dates peuvent être plus tôt : n'attendez pas."
    )


def letter_said(letter) -> str:
    """A stored letter in one sentence: « Courrier postal de la MSA, daté du 20 février 2026, reçu le 24 février
    2026. Sans code provisoire. »; for a missing letter, « reçu vers le … » and that its dates are estimates."""
    kinds = {Channel.EMAIL: _("Courriel"), Channel.POST: _("Courrier postal"), Channel.NOTICE: _("Notification")}
    day = longdate(letter.received_on)
    notice = letter.channel == Channel.NOTICE
    if letter.estimated:
        received = (_("reçue vers le %(day)s") if notice else _("reçu vers le %(day)s")) % {"day": day}
    else:
        received = (_("reçue le %(day)s") if notice else _("reçu le %(day)s")) % {"day": day}
    values = {
        "kind": kinds.get(letter.channel, kinds[Channel.POST]),
        "from": f" {sender(letter.scheme)}" if known(letter.scheme) != Scheme.UNKNOWN else "",
        "dated": _(", daté du %(day)s") % {"day": longdate(letter.sent_on)} if letter.sent_on else "",
        "received": received,
    }
    said = [_("%(kind)s%(from)s%(dated)s, %(received)s.") % values]
    if letter.estimated:
        said.append(_("Ses dates sont des estimations."))
    said.append(_("Il contenait un code provisoire.") if letter.had_code else _("Sans code provisoire."))
    return " ".join(said)


def line_closed(day: date, departement: str | None) -> str:
    """Why the 3422 does not answer on `day`: « le 3422 ne répond pas le week-end », « … les jours fériés (Noël) »."""
    holiday = public_holiday(day, departement, language="fr" if is_french() else "en")
    if holiday:
        return _("le 3422 ne répond pas les jours fériés (%(name)s)") % {"name": holiday}
    return _("le 3422 ne répond pas le week-end")


@dataclass(frozen=True)
class DateLine:
    key: str
    label: str
    day: date
    #: What the line says of that day, if anything (« le 3422 ne répond pas ce jour-là »).
    note: str = ""
    #: The letter is missing: the day is an estimate, and the page says so beside it.
    estimated: bool = False

    @property
    def long(self) -> str:
        return weekdaydate(self.day)


def _line_note(day: date, departement: str | None) -> str:
    if is_line_open_day(day, departement):
        return _("le 3422 répond ce jour-là")
    return line_closed(day, departement)


def date_lines(d: Deadlines, *, received: bool = True, phone: bool = True) -> list[DateLine]:
    """Every date of the letter, each once, in date order (a day the 3422 answers says so); for a
    letter that is missing, each marked as an estimate. Without `phone` (whoever acts cannot call),
    nothing about the 3422."""
    lines = []
    note = _line_note if phone else (lambda day, departement: "")
    if received:
        lines.append(DateLine("received", _("Reçu le"), d.received_on))
    if phone and d.last_call_day != d.act_by:
        lines.append(DateLine("advised-call", _("Dernier jour conseillé pour appeler le 3422"), d.last_call_day))
    lines.append(
        DateLine("act-by", _("Dernier jour conseillé pour s'opposer"), d.act_by, note(d.act_by, d.departement))
    )
    if phone and d.last_legal_call_day not in (d.last_call_day, d.legal_deadline):
        lines.append(
            DateLine(
                "legal-call", _("Dernier jour où le 3422 répond avant la fin du délai légal"), d.last_legal_call_day
            )
        )
    lines.append(
        DateLine(
            "legal",
            _("Fin du délai légal, dernier jour pour s'opposer (%(weeks)s semaines après l'envoi)") % facts(),
            d.legal_deadline,
            note(d.legal_deadline, d.departement),
        )
    )
    lines.append(DateLine("opens", _("Ouverture de l'espace, sans opposition"), d.opens_on))
    if d.estimated:
        lines = [replace(line, estimated=True) for line in lines]
    return sorted(lines, key=lambda line: line.day)


def swap_hints(sent_on: date | None, received_on: date, other: tuple[date | None, date] | None) -> list[str]:
    """For each date that reads better month first: how we read it, and what to do if it meant the other."""
    if other is None:
        return []
    hints = []
    for typed, meant in ((sent_on, other[0]), (received_on, other[1])):
        if typed is not None and meant is not None and typed != meant:
            hints.append(
                _(
                    "Les dates se lisent le jour d'abord : %(typed)s se lit le %(read)s. S'il s'agit du %(meant)s, "
                    "corrigez la date."
                )
                % {"typed": typed.strftime("%d/%m/%Y"), "read": longdate(typed), "meant": longdate(meant)}
            )
    return hints
