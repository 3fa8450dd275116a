"""Whose case it is: the words that name the person, true for yourself, a child, a represented adult,
another adult of the household, or a relative you help.

Pages and emails say « votre espace » to someone about their own space, and
« l'espace de Léa » about someone else's, with who does the steps: you for a
child (« c'est vous, son parent, qui faites la démarche ») or a represented adult;
the person themself for another adult of the household, whom you only help
follow the dates (they call or go online with their own card and code), and likewise a relative
you help, who acts themself while you organise. Texts that name the person come in variants
(`Said`); `Who` picks the right one in the current language. `Who.can_call` is the person's answer
to « Pouvez-vous téléphoner ? »: when no, no sentence sends them to the phone. Emails build `Who` with a placeholder for the name, filled in later
(optout/emails.py), so a name is never part of a cached rendering.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from optout.vocabulary import ACTS_THEMSELF, CallOutcome, Relation, Route
from optout.wording.clock import month_year
from optout.wording.facts import facts
from optout.wording.schemes import sender


@dataclass(frozen=True)
class Said:
    """One text, as said to the person about themself and about someone else (with %(name)s).

    A text may also name who sent the letter, %(sender)s (« de la MSA »): `to` fills it in from the
    letter's scheme, and says « de l'Assurance Maladie » when it is not known.
    """

    self: str
    child: str | None = None
    #: Defaults to the child's text.
    represented: str | None = None
    #: Another adult of the household, who acts themself. Defaults to `represented`, then `child`.
    adult: str | None = None
    #: A relative you help, who acts themself. Defaults to `adult`, then `represented`, then `child`.
    helped: str | None = None

    def to(self, who: Who, scheme: str | None = None) -> str:
        values = {"name": who.label, "sender": sender(scheme), **facts()}
        if who.is_self or self.child is None:
            return str(self.self) % values
        variants = {
            Relation.CHILD: [self.child],
            Relation.REPRESENTED: [self.represented, self.child],
            Relation.ADULT: [self.adult, self.represented, self.child],
            Relation.HELPED: [self.helped, self.adult, self.represented, self.child],
        }[who.relation]
        return str(next(text for text in variants if text)) % values


@dataclass(frozen=True)
class Who:
    relation: str
    label: str
    #: Whoever takes the steps can phone (« Pouvez-vous téléphoner ? »); when not, never the phone.
    can_call: bool = True

    @classmethod
    def of(cls, person) -> Who:
        """Anything with a `relation` and a `label` (a Person), and `can_call` if it says."""
        return cls(relation=person.relation, label=person.label, can_call=getattr(person, "can_call", True))

    @property
    def is_self(self) -> bool:
        return self.relation == Relation.SELF

    @property
    def is_child(self) -> bool:
        return self.relation == Relation.CHILD

    @property
    def is_adult(self) -> bool:
        """Another adult who takes the steps themself: of the household, or a relative you help."""
        return self.relation in ACTS_THEMSELF

    @property
    def is_helped(self) -> bool:
        """A relative you help: they act, you organise (the large-print sheet, the mandate)."""
        return self.relation == Relation.HELPED

    @property
    def space(self) -> str:
        """« votre espace » / « l'espace de Léa »."""
        if self.is_self:
            return _("votre espace")
        return _("l'espace de %(name)s") % {"name": self.label}

    @property
    def space_cap(self) -> str:
        space = self.space
        return space[:1].upper() + space[1:]

    @property
    def acting(self) -> str:
        """Who does the steps, when it is not the person themself; else empty."""
        if self.is_self:
            return ""
        if self.is_child:
            return _("C'est vous, son parent, qui faites la démarche pour %(name)s.") % {"name": self.label}
        if self.is_adult:
            return _acting_themself(self)
        return _("C'est vous, son représentant légal, qui faites la démarche pour %(name)s.") % {"name": self.label}

    @property
    def case_title(self) -> str:
        """« Votre démarche » / « La démarche pour Léa »."""
        if self.is_self:
            return _("Votre démarche")
        return _("La démarche pour %(label)s") % {"label": self.label}

    @property
    def for_whom(self) -> str:
        """An empty suffix for oneself, « (Léa) » for someone else: for subjects and titles."""
        return "" if self.is_self else f" ({self.label})"


