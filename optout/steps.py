"""A route's steps as data: the shape of a step and of a route, and the steps two routes share.

A step's kind is the stable identifier stored in Step.kind; the provisional code is a kind
that two routes share (`CODE_STEP`, and for a closure `CLOSURE_CODE_STEP`), so it carries
over when a case changes route. The routes themselves are in optout/routes.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from optout.vocabulary import StepKind
from optout.wording.clock import line_hours
from optout.wording.facts import facts
from optout.wording.people import Said, Who


@dataclass(frozen=True)
class StepSpec:
    kind: str
    title: str
    help: Said
    #: The case status reached when this step is marked done, if any.
    completes: str | None = None
    #: The help for someone who cannot phone, when `help` mentions the phone.
    help_no_phone: Said | None = None

    def help_for(self, who: Who, scheme: str | None = None) -> str:
        """The step's help for `who`, naming the letter's sender (`scheme`: optout.vocabulary.Scheme); for
        someone who cannot phone, the version that never sends them to the 3422."""
        if not who.can_call and self.help_no_phone is not None:
            return self.help_no_phone.to(who, scheme)
        return self.help.to(who, scheme)


@dataclass(frozen=True)
class RouteSpec:
    key: str
    name: str
    #: What the route is, in a sentence or two; `%(hours)s` stands for the 3422's hours.
    about: str
    have_ready: list[Said]
    steps: list[StepSpec]
    source_keys: tuple[str, ...] = field(default=())

    def summary_for(self, time_zone: str | None = None, on=None) -> str:
        """What the route is, with the 3422's hours on the reader's clock too (optout.wording.clock)."""
        return str(self.about) % {"hours": line_hours(time_zone, on), **facts()}

    def have_ready_for(self, who: Who, scheme: str | None = None) -> list[str]:
        return [item.to(who, scheme) for item in self.have_ready]

    def step(self, kind: str) -> StepSpec | None:
        return next((s for s in self.steps if s.kind == kind), None)

    @property
    def kinds(self) -> list[str]:
        return [s.kind for s in self.steps]


CODE_STEP = StepSpec(
    StepKind.CODE_RECEIVED,
    _("Avoir un code provisoire"),
    Said(
        _(
            "Le code provisoire figure dans le courrier ou le courriel %(sender)s. Perdu, "
            "jamais reçu ou expiré : demandez-en un nouveau sur monespacesante.fr, ou passez par le téléphone."
        ),
        _(
            "Le code provisoire figure dans le courrier ou le courriel %(sender)s. Perdu, "
            "jamais reçu ou expiré : demandez-en un nouveau sur monespacesante.fr, ou passez par le téléphone."
        ),
        adult=_(
            "Le code provisoire figure dans le courrier ou le courriel %(sender)s que %(name)s a reçu. Perdu, "
            "jamais reçu ou expiré : %(name)s peut en demander un nouveau sur monespacesante.fr, "
            "ou passer par le téléphone."
        ),
    ),
    help_no_phone=Said(
        _(
            "Le code provisoire figure dans le courrier ou le courriel de l'Assurance Maladie. Perdu, jamais reçu ou "
            "expiré : demandez-en un nouveau sur monespacesante.fr dès aujourd'hui, ou écrivez à la caisse."
        ),
        _(
            "Le code provisoire figure dans le courrier ou le courriel de l'Assurance Maladie. Perdu, jamais reçu ou "
            "expiré : demandez-en un nouveau sur monespacesante.fr dès aujourd'hui, ou écrivez à la caisse."
        ),
        adult=_(
            "Le code provisoire figure dans le courrier ou le courriel que %(name)s a reçu de l'Assurance Maladie. "
            "Perdu, jamais reçu ou expiré : %(name)s peut en demander un nouveau sur monespacesante.fr dès "
            "aujourd'hui, ou écrire à sa caisse."
        ),
    ),
)

#: For a closure: the code opens the space (to activate it, then to close it); the 3422 cannot stand in.
CLOSURE_CODE_STEP = StepSpec(
    StepKind.CODE_RECEIVED,
    _("Avoir un code provisoire"),
    Said(
        _(
            "Clôturer l'espace demande un code provisoire et la carte Vitale. Le code figure dans le courrier ou "
            "le courriel %(sender)s. Perdu, jamais reçu ou expiré : demandez-en un nouveau sur "
            "monespacesante.fr."
        ),
        _(
            "Clôturer l'espace demande un code provisoire et la carte Vitale. Le code figure dans le courrier ou "
            "le courriel %(sender)s. Perdu, jamais reçu ou expiré : demandez-en un nouveau sur "
            "monespacesante.fr."
        ),
        adult=_(
            "Clôturer l'espace demande un code provisoire et la carte Vitale de %(name)s. Le code figure dans le "
            "courrier ou le courriel %(sender)s que %(name)s a reçu. Perdu, jamais reçu ou expiré : "
            "%(name)s peut en demander un nouveau sur monespacesante.fr."
        ),
    ),
)

NIR = Said(
    _("Votre numéro de sécurité sociale (15 caractères, sur la carte Vitale)"),
    _("Le numéro de sécurité sociale indiqué sur le courrier de %(name)s (15 caractères)"),
)
