"""Who wrote the letter (optout.vocabulary.Scheme) in words: the sender the steps name, to whom a
written request goes, and where to find its address.

We ship no list of addresses: where we do not know one, we say where to find it (the letter
itself, the scheme's own site). Members of a « section locale mutualiste » (the MGEN and others)
cannot open an ameli account: nothing said to them mentions one. « Je ne sais pas » (UNKNOWN)
keeps the words written for the Assurance Maladie in general.
"""

from __future__ import annotations

from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from optout.vocabulary import Scheme

AMELI = "https://www.ameli.fr/"
MSA_SITE = "https://www.msa.fr/"


def known(scheme: str | None) -> str:
    """The scheme, or UNKNOWN for anything else (no letter, an old row, a link's bad value)."""
    return scheme if scheme in Scheme.values else Scheme.UNKNOWN


def sender(scheme: str | None) -> str:
    """What follows « le courrier ou le courriel » in the steps: « de l'Assurance Maladie », « de la MSA »…"""
    return {
        Scheme.MSA: _("de la MSA"),
        Scheme.MUTUAL: _("de la mutuelle"),
        Scheme.CGSS: _("de la caisse de sécurité sociale"),
        Scheme.OTHER: _("de l'organisme d'assurance maladie"),
    }.get(known(scheme), _("de l'Assurance Maladie"))


def addressee(scheme: str | None) -> str:
    """To whom the written request goes: « à votre caisse », « à votre caisse de MSA »…"""
    return {
        Scheme.CPAM: _("à votre caisse primaire d'assurance maladie (CPAM)"),
        Scheme.MSA: _("à votre caisse de MSA"),
        Scheme.MUTUAL: _(
            "à la mutuelle qui gère votre assurance maladie obligatoire (votre section locale mutualiste)"
        ),
        Scheme.CGSS: _("à votre caisse générale de sécurité sociale (CGSS), ou à la caisse de Mayotte"),
        Scheme.OTHER: _("à l'organisme qui gère votre assurance maladie obligatoire"),
    }.get(known(scheme), _("à votre caisse"))


def addressee_sentence(scheme: str | None) -> str:
    """What the written request page says of its addressee: the body that wrote, for its data protection officer."""
    return _(
        "Elle s'adresse %(to)s, à l'attention de son délégué à la protection des données, et lui demande de traiter la "
        "demande ou de la transmettre à l'opérateur de l'espace, la Caisse nationale de l'assurance maladie (articles "
        "R1111-26 et R1111-36 du Code de la santé publique)."
    ) % {"to": addressee(scheme)}


def by_email(scheme: str | None) -> str:
    """Sending the written request by email: to whose data protection officer."""
    if known(scheme) in (Scheme.UNKNOWN, Scheme.CPAM, Scheme.CGSS):
        return _(
            "Ou par courriel au délégué à la protection des données de votre caisse (chaque caisse a le sien). Gardez "
            "le courriel envoyé : c'est votre preuve."
        )
    return _(
        "Ou par courriel au délégué à la protection des données %(whose)s. Gardez le courriel envoyé : c'est votre "
        "preuve."
    ) % {"whose": whose_dpo(scheme)}


def body_name(scheme: str | None) -> str:
    """The builder's heading for the addressee: « Votre caisse », « Votre mutuelle »…"""
    return {
        Scheme.MSA: _("Votre caisse de MSA"),
        Scheme.MUTUAL: _("Votre mutuelle"),
        Scheme.OTHER: _("L'organisme qui gère votre assurance maladie"),
    }.get(known(scheme), _("Votre caisse"))