def _acting_themself(who: Who) -> str:
    values = {"name": who.label}
    if who.is_helped and who.can_call:
        return (
            _(
                "C'est %(name)s qui fait la démarche : l'appel au 3422 ou le site, sa carte Vitale, son code "
                "provisoire. Vous l'aidez à tout préparer et vous suivez les dates."
            )
            % values
        )
    if who.is_helped:
        return (
            _(
                "C'est %(name)s qui fait la démarche, en ligne, avec sa carte Vitale et son code provisoire. Vous "
                "l'aidez à tout préparer et vous suivez les dates."
            )
            % values
        )
    if who.can_call:
        return (
            _(
                "C'est à %(name)s de faire la démarche : appeler le 3422 ou aller en ligne, avec sa propre carte "
                "Vitale et son code provisoire. Vous suivez les dates pour l'aider."
            )
            % values
        )
    return (
        _(
            "C'est à %(name)s de faire la démarche, en ligne, avec sa propre carte Vitale et son code provisoire. "
            "Vous suivez les dates pour l'aider."
        )
        % values
    )


def opposed(who: Who, route: str) -> str:
    """What an opposition done leaves: the space will not be created, and the proof to keep."""
    values = {"space": who.space, "name": who.label}
    if route == Route.ONLINE:
        if who.is_adult:
            return (
                _(
                    "L'opposition est faite : %(space)s ne sera pas créé. L'attestation de refus en PDF est la preuve : "
                    "%(name)s la garde."
                )
                % values
            )
        return (
            _(
                "L'opposition est faite : %(space)s ne sera pas créé. Gardez l'attestation de refus en PDF : c'est la "
                "preuve."
            )
            % values
        )
    if who.is_adult:
        return (
            _(
                "L'opposition est faite : %(space)s ne sera pas créé. Le courriel de confirmation de l'Assurance Maladie "
                "est la preuve : %(name)s le garde."
            )
            % values
        )
    return (
        _(
            "L'opposition est faite : %(space)s ne sera pas créé. Gardez le courriel de confirmation de l'Assurance "
            "Maladie : c'est la preuve."
        )
        % values
    )


def called(person) -> str:
    """How a page names the person a case is for: « Vous » for yourself, else the label you gave."""
    if person.relation == Relation.SELF:
        return pgettext("the person a case is for", "Vous")
    return person.label


def letter_labels(who: Who) -> dict[str, str]:
    """The new case's letter form, phrased for whose letter it is and who will act."""
    values = {"name": who.label}
    if who.is_self:
        return {
            "title": _("Le courrier de l'Assurance Maladie"),
            "letter": _("J'ai reçu un courrier ou un courriel au sujet de Mon espace santé"),
            "no_letter": _("J'ai reçu une notification, ou je n'ai plus le courrier : je connais la date à peu près"),
            "already_open": _("Mon espace est déjà ouvert : je veux le clôturer"),
            "received_on": _("Date à laquelle vous l'avez reçu"),
            "never_asked": _(
                "Nous ne vous demandons ni votre numéro de sécurité sociale, ni le code provisoire, ni votre date de "
                "naissance : seulement des dates."
            ),
        }
    never_asked = (
        _(
            "Nous ne demandons ni le numéro de sécurité sociale de %(name)s, ni son code provisoire, ni sa date de "
            "naissance : seulement des dates."
        )
        % values
    )
    title = _("Le courrier de l'Assurance Maladie pour %(name)s") % values
    if who.is_adult:
        return {
            "title": title,
            "letter": _("%(name)s a reçu un courrier ou un courriel au sujet de Mon espace santé") % values,
            "no_letter": _("%(name)s a reçu une notification, ou n'a plus le courrier : la date est connue à peu près")
            % values,
            "already_open": _("Son espace est déjà ouvert : %(name)s veut le clôturer") % values,
            "received_on": _("Date à laquelle %(name)s l'a reçu") % values,
            "never_asked": never_asked,
        }
    return {
        "title": title,
        "letter": _("J'ai reçu un courrier ou un courriel au sujet de l'espace de %(name)s") % values,
        "no_letter": _(
            "J'ai reçu une notification pour %(name)s, ou je n'ai plus le courrier : je connais la date à peu près"
        )
        % values,
        "already_open": _("Son espace est déjà ouvert : je veux le clôturer") % values,
        "received_on": _("Date à laquelle vous l'avez reçu"),
        "never_asked": never_asked,
    }


def who_receives(who: Who) -> str:
    """On a child's letter step: for a newborn, the parent receives the letter (ameli.fr, « Mon espace
    santé, le carnet de santé numérique de votre enfant »); '' for anyone else."""
    if not who.is_child:
        return ""
    return _(
        "Pour un nouveau-né, c'est le parent qui a déclaré l'enfant à l'Assurance Maladie qui reçoit le courrier ou "
        "le courriel, au nom de l'enfant : un profil est créé pour chaque enfant dès sa naissance, sauf si ses "
        "parents s'y opposent. Indiquez les dates de ce message-là."
    )


