"""The three routes, as data: their steps, what to have ready, where to click.

Pages, emails and services read this module; nothing here touches the
database. Step kinds are stable identifiers stored in Step.kind: a kind that
two routes share (the provisional code) carries over when a case changes
route.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from optout.vocabulary import CaseStatus, Route, StepKind


@dataclass(frozen=True)
class StepSpec:
    kind: str
    title: str
    help: str
    #: The case status reached when this step is marked done, if any.
    completes: str | None = None


@dataclass(frozen=True)
class RouteSpec:
    key: str
    name: str
    summary: str
    have_ready: list[str]
    steps: list[StepSpec]
    source_keys: tuple[str, ...] = field(default=())

    def step(self, kind: str) -> StepSpec | None:
        return next((s for s in self.steps if s.kind == kind), None)

    @property
    def kinds(self) -> list[str]:
        return [s.kind for s in self.steps]


CODE_STEP = StepSpec(
    StepKind.CODE_RECEIVED,
    _("Avoir un code provisoire"),
    _(
        "Le code provisoire figure dans le courrier ou le courriel de l'Assurance Maladie. "
        "Si vous ne l'avez pas ou plus, demandez-en un nouveau sur monespacesante.fr, ou appelez le 3422."
    ),
)

ROUTES = {
    r.key: r
    for r in [
        RouteSpec(
            Route.PHONE,
            _("Par téléphone, au 3422"),
            _(
                "Le 3422 est un service gratuit de l'Assurance Maladie, ouvert du lundi au vendredi "
                "de 8 h 30 à 17 h 30, sauf les jours fériés. Appelez de préférence avant 17 h."
            ),
            have_ready=[
                _("Votre numéro de sécurité sociale (15 caractères, sur la carte Vitale)"),
                _("Le nom et le prénom de la personne concernée"),
                _("Si vous les avez : le code provisoire du courrier et le numéro de série de la carte Vitale"),
                _("Le courrier ou le courriel de l'Assurance Maladie"),
            ],
            steps=[
                StepSpec(
                    StepKind.PREPARE_CALL,
                    _("Préparer l'appel"),
                    _("Rassemblez les numéros ci-dessus. Nous ne vous les demandons pas : gardez-les pour l'appel."),
                ),
                StepSpec(
                    StepKind.CALL,
                    _("Appeler le 3422 et demander l'opposition"),
                    _(
                        "Dites que vous vous opposez à la création de Mon espace santé. Quatre plateformes "
                        "régionales répondent : si l'une vous demande un code que vous n'avez jamais reçu, "
                        "raccrochez poliment et rappelez."
                    ),
                    completes=CaseStatus.OPPOSED,
                ),
                StepSpec(
                    StepKind.CONFIRMATION_EMAIL,
                    _("Recevoir le courriel de confirmation"),
                    _("Un courriel de l'Assurance Maladie confirme l'opposition. Gardez-le."),
                ),
            ],
            source_keys=("R1111-28", "F36151"),
        ),
        RouteSpec(
            Route.ONLINE,
            _("En ligne, avec le code provisoire"),
            _(
                "Sur monespacesante.fr, avec le code provisoire reçu dans le courrier. "
                "Une attestation de refus en PDF vous est remise."
            ),
            have_ready=[
                _("Le code provisoire du courrier (12 caractères selon les guides)"),
                _("Votre numéro de sécurité sociale (15 caractères)"),
                _("Votre date de naissance"),
                _(
                    "Le type de votre carte Vitale et son numéro de série : sur une carte avec photo, "
                    "les 11 derniers chiffres du numéro imprimé à droite de la photo ; sur une carte "
                    "sans photo, 8 ou 13 chiffres au dos, en haut à gauche"
                ),
            ],
            steps=[
                CODE_STEP,
                StepSpec(
                    StepKind.PREPARE_ONLINE,
                    _("Préparer vos numéros"),
                    _(
                        "Ayez sous la main les éléments ci-dessus. Si vous utilisez l'application carte Vitale, "
                        "qui n'a pas de numéro de série imprimé, passez plutôt par le téléphone."
                    ),
                ),
                StepSpec(
                    StepKind.OBJECT_ONLINE,
                    _("Refuser sur monespacesante.fr"),
                    _(
                        "Sur monespacesante.fr, saisissez le code provisoire et vos informations, "
                        "puis choisissez de refuser la création de votre espace."
                    ),
                    completes=CaseStatus.OPPOSED,
                ),
                StepSpec(
                    StepKind.KEEP_PROOF,
                    _("Enregistrer l'attestation de refus"),
                    _("Le site vous remet une attestation en PDF. Enregistrez-la et gardez-la."),
                ),
            ],
            source_keys=("R1111-28", "F36151", "monespacesante"),
        ),
        RouteSpec(
            Route.CLOSURE,
            _("Clôturer un espace déjà ouvert"),
            _(
                "À tout moment, même longtemps après le délai. Cochez la suppression définitive des "
                "données : sans elle, elles sont archivées dix ans."
            ),
            have_ready=[
                _("Un code provisoire (vous pouvez en redemander un sur le site)"),
                _("Votre carte Vitale"),
                _("Votre numéro de sécurité sociale"),
            ],
            steps=[
                CODE_STEP,
                StepSpec(
                    StepKind.CLOSE_SPACE,
                    _("Clôturer l'espace et demander la suppression"),
                    _(
                        "Connectez-vous à monespacesante.fr, ouvrez votre profil (en haut à droite), puis "
                        "« Paramètres » et « Clôturer Mon espace santé ». Cochez la case qui demande la "
                        "suppression définitive des données."
                    ),
                    completes=CaseStatus.CLOSURE_REQUESTED,
                ),
                StepSpec(
                    StepKind.CLOSURE_CONFIRMED,
                    _("Recevoir la confirmation de suppression"),
                    _(
                        "La suppression est faite dans les trois mois suivant la demande, et l'Assurance Maladie "
                        "vous en informe. Si rien n'arrive, appelez le 3422."
                    ),
                    completes=CaseStatus.CLOSED,
                ),
            ],
            source_keys=("R1111-33", "R1111-36", "senat-2022"),
        ),
    ]
}

ROUTE_CHOICES = [(key, route.name) for key, route in ROUTES.items()]

#: Every step kind, with its title, whichever route it belongs to (for timelines).
STEP_TITLES = {s.kind: s.title for route in ROUTES.values() for s in route.steps}
