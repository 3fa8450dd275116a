"""Why the next action is what it is: the sentences under the headline (optout.wording.headline).

Each is true on `today` for whoever acts: which rule set the advised day, what else is still
possible (the phone, online), when the legal deadline runs to, the children's spaces to close
first, and for someone who cannot phone, how to get a code in time or to write to the caisse
(`without_phone`).
"""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext as _

from optout.actions import ONLINE_UNTIL, Action, ActionKind, Limit, request_by
from optout.deadlines import Phase, line
from optout.wording.clock import paris_clock, weekdaydate
from optout.wording.facts import facts
from optout.wording.letter import estimate_sentence, estimated_sentence, line_closed, rule_sentence
from optout.wording.people import Who


def _online_too(who: Who, day, zone: str) -> str:
    values = {"name": who.label, "day": weekdaydate(day), "hour": paris_clock(day, ONLINE_UNTIL, zone)}
    if who.is_adult:
        return (
            _("Avec son code provisoire, %(name)s peut aussi refuser en ligne jusqu'au %(day)s, à %(hour)s.") % values
        )
    return _("Avec le code provisoire, vous pouvez aussi refuser en ligne jusqu'au %(day)s, à %(hour)s.") % values


def _phone_too(who: Who, day, zone: str) -> str:
    values = {"name": who.label, "day": weekdaydate(day), "hour": paris_clock(day, line.LINE_CLOSES, zone)}
    if who.is_adult:
        return _("Sans code provisoire, %(name)s peut appeler le 3422 jusqu'au %(day)s, avant %(hour)s.") % values
    return _("Sans code provisoire, vous pouvez appeler le 3422 jusqu'au %(day)s, avant %(hour)s.") % values


def _legal_runs(d) -> str:
    return _(
        "Le délai légal, %(weeks)s semaines après l'envoi, court jusqu'au %(legal)s : une opposition faite d'ici "
        "là est dans les temps."
    ) % {**facts(), "legal": weekdaydate(d.legal_deadline)}


def _deletion() -> str:
    return (
        _(
            "Cochez la case qui demande la suppression définitive des données : sans elle, elles sont archivées "
            "%(archive_period)s, et un espace ouvert de nouveau plus tard les retrouverait (article R1111-36)."
        )
        % facts()
    )


def why(
    action: Action, who: Who, today: date, *, channel, space_open, zone, children_first, children_maybe
) -> list[str]:
    d = action.deadlines
    if action.kind != ActionKind.CLOSE:
        why = _why_dated(action, who, today, channel=channel, zone=zone)
        return [estimated_sentence(), *why] if d.estimated else why
    why = []
    if d is not None and d.estimated:
        why.append(estimated_sentence())
    if children_first:
        why.append(_children_first(children_first))
    if children_maybe:
        why.append(_children_maybe(children_maybe))
    if d is not None and space_open:
        values = {"legal": weekdaydate(d.legal_deadline), "opens": weekdaydate(d.opens_on), "space": who.space}
        if today == d.opens_on:
            why.append(
                _(
                    "Le délai pour s'opposer a pris fin le %(legal)s : sans opposition enregistrée, %(space)s "
                    "s'ouvre aujourd'hui, %(opens)s."
                )
                % values
            )
        else:
            why.append(
                _(
                    "Le délai pour s'opposer a pris fin le %(legal)s : sans opposition enregistrée, %(space)s "
                    "s'est ouvert le %(opens)s."
                )
                % values
            )
    why.append(_deletion())
    return why


