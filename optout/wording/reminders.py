"""The small sentences around the action in a reminder email, phrased for whoever acts."""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext as _

from optout.actions import Action, ActionKind
from optout.wording.facts import facts
from optout.wording.headline import headline
from optout.wording.people import Who


def reminder_words(action: Action, who: Who, *, call: Action | None, today: date, time_zone: str) -> dict[str, str]:
    """`say_on_phone`, `how_to_close`, `done_prompt`, and `no_code`: without a code on the online route,
    `call` (the call still possible, with its own last moment) in words."""
    words = {
        "say_on_phone": _("Au téléphone :") if who.is_adult else _("Ce qu'il faut dire au téléphone :"),
        "how_to_close": (
            _("Voici comment %(name)s peut faire :") % {"name": who.label}
            if who.is_adult
            else _("Voici comment faire :")
        ),
        "done_prompt": (
            _("Clôture demandée ? Dites-le-nous en un clic :")
            if action.kind == ActionKind.CLOSE
            else _("L'opposition est faite ? Dites-le-nous en un clic :")
        ),
        "no_code": "",
        # Someone who acts themself: the large-print sheet to do it together (its link follows).
        "together": (
            _("La fiche en gros caractères, pour faire la démarche ensemble avec %(name)s :") % {"name": who.label}
            if who.is_adult
            else ""
        ),
    }
    if call is not None and call.kind == ActionKind.CALL:
        instruction = headline(call, who, today, time_zone=time_zone).phrase + "."
        if who.is_adult:
            words["no_code"] = _(
                "Pas encore de code provisoire ? %(name)s peut en demander un nouveau sur monespacesante.fr, ou "
                "passer par le téléphone : %(by_phone)s"
            ) % {"name": who.label, "by_phone": instruction}
        else:
            words["no_code"] = _(
                "Pas encore de code provisoire ? Demandez-en un nouveau sur monespacesante.fr, ou passez par le "
                "téléphone : %(by_phone)s"
            ) % {"by_phone": instruction}
    return words


def closure_confirmation_words(who: Who) -> dict[str, str]:
    """Three months after a closure was asked for: has the confirmation come?"""
    values = {"name": who.label, "space": who.space, "for_whom": who.for_whom, **facts()}
    if who.is_adult:
        return {
            "subject": _("Clôture demandée il y a %(deletion_period)s : la confirmation est-elle arrivée ?%(for_whom)s")
            % values,
            "asked": _(
                "%(name)s a demandé la clôture de son espace et la suppression de ses données il y a %(deletion_period)s."
            )
            % values,
            "law": _(
                "La suppression doit être faite dans les %(deletion_period)s suivant la demande, et l'Assurance Maladie doit "
                "en informer %(name)s (article R1111-36 du Code de la santé publique)."
            )
            % values,
            "if_nothing": (
                _("Si rien n'est arrivé, %(name)s peut appeler le 3422 pour vérifier où en est sa demande.")
                if who.can_call
                else _("Si rien n'est arrivé, %(name)s peut écrire à sa caisse pour savoir où en est sa demande.")
            )
            % values,
            "done_prompt": _("La confirmation est arrivée ? Dites-le-nous en un clic :"),
        }
    return {
        "subject": _("Clôture demandée il y a %(deletion_period)s : avez-vous reçu la confirmation ?%(for_whom)s")
        % values,
        "asked": _(
            "Vous avez demandé la clôture de %(space)s et la suppression de ses données il y a %(deletion_period)s."
        )
        % values,
        "law": _(
            "La suppression doit être faite dans les %(deletion_period)s suivant la demande, et l'Assurance Maladie doit vous "
            "en informer (article R1111-36 du Code de la santé publique)."
        )
        % values,
        "if_nothing": (
            _("Si vous n'avez rien reçu, appelez le 3422 pour vérifier où en est votre demande.")
            if who.can_call
            else _("Si vous n'avez rien reçu, écrivez à votre caisse pour savoir où en est la demande.")
        ),
        "done_prompt": _("Vous avez reçu la confirmation ? Dites-le-nous en un clic :"),
    }


def retention_words(who: Who, route_name: str) -> str:
    """A finished case about to be deleted, named for whom it was."""
    if who.is_self:
        return _("Votre démarche « %(route)s » est terminée depuis bientôt un an.") % {"route": route_name}
    return _("La démarche « %(route)s » pour %(label)s est terminée depuis bientôt un an.") % {
        "route": route_name,
        "label": who.label,
    }


def code_words(who: Who, no_phone: str = "") -> dict[str, str]:
    """The online route's provisional code, still awaited ten days after choosing it; `no_phone`, for someone
    who cannot phone, says how to get a code in time or to write to the caisse (optout.wording.why.without_phone)."""
    if no_phone:
        return {**code_words(who), "new_code": no_phone}
    if who.is_adult:
        return {
            "awaited": _(
                "Le refus en ligne de l'espace de %(name)s attend son code provisoire : il n'est pas encore marqué "
                "comme reçu."
            )
            % {"name": who.label},
            "new_code": _("%(name)s peut demander un nouveau code provisoire sur monespacesante.fr.")
            % {"name": who.label},
            "done_prompt": _("Le code est arrivé ? Dites-le-nous en un clic :"),
        }
    return {
        "awaited": _(
            "Vous avez choisi de refuser %(space)s en ligne, et le code provisoire n'est pas encore marqué comme reçu."
        )
        % {"space": who.space},
        "new_code": _("Vous pouvez demander un nouveau code provisoire sur monespacesante.fr."),
        "done_prompt": _("Vous avez le code ? Dites-le-nous en un clic :"),
    }
