"""Sentences about written requests and complaints that depend on who acts, chosen here, never by a
template's branch (templates show what these give; an empty string shows nothing).

Someone who follows another adult's case (Relation.ADULT) does not act for them: that adult
wrote to the caisse. To complain to the CNIL in their place, the helper needs their signed
mandate, as the CNIL asks of anyone acting for someone else. A parent, or a legal
representative, needs none.
"""

from __future__ import annotations

from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from optout.actions import request_by
from optout.vocabulary import Route
from optout.wording import Who
from optout.wording.clock import weekdaydate
from optout.wording.facts import facts


def complaint_for_another(who: Who | None) -> str:
    """At the top of a case's complaint page, for another adult's case: whose request it was, and the mandate."""
    if who is None or not who.is_adult:
        return ""
    return _(
        "La demande écrite est celle de %(name)s. Pour saisir la CNIL à sa place, il vous faut son mandat signé : "
        "la CNIL le demande à toute personne qui agit pour quelqu'un d'autre. La plainte ci-dessous est écrite en "
        "votre nom, pour son compte."
    ) % {"name": who.label}


def mandate_to_attach(who: Who | None, url: str) -> SafeString | str:
    """The mandate among what to attach to a complaint, with a link to prepare it (`url`): as a condition without
    a case, named for another adult's case, nothing when the person complains for themself, their child or
    someone they legally represent."""
    if who is None:
        sentence = _(
            "si vous agissez pour un proche majeur que vous ne représentez pas légalement : un mandat signé par "
            'cette personne, que la CNIL demande (<a href="{url}">à préparer ici</a>) ;'
        )
    elif who.is_adult:
        sentence = _('le mandat signé par {name}, que la CNIL demande (<a href="{url}">à préparer ici</a>) ;')
    else:
        return ""
    return format_html(sentence, url=url, name=who.label if who else "")


def written_offer(who: Who, route: str, *, line_answers: bool = True) -> str:
    """The case page's offer to write to the caisse when phone and website fail, for whoever acts. Once the 3422
    no longer answers before the legal deadline (`line_answers` false: the deadline's evening), it says nothing of
    calling."""
    values = {"name": who.label, "space": who.space, **facts()}
    if route == Route.CLOSURE:
        if who.is_adult:
            return (
                _(
                    "%(name)s peut aussi demander par lettre ou par courriel la clôture de son espace et la suppression de "
                    "ses données à sa caisse d'assurance maladie (article R1111-36 du Code de la santé publique)."
                )
                % values
            )
        return (
            _(
                "Vous pouvez aussi demander par lettre ou par courriel la clôture de %(space)s et la suppression de ses "
                "données à votre caisse d'assurance maladie (article R1111-36 du Code de la santé publique)."
            )
            % values
        )
    if who.is_adult and who.can_call and line_answers:
        return (
            _(
                "%(name)s peut aussi s'opposer par lettre ou par courriel auprès de sa caisse d'assurance maladie. Une "
                "lettre met plusieurs jours à arriver : mieux vaut l'envoyer au plus tôt, et appeler aussi le 3422."
            )
            % values
        )
    if who.is_adult:
        return (
            _(
                "%(name)s peut aussi s'opposer par lettre ou par courriel auprès de sa caisse d'assurance maladie. La "
                "caisse a %(answer_period)s pour répondre : mieux vaut écrire au plus tôt."
            )
            % values
        )
    if who.can_call and line_answers:
        return _(
            "Vous pouvez aussi vous opposer par lettre ou par courriel auprès de votre caisse d'assurance maladie. Une "
            "lettre met plusieurs jours à arriver : envoyez-la au plus tôt, et appelez aussi le 3422 si vous le pouvez."
        )
    return (
        _(
            "Vous pouvez aussi vous opposer par lettre ou par courriel auprès de votre caisse d'assurance maladie. La "
            "caisse a %(answer_period)s pour répondre : écrivez au plus tôt."
        )
        % facts()
    )


def closure_overdue_advice(who: Who) -> str:
    """Three months after a closure asked online, without a confirmation: how to ask where it stands."""
    if who.can_call:
        return _("Ce délai est passé. Si vous n'avez rien reçu, appelez le 3422 pour savoir où en est la demande.")
    return _("Ce délai est passé. Si vous n'avez rien reçu, écrivez à votre caisse pour savoir où en est la demande.")


def opposition_letter_note(who: Who, d, today) -> str:
    """Under the letter to the caisse, for an opposition: its timing. For someone who cannot phone, the last day
    the caisse may receive it for its answer, due one month later, to come in time (optout.actions.request_by)."""
    values = {"legal": weekdaydate(d.legal_deadline), **facts()}
    if who.can_call:
        return (
            _(
                "Une lettre met plusieurs jours à arriver, et le délai légal pour s'opposer prend fin le %(legal)s. Si vous "
                "le pouvez, appelez aussi le 3422 d'ici là. Si l'espace s'ouvre quand même, la lettre demande aussi sa "
                "clôture."
            )
            % values
        )
    by = request_by(d, today)
    if by is None:
        return (
            _(
                "La caisse a %(answer_period)s pour répondre : sa réponse n'arriverait plus avant la fin du délai légal, le "
                "%(legal)s. Si l'espace s'ouvre, la lettre demande aussi sa clôture."
            )
            % values
        )
    return _(
        "La caisse a %(answer_period)s pour répondre. Pour que sa réponse arrive d'ici le %(answer_by)s, elle doit recevoir la "
        "lettre au plus tard le %(day)s : un courriel arrive le jour même, une lettre met plusieurs jours. Si "
        "l'espace s'ouvre quand même, la lettre demande aussi sa clôture."
    ) % {**values, "answer_by": weekdaydate(by.answer_by), "day": weekdaydate(by.day)}
