"""Which route to recommend, and why. Pure: dates and facts in, advice out."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext_lazy as _

from optout.deadlines import Deadlines, Phase
from optout.vocabulary import CallOutcome, Route

NO_LETTER = "no-letter"
WINDOW_PASSED = "window-passed"
LATE_BUT_LEGAL = "late-but-legal"
LATE_ONLINE_ONLY = "late-online-only"
CODE_IN_HAND = "code-in-hand"
NO_CODE = "no-code"
CODE_UNKNOWN = "code-unknown"

REASONS = {
    NO_LETTER: _(
        "Votre espace est déjà ouvert : la seule démarche possible est de le clôturer. "
        "Vous pouvez le faire à tout moment."
    ),
    WINDOW_PASSED: _(
        "Le délai légal pour s'opposer est passé : l'espace s'ouvre six semaines après l'envoi du courrier. "
        "Vous pouvez le clôturer à tout moment et demander la suppression de ses données."
    ),
    LATE_BUT_LEGAL: _(
        "Il reste peu de jours : le téléphone est le plus rapide, et le 3422 ne demande normalement pas de code."
    ),
    LATE_ONLINE_ONLY: _(
        "Le 3422 ne répond plus d'ici le délai légal : avec le code provisoire, le refus en ligne reste possible "
        "jusqu'au dernier jour, à toute heure."
    ),
    CODE_IN_HAND: _(
        "Vous avez le code provisoire : vous pouvez refuser en ligne à toute heure, et vous obtenez une "
        "attestation en PDF. Si vous utilisez l'application carte Vitale, sans numéro de série imprimé, "
        "préférez le téléphone."
    ),
    NO_CODE: _(
        "Vous n'avez pas de code provisoire : le téléphone ne vous en demande normalement pas. "
        "C'est le plus simple dans votre cas."
    ),
    CODE_UNKNOWN: _(
        "Le téléphone est le plus simple : le 3422 ne demande normalement pas de code provisoire. "
        "Si le courrier contenait un code, vous pouvez aussi refuser en ligne, à toute heure."
    ),
}


@dataclass(frozen=True)
class Recommendation:
    route: str
    reason_code: str

    @property
    def reason(self) -> str:
        return REASONS[self.reason_code]

    @property
    def allowed_routes(self) -> list[str]:
        """Routes a person may still choose: no opposition once the legal deadline has passed."""
        if self.route == Route.CLOSURE:
            return [Route.CLOSURE]
        return [Route.PHONE, Route.ONLINE, Route.CLOSURE]


def recommend_route(*, deadlines: Deadlines | None, had_code: bool | None, today: date) -> Recommendation:
    """`had_code` is None when nobody asked (the calculator): the advice then claims nothing about it."""
    if deadlines is None:
        return Recommendation(Route.CLOSURE, NO_LETTER)
    phase = deadlines.phase(today)
    if phase == Phase.MISSED:
        return Recommendation(Route.CLOSURE, WINDOW_PASSED)
    if phase == Phase.LATE and deadlines.on(today).call_by is None:
        return Recommendation(Route.ONLINE, LATE_ONLINE_ONLY)
    if phase == Phase.LATE:
        return Recommendation(Route.PHONE, LATE_BUT_LEGAL)
    if had_code is None:
        return Recommendation(Route.PHONE, CODE_UNKNOWN)
    if had_code:
        return Recommendation(Route.ONLINE, CODE_IN_HAND)
    return Recommendation(Route.PHONE, NO_CODE)


#: What to do after a call to 3422 that did not work.
CALL_ADVICE = {
    CallOutcome.ASKED_FOR_CODE: _(
        "Quatre plateformes régionales répondent au 3422. Si l'une vous demande un code que vous n'avez jamais "
        "reçu, raccrochez poliment et rappelez : une autre plateforme peut enregistrer votre opposition sans code. "
        "Vous pouvez aussi demander un nouveau code sur monespacesante.fr."
    ),
    CallOutcome.NO_ANSWER: _(
        "Rappelez un peu plus tard, du lundi au vendredi de 8 h 30 à 17 h 30, de préférence avant 17 h, hors jours fériés. "
        "Gardez un œil sur le dernier jour où la ligne répond, indiqué plus haut."
    ),
    CallOutcome.OTHER: _(
        "Si l'opposition n'a pas pu être enregistrée, rappelez : un autre conseiller ou une autre plateforme "
        "pourra vous aider. Notez ce qu'on vous a dit, sans y écrire vos numéros."
    ),
}
