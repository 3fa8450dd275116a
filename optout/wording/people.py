"""Whose case it is: the words that name the person, true for yourself, a child, a represented adult,
or another adult of the household.

Pages and emails say « votre espace » to someone about their own space, and
« l'espace de Léa » about someone else's, with who does the steps: you for a
child (« c'est vous, son parent, qui faites la démarche ») or a represented adult;
the person themself for another adult of the household, whom you only help
follow the dates (they call or go online with their own card and code). Texts that name the
person come in variants (`Said`); `Who` picks the right one in the current
language. Emails build `Who` with a placeholder for the name, filled in later
(optout/emails.py), so a name is never part of a cached rendering.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from optout.vocabulary import CallOutcome, Relation, Route


@dataclass(frozen=True)
class Said:
    """One text, as said to the person about themself and about someone else (with %(name)s)."""

    self: str
    child: str | None = None
    #: Defaults to the child's text.
    represented: str | None = None
    #: Another adult of the household, who acts themself. Defaults to `represented`, then `child`.
    adult: str | None = None

    def to(self, who: Who) -> str:
        if who.is_self or self.child is None:
            return str(self.self)
        variants = {
            Relation.CHILD: [self.child],
            Relation.REPRESENTED: [self.represented, self.child],
            Relation.ADULT: [self.adult, self.represented, self.child],
        }[who.relation]
        return str(next(text for text in variants if text)) % {"name": who.label}


@dataclass(frozen=True)
class Who:
    relation: str
    label: str

    @classmethod
    def of(cls, person) -> Who:
        """Anything with a `relation` and a `label` (a Person)."""
        return cls(relation=person.relation, label=person.label)

    @property
    def is_self(self) -> bool:
        return self.relation == Relation.SELF

    @property
    def is_child(self) -> bool:
        return self.relation == Relation.CHILD

    @property
    def is_adult(self) -> bool:
        """Another adult of the household: they take the steps themself."""
        return self.relation == Relation.ADULT

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
            return _(
                "C'est à %(name)s de faire la démarche : appeler le 3422 ou aller en ligne, avec sa propre carte "
                "Vitale et son code provisoire. Vous suivez les dates pour l'aider."
            ) % {"name": self.label}
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
            "already_open": _("Son espace est déjà ouvert : %(name)s veut le clôturer") % values,
            "received_on": _("Date à laquelle %(name)s l'a reçu") % values,
            "never_asked": never_asked,
        }
    return {
        "title": title,
        "letter": _("J'ai reçu un courrier ou un courriel au sujet de l'espace de %(name)s") % values,
        "already_open": _("Son espace est déjà ouvert : je veux le clôturer") % values,
        "received_on": _("Date à laquelle vous l'avez reçu"),
        "never_asked": never_asked,
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
