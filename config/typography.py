"""French typography, applied to the French message catalogue (not to pages as a filter).

French sets a narrow no-break space (U+202F) before « ; : ! ? » and inside
« », a no-break space (U+00A0) in « 8 h 30 » and between a number and its
unit, and a typographic apostrophe (’). Our French message ids are typed with
plain spaces and straight apostrophes; `typeset` gives the text French readers
get, and `make makemessages` writes it into locale/fr (scripts/typeset-french.py).
Pure text in, text out: what is inside HTML tags is left alone.
"""

from __future__ import annotations

import re

NNBSP = "\u202f"  # narrow no-break space: before ; : ! ? and inside « »
NBSP = "\u00a0"  # no-break space: 8 h 30, 15 caractères, 1er février

_SPACES = r"[ \u00a0\u202f]"
_TAG = re.compile(r"(<[^>]*>|%\([a-z_]+\)[sd]|\{\{[^}]*\}\})")
#: Units that never start a line away from their number.
UNITS = (
    r"jours?|mois|ans|années?|semaines?|caractères|chiffres|heures?|minutes?|secondes?|étapes?|démarches?|"
    r"rappels?|%|€|h"
)

_RULES = [
    # Punctuation right after a tag or a placeholder: « {{ title }} : » gets its space too.
    (re.compile(rf"^{_SPACES}+([;:!?»])(?!//)"), NNBSP + r"\1"),
    # Apostrophes between letters: l'espace → l’espace.
    (re.compile(r"(?<=[A-Za-zÀ-ÿ])'(?=[A-Za-zÀ-ÿ])"), "’"),
    # Before ; ! ? : a narrow no-break space (not in https:// nor 10:32).
    (re.compile(rf"(?<=\S){_SPACES}*([;!?])"), NNBSP + r"\1"),
    (re.compile(rf"(?<=\S){_SPACES}+:(?!//)"), NNBSP + ":"),
    (re.compile(r"(?<=[^\s\d:/]):(?![/\d])"), NNBSP + ":"),
    # Inside « » a narrow no-break space.
    (re.compile(rf"«{_SPACES}*"), "«" + NNBSP),
    (re.compile(rf"{_SPACES}*»"), NNBSP + "»"),
    # 8 h 30, 17 h: no break inside.
    (re.compile(rf"(\d){_SPACES}h{_SPACES}(\d)"), rf"\1{NBSP}h{NBSP}\2"),
    (re.compile(rf"(\d) ({UNITS})\b"), rf"\1{NBSP}\2"),
]


def typeset(text: str) -> str:
    """French typography on the text between HTML tags and placeholders."""
    parts = _TAG.split(text)
    for index in range(0, len(parts), 2):  # even parts are text, odd ones tags and placeholders
        for pattern, replacement in _RULES:
            parts[index] = pattern.sub(replacement, parts[index])
    # A placeholder followed by punctuation (« %(day)s : ») gets its space too.
    joined = "".join(parts)
    joined = re.sub(rf"(%\([a-z_]+\)[sd]|\}}\}}|>){_SPACES}+([;:!?»])(?!//)", rf"\1{NNBSP}\2", joined)
    # « il reste %(days)s jours »: the number comes later, the no-break space now.
    return re.sub(rf"(%\([a-z_]+\)[sd]|\}}\}}) ({UNITS})\b", rf"\1{NBSP}\2", joined)
