"""The large-print sheet to do the steps together: a relative acts (the call, the card, the code), you help.

One A4 page at 16 pt or more, for whoever reads it with a magnifier in hand (users say the code on
the letter is tiny). It names the relative as the one who acts, gives the next action with its last
moment (optout.actions, in words by `headline`), then, for that action only: what to say on the
phone (first person, for the relative to read aloud), the steps on monespacesante.fr, or the
closure's steps with their own card and code; what to have ready; lines to note the confirmation by
hand. Nothing here holds a number of theirs. Short sentences: a long one would not fit at 16 pt.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from optout.actions import Action, ActionKind
from optout.wording.clock import line_facts
from optout.wording.headline import Headline
from optout.wording.people import Who
from optout.wording.schemes import sender


@dataclass(frozen=True)
class TogetherSheet:
    title: str
    #: Whose steps these are: the relative acts.
    acting: str
    #: The next action, with its last moment.
    instruction: str
    #: Under `steps_title`: what to say on the phone, or what to do on the site.
    steps_title: str
    steps: tuple[str, ...]
    #: Said under the steps: the 3422's hours, or how to get a new code.
    steps_note: str
    ready: tuple[str, ...]
    #: Labels of the lines to fill in by hand, ending with the confirmation.
    notes: tuple[str, ...]
    #: Where to find help in person.
    in_person: str


def _magnifier() -> str:
    return _("Une loupe, si besoin : le code est imprimé en petit")


def together_sheet(action: Action, words: Headline, who: Who, scheme: str | None = None) -> TogetherSheet:
    """The sheet for `who`'s next action (`words`: the same action in words, from `headline`); `scheme`:
    who wrote the letter (optout.vocabulary.Scheme), the sender the sheet names."""
    values = {"name": who.label, "sender": sender(scheme)}
    acting = _("C'est %(name)s qui fait la démarche, avec sa carte Vitale et son code provisoire.") % values
    in_person = _(
        "Pour une aide en personne : les espaces France Services accompagnent les démarches auprès de l'Assurance "
        "Maladie. La mairie indique le plus proche."
    )
    common = {"acting": acting, "instruction": words.instruction, "in_person": in_person}
    if action.kind == ActionKind.CALL:
        return TogetherSheet(
            title=_("Appeler ensemble le 3422"),
            steps_title=_("Ce que %(name)s dit au téléphone :") % values,
            steps=(
                _("« Bonjour. Je m'oppose à la création de mon espace Mon espace santé. »"),
                _("« Voici mon numéro de sécurité sociale, mon nom et mon prénom. »"),
                _("Si on demande un code jamais reçu : raccrocher poliment, puis rappeler."),
            ),
            steps_note=line_facts(),
            ready=(
                _("La carte Vitale de %(name)s : le numéro de sécurité sociale y est inscrit") % values,
                _("Le courrier %(sender)s, avec le code provisoire s'il y en a un") % values,
                _magnifier(),
            ),
            notes=(
                _("Appel du (date et heure) :"),
                _("Plateforme ou conseiller :"),
                _("Opposition enregistrée :   ☐ oui   ☐ non"),
                _("Courriel de confirmation reçu le :"),
            ),
            **common,
        )
    if action.kind == ActionKind.ONLINE:
        new_code = (
            _("Pas de code ? En demander un nouveau sur monespacesante.fr dès aujourd'hui, ou écrire à la caisse.")
            if not who.can_call
            else _("Pas de code ? En demander un nouveau sur monespacesante.fr, ou appeler le 3422.")
        )
        return TogetherSheet(
            title=_("Refuser ensemble, en ligne"),
            steps_title=_("Sur monespacesante.fr, %(name)s :") % values,
            steps=(
                _("saisit le code provisoire du courrier ;"),
                _(
                    "saisit son numéro de sécurité sociale, sa date de naissance, le numéro de série de sa carte Vitale ;"
                ),
                _("choisit de refuser la création de son espace ;"),
                _("enregistre l'attestation de refus en PDF : c'est la preuve."),
            ),
            steps_note=new_code,
            ready=(
                _("La carte Vitale de %(name)s, celle en plastique") % values,
                _("Le courrier %(sender)s, avec le code provisoire") % values,
                _magnifier(),
            ),
            notes=(_("Refus fait le :"), _("Attestation enregistrée le :")),
            **common,
        )
    return TogetherSheet(
        title=_("Clôturer ensemble l'espace"),
        steps_title=_("Sur monespacesante.fr, %(name)s :") % values,
        steps=(
            _("se connecte avec son code provisoire et sa carte Vitale (la première fois, l'espace s'active) ;"),
            _("ouvre son profil, en haut à droite, puis « Paramètres » ;"),
            _("choisit « Clôturer Mon espace santé » ;"),
            _("coche la case qui demande la suppression des données."),
        ),
        steps_note=_("Pas de code ? En demander un nouveau sur monespacesante.fr."),
        ready=(
            _("La carte Vitale de %(name)s") % values,
            _("Un code provisoire, celui du courrier ou un nouveau"),
            _magnifier(),
        ),
        notes=(_("Clôture demandée le :"), _("Confirmation de suppression reçue le :")),
        **common,
    )
