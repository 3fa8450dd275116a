"""The three routes, as data: their steps, what to have ready, where to click.

Pages, emails and services read this module; nothing here touches the
database. Step kinds are stable identifiers stored in Step.kind: a kind that
two routes share (the provisional code) carries over when a case changes
route. Texts that name the person, or the letter's sender, are `Said`
(optout/wording/people.py): read them with `have_ready_for(who, scheme)` and
`help_for(who, scheme)`. The shape of a step and of a route, and the steps two routes share,
are in optout/steps.py.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from optout.steps import CLOSURE_CODE_STEP, CODE_STEP, NIR, RouteSpec, StepSpec
from optout.vocabulary import CaseStatus, Route, StepKind
from optout.wording.people import Said

__all__ = ["CODE_STEP", "ROUTES", "ROUTE_CHOICES", "STEP_TITLES", "RouteSpec", "StepSpec"]


ROUTES = {
    r.key: r
    for r in [
        RouteSpec(
            Route.PHONE,
            _("Par téléphone, au 3422"),
            _(
                "Un appel à l'Assurance Maladie, %(hours)s. Le service est gratuit ; l'appel est payé au prix d'une "
                "communication ordinaire."
            ),
            have_ready=[
                NIR,
                Said(_("Vos nom et prénom"), _("Le nom et le prénom de %(name)s")),
                Said(
                    _("Si vous les avez : le code provisoire du courrier et le numéro de série de la carte Vitale"),
                    _("Si vous les avez : le code provisoire du courrier et le numéro de série de la carte Vitale"),
                    adult=_("Si %(name)s les a : son code provisoire et le numéro de série de sa carte Vitale"),
                ),
                Said(_("Le courrier ou le courriel %(sender)s")),
            ],
            steps=[
                StepSpec(
                    StepKind.PREPARE_CALL,
                    _("Préparer l'appel"),
                    Said(
                        _(
                            "Rassemblez ce qui figure dans « À avoir sous la main ». "
                            "Nous ne vous le demandons pas : gardez-le pour l'appel."
                        ),
                        _(
                            "Rassemblez ce qui figure dans « À avoir sous la main ». "
                            "Nous ne vous le demandons pas : gardez-le pour l'appel."
                        ),
                        adult=_(
                            "%(name)s rassemble ce qui figure dans « À avoir sous la main » et le garde pour "
                            "l'appel. Nous ne demandons jamais ces numéros."
                        ),
                    ),
                ),
                StepSpec(
                    StepKind.CALL,
                    _("Appeler le 3422 et demander l'opposition"),
                    Said(
                        _(
                            "Dites que vous vous opposez à la création de votre espace Mon espace santé. "
                            "Quatre plateformes régionales répondent : si l'une vous demande un code que vous "
                            "n'avez jamais reçu, raccrochez poliment et rappelez."
                        ),
                        _(
                            "Dites que vous appelez pour votre enfant, %(name)s, et que vous vous opposez à la "
                            "création de son espace Mon espace santé. Quatre plateformes régionales répondent : "
                            "si l'une vous demande un code que vous n'avez jamais reçu, raccrochez poliment et "
                            "rappelez."
                        ),
                        _(
                            "Dites que vous représentez légalement %(name)s et que vous vous opposez, en son nom, "
                            "à la création de son espace Mon espace santé. Quatre plateformes régionales "
                            "répondent : si l'une vous demande un code que vous n'avez jamais reçu, raccrochez "
                            "poliment et rappelez."
                        ),
                        adult=_(
                            "%(name)s appelle et dit s'opposer à la création de son espace Mon espace santé : "
                            "l'appel doit venir de la personne concernée. Quatre plateformes régionales répondent : "
                            "si l'une demande un code jamais reçu, il suffit de raccrocher poliment et de rappeler."
                        ),
                    ),
                    completes=CaseStatus.OPPOSED,
                ),
                StepSpec(
                    StepKind.CONFIRMATION_EMAIL,
                    _("Recevoir le courriel de confirmation"),
                    Said(
                        _("Un courriel de l'Assurance Maladie confirme l'opposition. Gardez-le."),
                        _("Un courriel de l'Assurance Maladie confirme l'opposition. Gardez-le."),
                        adult=_(
                            "Un courriel de l'Assurance Maladie confirme l'opposition à %(name)s : c'est la "
                            "preuve, à garder."
                        ),
                    ),
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
                Said(
                    _("Le code provisoire du courrier (12 caractères selon les guides)"),
                    _("Le code provisoire du courrier de %(name)s (12 caractères selon les guides)"),
                ),
                Said(
                    _("Votre numéro de sécurité sociale (15 caractères)"),
                    _("Le numéro de sécurité sociale indiqué sur le courrier de %(name)s (15 caractères)"),
                ),
                Said(_("Votre date de naissance"), _("La date de naissance de %(name)s")),
                Said(
                    _(
                        "Le type de votre carte Vitale et son numéro de série : sur une carte avec photo, "
                        "les 11 derniers chiffres du numéro imprimé à droite de la photo ; sur une carte "
                        "sans photo, 8 ou 13 chiffres au dos, en haut à gauche"
                    ),
                    _(
                        "Le type et le numéro de série de la carte Vitale de %(name)s, ou de la vôtre si "
                        "%(name)s y figure : sur une carte avec photo, les 11 derniers chiffres du numéro "
                        "imprimé à droite de la photo ; sur une carte sans photo, 8 ou 13 chiffres au dos, "
                        "en haut à gauche"
                    ),
                    _(
                        "Le type de la carte Vitale de %(name)s et son numéro de série : sur une carte avec "
                        "photo, les 11 derniers chiffres du numéro imprimé à droite de la photo ; sur une carte "
                        "sans photo, 8 ou 13 chiffres au dos, en haut à gauche"
                    ),
                ),
            ],
            steps=[
                CODE_STEP,
                StepSpec(
                    StepKind.PREPARE_ONLINE,
                    _("Préparer les numéros"),
                    Said(
                        _(
                            "Ayez sous la main ce qui figure dans « À avoir sous la main ». Le numéro de série est "
                            "sur la carte Vitale en plastique, même si vous utilisez l'application carte Vitale."
                        ),
                        _(
                            "Ayez sous la main ce qui figure dans « À avoir sous la main ». Le numéro de série est "
                            "sur la carte Vitale en plastique, même si vous utilisez l'application carte Vitale."
                        ),
                        adult=_(
                            "%(name)s rassemble ce qui figure dans « À avoir sous la main ». Le numéro de série est "
                            "sur sa carte Vitale en plastique, même avec l'application carte Vitale."
                        ),
                    ),
                ),
                StepSpec(
                    StepKind.OBJECT_ONLINE,
                    _("Refuser sur monespacesante.fr"),
                    Said(
                        _(
                            "Sur monespacesante.fr, saisissez le code provisoire et vos informations, "
                            "puis choisissez de refuser la création de votre espace."
                        ),
                        _(
                            "Sur monespacesante.fr, saisissez le code provisoire et les informations de %(name)s, "
                            "puis choisissez de refuser la création de son espace."
                        ),
                        adult=_(
                            "Sur monespacesante.fr, %(name)s saisit son code provisoire et ses informations, "
                            "puis choisit de refuser la création de son espace."
                        ),
                    ),
                    completes=CaseStatus.OPPOSED,
                ),
                StepSpec(
                    StepKind.KEEP_PROOF,
                    _("Enregistrer l'attestation de refus"),
                    Said(
                        _("Le site remet une attestation en PDF. Enregistrez-la et gardez-la : c'est la preuve."),
                        _("Le site remet une attestation en PDF. Enregistrez-la et gardez-la : c'est la preuve."),
                        adult=_(
                            "Le site remet à %(name)s une attestation en PDF : c'est la preuve, à enregistrer et "
                            "à garder."
                        ),
                    ),
                ),
            ],
            source_keys=("R1111-28", "F36151", "monespacesante"),
        ),
        RouteSpec(
            Route.CLOSURE,
            _("Clôturer un espace déjà ouvert"),
            _(
                "À tout moment, même longtemps après le délai. Cochez la suppression définitive des "
                "données : sans elle, elles sont archivées %(archive_period)s."
            ),
            have_ready=[
                Said(
                    _("Un code provisoire : vous pouvez en redemander un sur monespacesante.fr"),
                    _("Un code provisoire : vous pouvez en redemander un sur monespacesante.fr"),
                    adult=_("Un code provisoire : %(name)s peut en redemander un sur monespacesante.fr"),
                ),
                Said(
                    _("Votre carte Vitale"),
                    _("Votre carte Vitale : l'espace d'un enfant se gère depuis le profil du parent"),
                    _("La carte Vitale de %(name)s"),
                ),
                Said(_("Votre numéro de sécurité sociale"), _("Le numéro de sécurité sociale de %(name)s")),
            ],
            steps=[
                CLOSURE_CODE_STEP,
                StepSpec(
                    StepKind.CLOSE_SPACE,
                    _("Clôturer l'espace et demander la suppression"),
                    Said(
                        _(
                            "Sur monespacesante.fr, si vous n'avez jamais créé d'identifiants, activez d'abord "
                            "votre espace avec le code provisoire et la carte Vitale. Puis ouvrez votre profil "
                            "(en haut à droite), « Paramètres » et « Clôturer Mon espace santé ». Cochez la case "
                            "qui demande la suppression définitive des données."
                        ),
                        _(
                            "Sur monespacesante.fr, connectez-vous avec vos propres identifiants : l'espace d'un enfant "
                            "se gère depuis le profil du parent. Passez au profil de %(name)s, puis « Paramètres » et "
                            "« Clôturer Mon espace santé ». Cochez la case qui demande la suppression définitive "
                            "des données. Clôturez les espaces des enfants avant le vôtre."
                        ),
                        _(
                            "Sur monespacesante.fr, connectez-vous à l'espace de %(name)s ; s'il n'a jamais été "
                            "activé, activez-le d'abord avec son code provisoire et sa carte Vitale. Puis ouvrez le "
                            "profil (en haut à droite), « Paramètres » et « Clôturer Mon espace santé ». Cochez la "
                            "case qui demande la suppression définitive des données."
                        ),
                        adult=_(
                            "Sur monespacesante.fr, %(name)s se connecte à son espace ; s'il n'a jamais été activé, "
                            "avec son code provisoire et sa carte Vitale. Puis le profil (en haut à droite), "
                            "« Paramètres » et « Clôturer Mon espace santé », en cochant la case qui demande la "
                            "suppression définitive des données."
                        ),
                    ),
                    completes=CaseStatus.CLOSURE_REQUESTED,
                ),
                StepSpec(
                    StepKind.CLOSURE_CONFIRMED,
                    _("Recevoir la confirmation de suppression"),
                    Said(
                        _(
                            "La suppression est faite dans les %(deletion_period)s suivant la demande, et l'Assurance "
                            "Maladie vous en informe. Si rien n'arrive, appelez le 3422."
                        ),
                        _(
                            "La suppression est faite dans les %(deletion_period)s suivant la demande, et l'Assurance "
                            "Maladie vous en informe. Si rien n'arrive, appelez le 3422."
                        ),
                        adult=_(
                            "La suppression est faite dans les %(deletion_period)s suivant la demande, et l'Assurance "
                            "Maladie en informe %(name)s. Si rien n'arrive, %(name)s peut appeler le 3422."
                        ),
                    ),
                    completes=CaseStatus.CLOSED,
                    help_no_phone=Said(
                        _(
                            "La suppression est faite dans les %(deletion_period)s suivant la demande, et l'Assurance "
                            "Maladie vous en informe. Si rien n'arrive, écrivez à votre caisse."
                        ),
                        _(
                            "La suppression est faite dans les %(deletion_period)s suivant la demande, et l'Assurance "
                            "Maladie vous en informe. Si rien n'arrive, écrivez à votre caisse."
                        ),
                        adult=_(
                            "La suppression est faite dans les %(deletion_period)s suivant la demande, et l'Assurance "
                            "Maladie en informe %(name)s. Si rien n'arrive, %(name)s peut écrire à sa caisse."
                        ),
                    ),
                ),
            ],
            source_keys=("R1111-36", "senat-2022"),
        ),
    ]
}

ROUTE_CHOICES = [(key, route.name) for key, route in ROUTES.items()]

#: Every step kind, with its title, whichever route it belongs to (for timelines).
STEP_TITLES = {s.kind: s.title for route in ROUTES.values() for s in route.steps}
