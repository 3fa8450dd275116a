"""Which route to recommend, and why; what to do after a failed call. Pure: dates and facts in, advice out.

The advice follows the next actions (optout/actions.py): it never recommends a
route whose moments have all passed, and its reasons are phrased for whoever acts
(`Said`: you, for yourself or for a child or a represented adult; another adult
of the household, or a relative you help, who acts themself). For someone who
cannot phone (`can_call=False`) it never advises the phone: online with the code,
or a new code, or a written request in time (optout.actions.request_by).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from optout.actions import ActionKind, Limit, action_for, possible_routes
from optout.deadlines import Deadlines
from optout.vocabulary import CallOutcome, Relation, Route
from optout.wording.clock import line_hours, longdate
from optout.wording.people import Said, Who

NO_LETTER = "no-letter"
WINDOW_PASSED = "window-passed"
LATE_BUT_LEGAL = "late-but-legal"
LATE_ONLINE_ONLY = "late-online-only"
CODE_IN_HAND = "code-in-hand"
NO_CODE = "no-code"
CODE_UNKNOWN = "code-unknown"
NO_PHONE = "no-phone"

_PLATFORMS = _(
    "Certaines plateformes du 3422 demandent le code provisoire : si on vous en demande un que vous n'avez pas, "
    "rappelez, ou demandez un nouveau code sur monespacesante.fr."
)
_FASTEST = _("Le téléphone est le plus rapide : l'opposition est enregistrée pendant l'appel.")
_PLATFORMS_ADULT = _(
    "Certaines plateformes du 3422 demandent le code provisoire : si on en demande un à %(name)s, il suffit de "
    "rappeler, ou d'en demander un nouveau sur monespacesante.fr."
)

REASONS = {
    NO_LETTER: Said(
        _(
            "Votre espace est déjà ouvert : la seule démarche possible est de le clôturer. "
            "Vous pouvez le faire à tout moment."
        ),
        _(
            "L'espace de %(name)s est déjà ouvert : la seule démarche possible est de le clôturer. "
            "C'est possible à tout moment."
        ),
    ),
    WINDOW_PASSED: Said(
        _(
            "Le délai légal pour s'opposer est passé : l'espace s'ouvre %(opposition_period)s après l'envoi du courrier. "
            "Vous pouvez le clôturer à tout moment et demander la suppression de ses données."
        ),
        _(
            "Le délai légal pour s'opposer est passé : l'espace s'ouvre %(opposition_period)s après l'envoi du courrier. "
            "Il peut être clôturé à tout moment, avec la suppression de ses données."
        ),
    ),
    LATE_BUT_LEGAL: Said(
        format_lazy("{} {}", _FASTEST, _PLATFORMS),
        format_lazy("{} {}", _FASTEST, _PLATFORMS),
        adult=format_lazy("{} {}", _FASTEST, _PLATFORMS_ADULT),
    ),
    LATE_ONLINE_ONLY: Said(
        _(
            "Le 3422 ne répond plus d'ici le délai légal : avec le code provisoire, le refus en ligne reste possible "
            "jusqu'au dernier jour, à toute heure."
        ),
        _(
            "Le 3422 ne répond plus d'ici le délai légal : avec le code provisoire de %(name)s, le refus en ligne "
            "reste possible jusqu'au dernier jour, à toute heure."
        ),
        adult=_(
            "Le 3422 ne répond plus d'ici le délai légal : avec son code provisoire, %(name)s peut encore refuser "
            "en ligne jusqu'au dernier jour, à toute heure."
        ),
    ),
    CODE_IN_HAND: Said(
        _(
            "Vous avez le code provisoire : vous pouvez refuser en ligne à toute heure, et vous obtenez une "
            "attestation en PDF. Le numéro de série demandé est sur la carte Vitale, celle en plastique, que vous "
            "gardez même si vous utilisez l'application."
        ),
        _(
            "Vous avez le code provisoire de %(name)s : vous pouvez refuser en ligne à toute heure, et vous obtenez "
            "une attestation en PDF. Le numéro de série demandé est sur la carte Vitale, celle en plastique."
        ),
        adult=_(
            "%(name)s a son code provisoire : le refus en ligne est possible à toute heure, avec une attestation en "
            "PDF. Le numéro de série demandé est sur sa carte Vitale, celle en plastique."
        ),
    ),
    NO_CODE: Said(
        format_lazy("{} {}", _("Vous n'avez pas de code provisoire : le téléphone est le plus simple."), _PLATFORMS),
        format_lazy(
            "{} {}",
            _("Vous n'avez pas de code provisoire pour %(name)s : le téléphone est le plus simple."),
            _PLATFORMS,
        ),
        adult=format_lazy(
            "{} {}", _("%(name)s n'a pas de code provisoire : le téléphone est le plus simple."), _PLATFORMS_ADULT
        ),
    ),
    NO_PHONE: Said(
        _(
            "Sans téléphone, le refus se fait en ligne, à toute heure, avec le code provisoire du courrier. Pas de "
            "code ? Demandez-en un nouveau sur monespacesante.fr dès aujourd'hui. L'autre voie est une demande "
            "écrite à votre caisse, à envoyer tôt : elle a %(answer_period)s pour répondre."
        ),
        _(
            "Sans téléphone, le refus se fait en ligne, à toute heure, avec le code provisoire de %(name)s. Pas de "
            "code ? Demandez-en un nouveau sur monespacesante.fr dès aujourd'hui. L'autre voie est une demande "
            "écrite à la caisse, à envoyer tôt : elle a %(answer_period)s pour répondre."
        ),
        adult=_(
            "Sans téléphone, %(name)s refuse en ligne, à toute heure, avec son code provisoire. Pas de code ? "
            "%(name)s peut en demander un nouveau sur monespacesante.fr dès aujourd'hui. L'autre voie est une "
            "demande écrite à sa caisse, à envoyer tôt : elle a %(answer_period)s pour répondre."
        ),
    ),
    CODE_UNKNOWN: Said(
        format_lazy(
            "{} {} {}",
            _("Le téléphone est le plus simple."),
            _PLATFORMS,
            _("Avec le code provisoire, le refus en ligne est possible aussi, à toute heure."),
        ),
    ),
}


@dataclass(frozen=True)
class Recommendation:
    route: str
    reason_code: str
    #: The routes still possible at the moment of the advice (optout.actions.possible_routes).
    allowed_routes: tuple[str, ...] = (Route.PHONE, Route.ONLINE, Route.CLOSURE)

    @property
    def reason(self) -> str:
        """For the reader themself (the calculator)."""
        return self.reason_for(Who(relation=Relation.SELF, label=""))

    def reason_for(self, who: Who) -> str:
        return REASONS[self.reason_code].to(who)


def recommend_route(
    *, deadlines: Deadlines | None, had_code: bool | None, now: datetime, can_call: bool = True
) -> Recommendation:
    """`had_code` is None when nobody asked (the calculator): the advice then claims nothing about it.
    `can_call` False: whoever acts cannot phone; the phone is neither advised nor offered."""
    allowed = tuple(possible_routes(deadlines, now=now, can_call=can_call))
    if deadlines is None:
        return Recommendation(Route.CLOSURE, NO_LETTER, allowed)
    phone = action_for(deadlines, route=Route.PHONE, now=now)
    online = action_for(deadlines, route=Route.ONLINE, now=now)
    if online.kind == ActionKind.CLOSE:
        return Recommendation(Route.CLOSURE, WINDOW_PASSED, allowed)
    if not can_call:
        return Recommendation(Route.ONLINE, CODE_IN_HAND if had_code else NO_PHONE, allowed)
    if phone.kind != ActionKind.CALL:
        return Recommendation(Route.ONLINE, LATE_ONLINE_ONLY, allowed)
    if phone.limit == Limit.LEGAL:
        # The advised day is out of the phone's reach: the quickest way still in time.
        return Recommendation(Route.PHONE, LATE_BUT_LEGAL, allowed)
    if had_code is None:
        return Recommendation(Route.PHONE, CODE_UNKNOWN, allowed)
    if had_code:
        return Recommendation(Route.ONLINE, CODE_IN_HAND, allowed)
    return Recommendation(Route.PHONE, NO_CODE, allowed)


def route_refusal(route: str, *, deadlines: Deadlines | None, now: datetime, can_call: bool = True) -> str | None:
    """Why `route` can no longer be taken, for a form's error, or None while it can. The one home of the
    routes allowed: a route is possible while one of its moments is still to come
    (optout.actions.possible_routes), never the phone for someone who cannot call; the advice offers
    only those (`Recommendation.allowed_routes`) and the services refuse the others with this sentence."""
    if route in possible_routes(deadlines, now=now, can_call=can_call):
        return None
    if route == Route.PHONE and not can_call:
        return gettext(
            "Vous avez indiqué que le téléphone n'est pas possible pour cette personne : choisissez le refus en "
            "ligne, ou changez cette réponse dans « Personnes suivies »."
        )
    if deadlines is None:
        return gettext("Sans courrier, l'espace est déjà ouvert : seule la clôture est possible.")
    if route == Route.PHONE and Route.ONLINE in possible_routes(deadlines, now=now):
        return gettext(
            "Le 3422 ne répond plus d'ici la fin du délai légal, le %(date)s. Avec le code provisoire, "
            "l'opposition reste possible en ligne jusqu'à ce jour-là."
        ) % {"date": longdate(deadlines.legal_deadline)}
    return gettext(
        "Le délai légal est passé le %(date)s : l'espace est ouvert. "
        "Il n'est plus possible de s'y opposer, mais vous pouvez le clôturer."
    ) % {"date": longdate(deadlines.legal_deadline)}


def call_advice(outcome: str, who: Who, time_zone: str | None = None) -> str:
    """What to do after a call to the 3422 that did not work, said to whoever calls (the line's hours on
    their clock too, overseas)."""
    values = {"hours": line_hours(time_zone), "name": who.label}
    texts = _CALL_ADVICE_ADULT if who.is_adult else _CALL_ADVICE
    text = texts.get(outcome)
    return str(text) % values if text else ""


_CALL_ADVICE = {
    CallOutcome.ASKED_FOR_CODE: _(
        "Quatre plateformes régionales répondent au 3422, et certaines demandent le code provisoire. "
        "Raccrochez poliment et rappelez : vous tomberez peut-être sur une autre plateforme. Vous pouvez "
        "aussi demander un nouveau code sur monespacesante.fr."
    ),
    CallOutcome.NO_ANSWER: _(
        "Rappelez un peu plus tard, %(hours)s. Gardez un œil sur la date indiquée en haut de la page."
    ),
    CallOutcome.OTHER: _(
        "Si l'opposition n'a pas pu être enregistrée, rappelez : un autre conseiller ou une autre plateforme "
        "pourra vous aider. Notez ce qu'on vous a dit, sans y écrire vos numéros."
    ),
}
_CALL_ADVICE_ADULT = {
    CallOutcome.ASKED_FOR_CODE: _(
        "Quatre plateformes régionales répondent au 3422, et certaines demandent le code provisoire. "
        "%(name)s peut rappeler : l'appel tombera peut-être sur une autre plateforme. %(name)s peut aussi "
        "demander un nouveau code sur monespacesante.fr."
    ),
    CallOutcome.NO_ANSWER: _(
        "%(name)s peut rappeler un peu plus tard, %(hours)s. Gardez un œil sur la date indiquée en haut de la page."
    ),
    CallOutcome.OTHER: _(
        "Si l'opposition n'a pas pu être enregistrée, %(name)s peut rappeler : un autre conseiller ou une "
        "autre plateforme pourra l'aider. Notez ce qui a été dit, sans y écrire de numéros."
    ),
}
