"""The official sources every rule we show comes from.

Pages cite them by key, so one list says where each fact was read, and each
label says only what its source says. An article of the Code de la santé
publique links to the article itself when its Légifrance identifier is
verified (VERIFIED_ARTICLES, with the evidence in docs/sources.md); otherwise
to the code, with the article named. Nothing is linked on a guess.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

LEGIFRANCE_CSP = "https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000006072665"
LEGIFRANCE_ARTICLE = "https://www.legifrance.gouv.fr/codes/article_lc/{}"
#: Articles whose Légifrance identifier we could verify (docs/sources.md says how).
VERIFIED_ARTICLES = {"R1111-26": "LEGIARTI000043926361"}


def code_article(number: str) -> str:
    """The address of an article of the Code de la santé publique: its own page when verified."""
    identifier = VERIFIED_ARTICLES.get(number)
    return LEGIFRANCE_ARTICLE.format(identifier) if identifier else LEGIFRANCE_CSP


@dataclass(frozen=True)
class Source:
    key: str
    label: str
    url: str = ""
    #: The article of the Code de la santé publique this source is, if it is one.
    article: str = ""

    @property
    def short(self) -> str:
        """How a page cites it in a line of sources."""
        if self.article:
            return _("article %(number)s") % {"number": self.article}
        return SHORT.get(self.key, self.key)


SOURCES = {
    s.key: s
    for s in [
        Source(
            "L1111-13-1",
            _(
                "Code de la santé publique, article L1111-13-1 : l'espace numérique de santé est ouvert "
                "automatiquement, sauf opposition ; son titulaire peut le clôturer à tout moment"
            ),
            code_article("L1111-13-1"),
            "L1111-13-1",
        ),
        Source(
            "R1111-28",
            _(
                "Code de la santé publique, article R1111-28 : l'espace est ouvert à l'issue d'un délai de six "
                "semaines à compter de l'envoi de l'information, en l'absence d'opposition"
            ),
            code_article("R1111-28"),
            "R1111-28",
        ),
        Source(
            "R1111-36",
            _(
                "Code de la santé publique, article R1111-36 : le titulaire peut clôturer son espace à tout moment, "
                "directement ou en le demandant à l'opérateur ; les données sont archivées dix ans, ou supprimées "
                "dans un délai maximum de trois mois sur demande expresse"
            ),
            code_article("R1111-36"),
            "R1111-36",
        ),
        Source(
            "R1111-26",
            _(
                "Code de la santé publique, article R1111-26 : l'espace numérique de santé est mis en œuvre sous "
                "la responsabilité conjointe du ministre chargé de la santé et de la Caisse nationale de "
                "l'assurance maladie, qui en assure le développement, l'hébergement et le support"
            ),
            code_article("R1111-26"),
            "R1111-26",
        ),
        Source(
            "R1111-36-demande",
            _(
                "Code de la santé publique, article R1111-36 : le titulaire clôture son espace « soit "
                "directement, soit en en formulant la demande auprès de l'opérateur » ; la suppression "
                "demandée est faite dans un délai maximum de trois mois, et il en est informé"
            ),
            code_article("R1111-36"),
            "R1111-36",
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
            "cnil-mandat",
            _(
                "CNIL, « Vous portez plainte à la CNIL » (page en français facile à lire) : la plainte est rédigée "
                "en français ; si vous la faites pour quelqu'un d'autre, un membre de votre famille par exemple, "
                "ajoutez un document signé, un mandat"
            ),
            "https://cnil.fr/fr/node/166989",
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
            "msa-site",
            _("msa.fr, le site de la Mutualité sociale agricole (MSA) : les coordonnées de votre caisse de MSA"),
            "https://www.msa.fr/",
        ),
        Source(
            "ameli-hameconnage",
            _(
                "Assurance Maladie, communiqué du 7 avril 2022 sur les tentatives d'hameçonnage : elle ne demande "
                "jamais, par courriel ou par SMS, de coordonnées bancaires, d'informations médicales, de numéro de "
                "sécurité sociale ni de mot de passe ; ses courriels venaient de l'adresse "
                "assurance-maladie@info.ameli.fr ; des appels et des messages frauduleux proposaient d'« aider à la "
                "création de Mon espace santé » en demandant des identifiants FranceConnect"
            ),
            "https://assurance-maladie.ameli.fr/presse/2022-04-07-cp-phishing",
        ),
        Source(
            "ameli-enfant",
            _(
                "ameli.fr, « Mon espace santé, le carnet de santé numérique de votre enfant » : un profil est créé "
                "pour chaque enfant dès sa naissance, sauf si ses parents s'y opposent ; le parent qui a déclaré "
                "l'enfant à l'Assurance Maladie reçoit l'invitation, par courriel ou par courrier"
            ),
            "https://www.ameli.fr/assure/sante/mon-espace-sante/mon-espace-sante-enfant-carnet-sante-numerique",
        ),
        Source(
            "code-civil-414",
            _(
                "Code civil, article 414 : la majorité est fixée à dix-huit ans accomplis ; à cet âge, chacun est "
                "capable d'exercer les droits dont il a la jouissance"
            ),
        ),
        Source(
            "decret-2021-1048",
            _(
                "Décret n° 2021-1048 du 4 août 2021 relatif à la mise en œuvre de l'espace numérique de santé "
                "(Journal officiel du 7 août 2021)"
            ),
            "https://www.legifrance.gouv.fr/jorf/id/JORFTEXT000043914270",
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
                "Sénat, question écrite n° 01935, réponse du ministère de la santé publiée le 29 septembre 2022 : "
                "chacun peut clôturer son espace à tout moment ; il faut un code provisoire (reçu ou redemandé) "
                "et la carte Vitale"
            ),
            "https://www.senat.fr/questions/base/2022/qSEQ220701935.html",
        ),
    ]
}


SHORT = {
    "rgpd-12": _("RGPD, article 12"),
    "cnil-plaintes": _("CNIL, plaintes"),
    "cnil-mandat": _("CNIL, le mandat"),
    "cnil-questions": _("CNIL, questions-réponses"),
    "ameli": "ameli.fr",
    "msa-site": "msa.fr",
    "ameli-hameconnage": _("Assurance Maladie, 7 avril 2022"),
    "ameli-enfant": _("ameli.fr, l'espace d'un enfant"),
    "code-civil-414": _("Code civil, article 414"),
    "decret-2021-1048": _("décret du 4 août 2021"),
    "F36151": "Service-Public.fr",
    "monespacesante": "monespacesante.fr",
    "senat-2022": _("Sénat, 29 septembre 2022"),
}


def sources(*keys: str) -> list[Source]:
    return [SOURCES[key] for key in keys]