def where_to_write(scheme: str | None) -> str:
    """Where the address of the body to write to can be found (we ship none)."""
    return {
        Scheme.CPAM: _(
            "L'adresse de votre caisse primaire d'assurance maladie (CPAM) figure sur ameli.fr, rubrique "
            "« Adresses et contacts », et sur ses courriers. Nous ne fournissons pas de liste d'adresses : elles "
            "changent."
        ),
        Scheme.MSA: _(
            "Écrivez à votre caisse de MSA, pas à une CPAM. Son adresse figure sur ses courriers, dont celui que vous "
            "avez reçu, et sur son site, msa.fr. Nous ne fournissons pas de liste d'adresses : elles changent."
        ),
        Scheme.MUTUAL: _(
            "Écrivez à la mutuelle qui gère votre assurance maladie obligatoire (votre section locale mutualiste : la "
            "MGEN, par exemple), pas à une CPAM. Son adresse figure sur le courrier que vous avez reçu, sur ses "
            "autres courriers et sur son site. Vous n'avez pas besoin de compte ameli pour cela."
        ),
        Scheme.CGSS: _(
            "Écrivez à votre caisse générale de sécurité sociale (CGSS) ou, à Mayotte, à la caisse de sécurité "
            "sociale de Mayotte. Son adresse figure sur ses courriers, dont celui que vous avez reçu. Nous ne "
            "fournissons pas de liste d'adresses : elles changent."
        ),
        Scheme.OTHER: _(
            "Écrivez à l'organisme qui gère votre assurance maladie obligatoire : son nom et son adresse figurent sur "
            "le courrier que vous avez reçu et sur ses autres courriers. Nous ne fournissons pas de liste d'adresses."
        ),
    }.get(
        known(scheme),
        _(
            "L'adresse de votre caisse primaire d'assurance maladie (CPAM) figure sur ameli.fr, rubrique « Adresses "
            "et contacts », et sur ses courriers. Nous ne fournissons pas de liste d'adresses : elles changent. Si vous "
            "relevez d'un autre régime (la MSA, par exemple), écrivez à votre caisse de ce régime."
        ),
    )


def address_hint(scheme: str | None) -> SafeString:
    """Under the builder's « Son nom et son adresse » field: an example of the name, and where the address is."""
    scheme = known(scheme)
    if scheme == Scheme.MSA:
        return format_html(
            _('Par exemple « MSA … », puis son adresse : sur le courrier reçu, ou sur <a href="{url}">msa.fr</a>.'),
            url=MSA_SITE,
        )
    if scheme == Scheme.MUTUAL:
        return format_html(
            "{}",
            _(
                "Le nom de votre mutuelle (par exemple « MGEN »), puis l'adresse qui figure sur le courrier reçu ou "
                "sur son site."
            ),
        )
    if scheme == Scheme.CGSS:
        return format_html(
            "{}",
            _(
                "Par exemple « CGSS de … » ou « Caisse de sécurité sociale de Mayotte », puis l'adresse du courrier reçu."
            ),
        )
    if scheme == Scheme.OTHER:
        return format_html("{}", _("Le nom de l'organisme, puis l'adresse qui figure sur le courrier reçu."))
    return format_html(
        _(
            'Par exemple « CPAM de … », puis son adresse : sur <a href="{url}">ameli.fr</a>, rubrique « Adresses '
            "et contacts », ou sur un courrier de votre caisse."
        ),
        url=AMELI,
    )


def whose_dpo(scheme: str | None) -> str:
    """« de votre caisse », « de votre mutuelle »: whose data protection officer the email goes to."""
    return {
        Scheme.MSA: _("de votre caisse de MSA"),
        Scheme.MUTUAL: _("de votre mutuelle"),
        Scheme.OTHER: _("de cet organisme"),
    }.get(known(scheme), _("de votre caisse"))


def scheme_note(scheme: str | None) -> str:
    """A sentence for the person's scheme beside the steps, or ''."""
    if known(scheme) == Scheme.MUTUAL:
        return _(
            "Aucune de ces étapes ne passe par un compte ameli : les assurés d'une section locale mutualiste (la MGEN, "
            "par exemple), qui ne peuvent pas en ouvrir, les font de la même façon."
        )
    return ""


#: In the written request itself, always French (it goes to a French body): « Le courrier d'information … ».
LETTER_SENDER_FR = {
    Scheme.MSA: "de la MSA",
    Scheme.MUTUAL: "de ma mutuelle",
    Scheme.CGSS: "de ma caisse de sécurité sociale",
    Scheme.OTHER: "de mon organisme d’assurance maladie",
}


def letter_sender_fr(scheme: str | None) -> str:
    return LETTER_SENDER_FR.get(known(scheme), "de l’Assurance Maladie")
