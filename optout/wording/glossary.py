"""The French words people meet here, explained in plain words (in English on the English site).

Each entry has a key (its anchor on /glossaire/), the term as pages write it, and what it
means. Pages link the first use of each term to its entry (optout/templatetags `actions`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Entry:
    key: str
    #: The term as it is written, in French (it stays French on the English site too).
    term: str
    meaning: str
    #: How pages write it, as a regular expression (first use linked); '' when never linked.
    pattern: str = ""
    #: The French name an abbreviation stands for (shown in French, whatever the page's language).
    expansion: str = ""


ENTRIES = [
    Entry(
        "assurance-maladie",
        "Assurance Maladie",
        _(
            "Le régime public d'assurance santé en France. Ses caisses remboursent les soins et gèrent les droits "
            "de chacun ; c'est elle qui envoie le courrier ou le courriel sur Mon espace santé."
        ),
        r"Assurance Maladie",
    ),
    Entry(
        "caisse",
        "caisse",
        _(
            "L'organisme qui gère votre assurance maladie, près de chez vous : le plus souvent la CPAM de votre "
            "département ; la MSA pour le monde agricole ; une section locale mutualiste (la MGEN, par exemple) "
            "pour certains métiers ; une CGSS outre-mer. Son adresse figure sur ses courriers."
        ),
        r"\bcaisses?\b(?! nationale)",
    ),
    Entry(
        "cpam",
        "CPAM",
        _("La caisse de la plupart des assurés, une par département."),
        r"\bCPAM\b",
        "Caisse primaire d'assurance maladie",
    ),
    Entry(
        "msa",
        "MSA",
        _("La caisse des exploitants et salariés agricoles."),
        r"\bMSA\b",
        "Mutualité sociale agricole",
    ),
    Entry(
        "section-locale",
        "section locale mutualiste",
        _(
            "Une mutuelle qui gère aussi l'assurance maladie de base de ses membres (la MGEN pour l'Éducation "
            "nationale, par exemple) : c'est elle, et non une CPAM, qui joue le rôle de caisse."
        ),
        r"\bsections? locales? mutualistes?\b",
    ),
    Entry(
        "cnam",
        "Caisse nationale de l'assurance maladie (CNAM)",
        _("L'organisme national qui gère Mon espace santé (l'opérateur de l'espace, article R1111-26)."),
    ),
    Entry(
        "departement",
        "département",
        _(
            "Une des divisions administratives de la France, numérotées (75 pour Paris, 974 pour La Réunion). Il "
            "décide de certains jours fériés : l'Alsace-Moselle et l'outre-mer en ont de plus."
        ),
        r"\bdépartements?\b",
    ),
    Entry(
        "vitale",
        "carte Vitale",
        _(
            "La carte verte d'assurance maladie, à puce. Son numéro de série est imprimé dessus ; il existe aussi "
            "une application carte Vitale, qui ne remplace pas la carte en plastique pour ce numéro."
        ),
        r"\bcartes? Vitale\b|\bVitale cards?\b",
    ),
    Entry(
        "code-provisoire",
        "code provisoire",
        _(
            "Le code à usage unique joint au courrier ou au courriel sur Mon espace santé : il permet de refuser "
            "en ligne, ou d'activer l'espace pour le clôturer. Un nouveau code peut être demandé sur "
            "monespacesante.fr."
        ),
    ),
    Entry(
        "numero-securite-sociale",
        "numéro de sécurité sociale",
        _(
            "Le numéro à 15 caractères qui identifie chaque assuré, imprimé sur la carte Vitale. Nous ne le "
            "demandons jamais et ne l'enregistrons pas."
        ),
    ),
    Entry(
        "cnil",
        "CNIL",
        _(
            "L'autorité qui veille à la protection des données personnelles. On peut la saisir quand un organisme "
            "ne répond pas à une demande sur ses données."
        ),
        r"\bCNIL\b",
        "Commission nationale de l'informatique et des libertés",
    ),
    Entry(
        "parametres",
        "« Paramètres »",
        _("Sur monespacesante.fr, le menu des réglages de l'espace, ouvert depuis votre profil (en haut à droite)."),
    ),
    Entry(
        "cloturer",
        "« Clôturer Mon espace santé »",
        _(
            "Sur monespacesante.fr, dans « Paramètres » : le choix qui ferme l'espace ; une case y demande la "
            "suppression définitive des données."
        ),
    ),
]

#: The terms that pages link on first use, each to its entry's anchor.
LINKED = [(entry.key, re.compile(entry.pattern)) for entry in ENTRIES if entry.pattern]
