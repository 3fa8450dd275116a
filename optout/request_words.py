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

from optout.wording import Who


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