def of_age_prompt(who: Who, adult_month) -> str:
    """On a child's case whose 18th birthday month is not known: what giving it brings; '' otherwise."""
    if not who.is_child or adult_month is not None:
        return ""
    return _(
        "Le mois et l'année de ses 18 ans, sans le jour : ce mois-là, nous vous écrirons que c'est désormais à "
        "%(name)s d'agir, avec un mot à lui transmettre."
    ) % {"name": who.label}


def of_age(who: Who, adult_month, today) -> dict[str, str]:
    """A child's 18th birthday month, for the parent: what changes, and a word to pass on to the young adult.
    Empty before that month, and for anyone who is not a child."""
    if not who.is_child or adult_month is None or today < adult_month:
        return {}
    values = {"name": who.label, "month": month_year(adult_month)}
    this_month = (today.year, today.month) == (adult_month.year, adult_month.month)
    said = _("%(name)s a 18 ans ce mois-ci.") if this_month else _("%(name)s a 18 ans depuis %(month)s.")
    return {
        "subject": _("%(name)s a 18 ans ce mois-ci : c'est désormais à %(name)s d'agir pour Mon espace santé") % values,
        "now": said % values,
        "acts": _(
            "À 18 ans, c'est %(name)s qui décide de son espace Mon espace santé : vous ne pouvez plus vous y "
            "opposer, ni le clôturer, à sa place (la majorité est fixée à dix-huit ans, article 414 du Code civil). "
            "Un espace d'enfant géré depuis votre profil pourrait ne plus l'être, et %(name)s pourrait recevoir son "
            "propre courrier : ce n'est pas confirmé par une page officielle."
        )
        % values,
        "pass_on": _("Un mot à transmettre à %(name)s :") % values,
        "word": _(
            "Vous avez 18 ans : Mon espace santé, c'est désormais votre choix. Si vous recevez un courrier ou un "
            "courriel à ce sujet, vous avez %(opposition_period)s après son envoi pour vous opposer à la création de votre "
            "espace : au 3422, ou sur monespacesante.fr avec le code provisoire qu'il contient. Si votre espace est "
            "déjà ouvert, vous pouvez le clôturer à tout moment et demander la suppression de ses données. Ne "
            "donnez jamais votre code ni votre mot de passe à quelqu'un qui vous appelle."
        )
        % facts(),
        "follow": _(
            "Pour continuer à suivre les dates avec %(name)s, indiquez que c'est désormais « un autre adulte du "
            "foyer » : les pages diront alors que c'est à %(name)s d'agir."
        )
        % values,
    }


def call_outcomes(who: Who) -> dict[str, str]:
    """How a call went, as the person who notes it says it (another adult calls themself)."""
    if who.is_adult:
        values = {"name": who.label}
        return {
            CallOutcome.WORKED: _("c'est fait : l'opposition de %(name)s est enregistrée") % values,
            CallOutcome.ASKED_FOR_CODE: _("%(name)s n'avait pas le code qu'on lui a demandé") % values,
            CallOutcome.NO_ANSWER: _("pas de réponse, ou ligne occupée"),
            CallOutcome.OTHER: _("autre chose"),
        }
    return {}


def can_call_question(who: Who) -> str:
    """« Pouvez-vous téléphoner ? », about whoever takes the steps: you, or the adult who acts themself."""
    if who.is_adult:
        return _("Le téléphone est-il possible pour %(name)s ?") % {"name": who.label}
    return _("Pouvez-vous téléphoner ?")


def phone_answer(who: Who) -> str:
    """The answer to « Pouvez-vous téléphoner ? » as the case page says it (a link lets you change it)."""
    values = {"name": who.label}
    if who.can_call:
        if who.is_adult:
            return (
                _(
                    "Le téléphone n'est pas possible pour %(name)s ? Dites-le-nous : nous proposerons le site et le courrier."
                )
                % values
            )
        return _("Le téléphone n'est pas possible ? Dites-le-nous : nous proposerons le site et le courrier.")
    if who.is_adult:
        return (
            _("Vous avez indiqué que %(name)s ne peut pas téléphoner : nous proposons le site et le courrier.") % values
        )
    return _("Vous avez indiqué ne pas pouvoir téléphoner : nous proposons le site et le courrier.")