def _why_dated(action: Action, who: Who, today: date, *, channel, zone) -> list[str]:
    """Why the moment of an opposition (a call, a refusal online) is the one shown."""
    d = action.deadlines
    why = []
    phase = action.phase
    if action.limit == Limit.ACT_BY:
        if action.kind == ActionKind.CALL and action.day != d.act_by:
            why.append(
                _("Le dernier jour conseillé tombe le %(act_by)s : %(why_closed)s.")
                % {"act_by": weekdaydate(d.act_by), "why_closed": line_closed(d.act_by, d.departement)}
            )
            why.append(_online_too(who, d.act_by, zone))
        why.append(rule_sentence(d, channel))
        if not who.can_call:
            why += without_phone(action, who, today)
        return why
    # Measured against the legal deadline: the advised day's moment has passed.
    if action.is_fallback:
        why.append(
            _("Le 3422 ne répond plus d'ici la fin du délai légal, le %(legal)s.")
            % {"legal": weekdaydate(d.legal_deadline)}
        )
        why.append(_no_code_then(who, d))
        return why
    if phase == Phase.SAFE:
        why.append(
            _("Le dernier jour conseillé est le %(act_by)s, mais le 3422 ne répond plus d'ici là.")
            % {"act_by": weekdaydate(d.act_by)}
        )
        if action.kind == ActionKind.CALL:
            why.append(_online_too(who, d.act_by, zone))
    else:
        why.append(_("Le dernier jour conseillé, le %(act_by)s, est passé.") % {"act_by": weekdaydate(d.act_by)})
    why.append(_legal_runs(d))
    if action.kind == ActionKind.CALL and action.day != d.legal_deadline:
        why.append(
            _("Le délai légal prend fin le %(legal)s : %(why_closed)s.")
            % {"legal": weekdaydate(d.legal_deadline), "why_closed": line_closed(d.legal_deadline, d.departement)}
        )
        why.append(_online_too(who, d.legal_deadline, zone))
    if d.sent_assumed and not d.estimated:
        why.append(estimate_sentence())
    if not who.can_call:
        why += without_phone(action, who, today)
    why.append(_("Si l'espace s'ouvre quand même, il pourra être clôturé à tout moment."))
    return why


def without_phone(action: Action, who: Who, today: date) -> list[str]:
    """For someone who cannot phone, refusing online: a new code in time, or a written request whose answer,
    due one month after it arrives, comes by the deadline (optout.actions.request_by); or why it cannot."""
    d = action.deadlines
    values = {"name": who.label, "day": weekdaydate(action.day), "opens": weekdaydate(d.opens_on), **facts()}
    if who.is_adult:
        code = _(
            "Sans code provisoire, %(name)s peut en demander un nouveau sur monespacesante.fr dès aujourd'hui : il "
            "doit arriver avant le %(day)s."
        )
    else:
        code = _(
            "Pas de code provisoire ? Demandez-en un nouveau sur monespacesante.fr dès aujourd'hui : il doit arriver "
            "avant le %(day)s."
        )
    by = request_by(d, today)
    if by is None:
        written = _(
            "Une demande écrite à la caisse n'aurait plus sa réponse à temps : la caisse a %(answer_period)s pour répondre. "
            "Sans code provisoire, l'espace s'ouvrira le %(opens)s, et il pourra alors être clôturé."
        )
        return [code % values, written % values]
    values |= {"request_day": weekdaydate(by.day), "answer_by": weekdaydate(by.answer_by)}
    if who.is_adult:
        written = _(
            "L'autre voie : une demande écrite de %(name)s à sa caisse, qui doit la recevoir au plus tard le "
            "%(request_day)s ; sa réponse, due %(answer_period)s après, arrivera ainsi d'ici le %(answer_by)s."
        )
    else:
        written = _(
            "L'autre voie : une demande écrite à la caisse, qui doit la recevoir au plus tard le %(request_day)s ; sa "
            "réponse, due %(answer_period)s après, arrivera ainsi d'ici le %(answer_by)s."
        )
    post = _("Un courriel arrive le jour même ; par la poste, comptez quelques jours de plus.")
    return [code % values, written % values, str(post)]


def _no_code_then(who: Who, d) -> str:
    values = {"name": who.label, "opens": weekdaydate(d.opens_on)}
    if who.is_adult:
        return (
            _(
                "Sans code provisoire, l'opposition n'est plus possible : l'espace s'ouvrira le %(opens)s, et %(name)s "
                "pourra alors le clôturer et demander la suppression de ses données."
            )
            % values
        )
    return (
        _(
            "Sans code provisoire, l'opposition n'est plus possible : l'espace s'ouvrira le %(opens)s, et vous pourrez "
            "alors le clôturer et demander la suppression de ses données."
        )
        % values
    )


def _children_first(names: tuple[str, ...]) -> str:
    listed = ", ".join(names)
    return _(
        "Clôturez d'abord l'espace de %(names)s, puis le vôtre : l'espace d'un enfant se gère depuis celui de son "
        "parent, et des parents ont signalé ne plus pouvoir l'atteindre après avoir clôturé le leur."
    ) % {"names": listed}


def _children_maybe(names: tuple[str, ...]) -> str:
    return _(
        "L'opposition pour %(names)s est encore possible : si son espace s'ouvre aussi, clôturez-le avant le vôtre, "
        "car l'espace d'un enfant se gère depuis celui de son parent."
    ) % {"names": ", ".join(names)}
