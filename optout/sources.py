"""The official sources every rule we show comes from.

Pages cite them by key, so one list says where each fact was read. Where we
could not check a stable deep link, we give the reference without a link
rather than a guess.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

LEGIFRANCE_CSP = "https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000006072665"


@dataclass(frozen=True)
class Source:
    key: str
    label: str
    url: str = ""


SOURCES = {
    s.key: s
    for s in [
        Source(
            "L1111-13-1",
            _(
                "Code de la santé publique, article L1111-13-1 : création de l'espace numérique de santé, sauf opposition"
            ),
            LEGIFRANCE_CSP,
        ),
        Source(
            "R1111-28",
            _("Code de la santé publique, article R1111-28 : ouverture six semaines après l'envoi de l'information"),
            LEGIFRANCE_CSP,
        ),
        Source(
            "R1111-33",
            _("Code de la santé publique, article R1111-33 : clôture de l'espace à tout moment"),
            LEGIFRANCE_CSP,
        ),
        Source(
            "R1111-36",
            _(
                "Code de la santé publique, article R1111-36 : archivage dix ans après la clôture, "
                "ou suppression sous trois mois sur demande"
            ),
            LEGIFRANCE_CSP,
        ),
        Source(
            "R1111-26",
            _(
                "Code de la santé publique, article R1111-26 : la Caisse nationale de l'assurance maladie "
                "est l'opérateur de l'espace numérique de santé"
            ),
            LEGIFRANCE_CSP,
        ),
        Source(
            "R1111-36-demande",
            _(
                "Code de la santé publique, article R1111-36 : le titulaire clôture son espace « soit "
                "directement, soit en en formulant la demande auprès de l'opérateur » ; la suppression "
                "demandée est faite dans un délai de trois mois, et il en est informé"
            ),
            LEGIFRANCE_CSP,
        ),
        Source(
            "rgpd-12",
            _(
                "Règlement général sur la protection des données (RGPD), article 12, paragraphes 3 et 4 : "
                "une réponse dans un délai d'un mois à compter de la réception de la demande, prolongeable de "
                "deux mois si la personne en est informée, avec les motifs, dans le premier mois ; un refus "
                "est motivé dans le mois et mentionne le droit d'introduire une réclamation"
            ),
            "https://eur-lex.europa.eu/eli/reg/2016/679/oj",
        ),
        Source(
            "cnil-plaintes",
            _(
                "CNIL, « Adresser une plainte » : après avoir contacté l'organisme, en gardant la preuve "
                "de cette démarche ; en ligne, ou par courrier à CNIL, 3 Place de Fontenoy, TSA 80715, "
                "75334 Paris Cedex 07"
            ),
            "https://www.cnil.fr/fr/plaintes",
        ),
        Source(
            "cnil-questions",
            _(
                "CNIL, questions-réponses sur Mon espace santé, citées par d'autres (nous n'avons pas relu la "
                "page d'origine) : l'opposition peut aussi se faire « directement auprès de sa caisse de "
                "rattachement par courrier postal ou par mail »"
            ),
        ),
        Source(
            "ameli",
            _(
                "ameli.fr, le site de l'Assurance Maladie : l'adresse de votre caisse, rubrique « Adresses et contacts »"
            ),
            "https://www.ameli.fr/",
        ),
        Source(
            "decret-2021-1048",
            _("Décret n° 2021-1048 du 4 août 2021 relatif à Mon espace santé (Journal officiel du 5 août 2021)"),
        ),
        Source(
            "F36151",
            _("Service-Public.fr, fiche F36151 : Mon espace santé"),
            "https://www.service-public.gouv.fr/particuliers/vosdroits/F36151",
        ),
        Source(
            "monespacesante",
            _("Mon espace santé, site officiel de l'Assurance Maladie"),
            "https://www.monespacesante.fr/",
        ),
        Source(
            "senat-2022",
            _(
                "Sénat, réponse ministérielle publiée le 29 septembre 2022 : la clôture demande "
                "un code provisoire et la carte Vitale"
            ),
        ),
    ]
}


def sources(*keys: str) -> list[Source]:
    return [SOURCES[key] for key in keys]
