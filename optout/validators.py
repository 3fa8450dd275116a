"""The one detector of identifiers in free text: person labels, step notes, call notes.

We promised never to store a social security number (NIR), a provisional code or
a Vitale serial. People type them the way they read them, so the text is read the
same way before looking:

1. Unicode-normalised (NFKC: narrow no-break and thin spaces become spaces,
   full-width digits become digits); invisible characters (zero-width space,
   soft hyphen…) and combining marks dropped; any script's digits read as digits.
2. Split into chains of ASCII letter-and-digit groups joined by short runs of
   separators: spaces of any kind, tab, line breaks, `. , - / _ ; · • ( ) + *`
   and every dash (en dash, minus…). Within a run of digits, the letters O, o,
   I and l are read as the digits they look like.
3. Refused:
   - a NIR anywhere in a chain: 13 digits (2A/2B for Corsica) and the right key,
     by python-stdnum's rule;
   - eight digits or more in a row of digit groups: a Vitale serial (8, 11 or 13),
     a NIR without its key, a phone number. A date standing alone (12/03/2026,
     2026-03-12) or a span of a few years (2025-2026) is not counted;
   - a provisional code: 12 letters and digits, with at least one of each, as one
     group or several. Several groups joined by spaces only count when each has
     three characters or more and none is an ordinary word (letters not all
     capitals): "mars 2026 puis" stays, "ABCD EFGH 2345" does not.

It also refuses the private-use characters our renderers use as placeholders
(optout/emails.py, optout/page_cache.py): typed text never contains them.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.fr import nir as stdnum_nir

#: Characters that may sit between the groups of one identifier, besides any space.
SEPARATORS = frozenset(".,-/_;·•()+*\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d")
#: At most this many separator characters between two groups of one identifier.
MAX_GAP = 4
LOOKALIKE_DIGITS = str.maketrans({"O": "0", "o": "0", "I": "1", "l": "1"})
CODE_LENGTH = 12
LONG_NUMBER_DIGITS = 8

DATE = re.compile(
    r"(?<![0-9A-Za-z])(?:(?P<d>\d{1,2})(?P<s>[/.-])(?P<m>\d{1,2})(?P=s)(?P<y>\d{4}|\d{2})"
    r"|(?P<iy>\d{4})(?P<is>-)(?P<im>\d{1,2})-(?P<id>\d{1,2})"
    r"|(?P<y1>20\d\d)(?P<ys>[-/])(?P<y2>20\d\d))(?![0-9A-Za-z])"
)
NIR_SHAPE = re.compile(r"(?=(\d{5}(?:\d\d|2[AB])\d{8}))")


@dataclass(frozen=True)
class Group:
    text: str
    spaced: bool  # joined to the previous group by a run holding a space


def _normalise(text: str) -> str:
    kept = []
    for char in unicodedata.normalize("NFKC", text):
        category = unicodedata.category(char)
        if category in ("Cf", "Mn", "Me"):
            continue  # zero-width characters, soft hyphens, combining marks
        if category == "Nd" and not char.isascii():
            char = str(unicodedata.decimal(char))
        kept.append(char)
    return "".join(kept)


def _is_date(match: re.Match) -> bool:
    """A real date, or a span of a few years, standing alone (not one part of a longer number)."""
    separator = match.group("s") or match.group("is") or match.group("ys")
    text, start, end = match.string, match.start(), match.end()
    if text[end : end + 1] == separator and text[end + 1 : end + 2].isdigit():
        return False  # 12/03/2026/123: a number written with slashes
    if start >= 2 and text[start - 1] == separator and text[start - 2].isdigit():
        return False
    if match.group("y1"):
        return 0 < int(match.group("y2")) - int(match.group("y1")) <= 10
    if match.group("d"):
        day, month, year = int(match.group("d")), int(match.group("m")), match.group("y")
        year = int(year) if len(year) == 4 else 2000 + int(year)
    else:
        day, month, year = int(match.group("id")), int(match.group("im")), int(match.group("iy"))
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def _without_dates(text: str) -> str:
    return DATE.sub(lambda m: "#" if _is_date(m) else m.group(0), text)


def _chains(text: str) -> list[list[Group]]:
    """Groups of ASCII letters and digits, chained across short runs of separators."""
    chains: list[list[Group]] = []
    chain: list[Group] = []
    group, gap, spaced = "", None, False  # gap: separators since the last group, None: a break
    for char in text + "#":
        if char.isascii() and char.isalnum():
            if not group and chain and (gap is None or gap > MAX_GAP):
                chains.append(chain)
                chain = []
            group += char
            continue
        if group:
            chain.append(Group(group, spaced))
            group, gap, spaced = "", 0, False
        if gap is not None and (char.isspace() or char in SEPARATORS):
            gap += 1
            spaced = spaced or char.isspace()
        else:
            gap = None
    if chain:
        chains.append(chain)
    return chains


#: Within a group, a run of digits — with the letters that look like digits (O for 0, l for 1…)
#: when they touch a real one.
DIGIT_RUN = re.compile(r"[0-9OoIl]*[0-9][0-9OoIl]*")
DIGITS_OR_LOOKALIKES = re.compile(r"[0-9OoIl]+")


def _whole_digits(chain: list[Group]) -> list[bool]:
    """Which groups are numbers as a whole: digits and look-alikes with a real digit in them;
    look-alikes alone ("OO", "l") when three or more, or next to such a number."""
    shaped = [DIGITS_OR_LOOKALIKES.fullmatch(g.text) is not None for g in chain]
    real = [shape and any(c.isdigit() for c in g.text) for shape, g in zip(shaped, chain, strict=True)]
    return [
        real[i] or (shaped[i] and (len(chain[i].text) >= 3 or (i > 0 and real[i - 1]) or real[i + 1 : i + 2] == [True]))
        for i in range(len(chain))
    ]


def _pieces(chain: list[Group]) -> list[tuple[str, bool]]:
    """The chain cut into pieces, each (text, is_digits), with look-alikes read as digits.

    Inside a word, only runs holding a real digit count as digits ("tel0612…").
    """
    pieces: list[tuple[str, bool]] = []
    for group, whole in zip(chain, _whole_digits(chain), strict=True):
        if whole:
            pieces.append((group.text.translate(LOOKALIKE_DIGITS), True))
            continue
        position = 0
        for run in DIGIT_RUN.finditer(group.text):
            if run.start() > position:
                pieces.append((group.text[position : run.start()].upper(), False))
            pieces.append((run.group(0).translate(LOOKALIKE_DIGITS), True))
            position = run.end()
        if position < len(group.text):
            pieces.append((group.text[position:].upper(), False))
    return pieces


def _has_nir(chain: list[Group]) -> bool:
    """A NIR written anywhere in the chain, starting and ending where a piece does."""
    pieces = _pieces(chain)
    skeleton = "".join(text for text, _digits in pieces)
    cuts, position = {0}, 0
    for text, _digits in pieces:
        position += len(text)
        cuts.add(position)
    aligned = (m for m in NIR_SHAPE.finditer(skeleton) if m.start() in cuts and m.start() + 15 in cuts)
    return any(stdnum_nir.is_valid(m.group(1)) for m in aligned)


def _has_long_number(chain: list[Group]) -> bool:
    run = 0
    for text, is_digits in _pieces(chain):
        run = run + len(text) if is_digits else 0
        if run >= LONG_NUMBER_DIGITS:
            return True
    return False


def _is_word(text: str) -> bool:
    return text.isalpha() and not text.isupper()


def _looks_like_code(groups: list[Group]) -> bool:
    joined = "".join(g.text for g in groups)
    if not (any(c.isdigit() for c in joined) and any(c.isalpha() for c in joined)):
        return False
    if len(groups) == 1:
        return True
    spaced = any(g.spaced for g in groups[1:])
    shortest = min(len(g.text) for g in groups)
    if spaced:
        return shortest >= 3 and not any(_is_word(g.text) for g in groups)
    return shortest >= 2


def _has_code(chain: list[Group]) -> bool:
    for start in range(len(chain)):
        length = 0
        for end in range(start, len(chain)):
            length += len(chain[end].text)
            if length == CODE_LENGTH and _looks_like_code(chain[start : end + 1]):
                return True
            if length >= CODE_LENGTH:
                break
    return False


def find_identifier(value: str) -> str | None:
    """ "nir", "number" or "code" if the text holds one, else None."""
    text = _normalise(value or "")
    if any(_has_nir(chain) for chain in _chains(text)):
        return "nir"
    chains = _chains(_without_dates(text))
    if any(_has_long_number(chain) for chain in chains):
        return "number"
    if any(_has_code(chain) for chain in chains):
        return "code"
    return None


def has_private_use(value: str) -> bool:
    return any(unicodedata.category(char) == "Co" for char in value or "")


#: Characters that reorder the text around them (a right-to-left override turns « Léa.exe » into
#: something else in an email subject or a calendar): marks, embeddings, overrides, isolates.
BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
#: Line and paragraph separators: a name is one line.
LINE_BREAKS = frozenset("\n\r\u0085\u2028\u2029")


def hidden_character(value: str, *, lines: bool) -> str | None:
    """The first control or bidirectional character of `value`; line breaks and tabs only count
    when the text must be one line (`lines=False`)."""
    for char in value or "":
        if char in BIDI_CONTROLS or (char in LINE_BREAKS and not lines):
            return char
        if unicodedata.category(char) == "Cc" and not (lines and char in "\t\n\r"):
            return char
    return None


HIDDEN_CHARACTER = _(
    "Ce texte contient un caractère invisible ou de contrôle (par exemple un changement de sens "
    "d'écriture) que nous ne pouvons pas enregistrer. Retapez-le sans copier-coller."
)


def one_line_name(value: str) -> None:
    """A name or a label: one line, no control character, nothing that reorders what follows it."""
    if hidden_character(value, lines=False):
        raise ValidationError(HIDDEN_CHARACTER, code="hidden_character")


def no_identifiers(value: str) -> None:
    """Refuse free text that holds an identifier we promised never to store, a placeholder character,
    or a control or bidirectional character (line breaks and tabs are fine in notes)."""
    if hidden_character(value, lines=True):
        raise ValidationError(HIDDEN_CHARACTER, code="hidden_character")
    if has_private_use(value):
        raise ValidationError(
            _("Ce texte contient un caractère spécial que nous ne pouvons pas enregistrer. Retapez-le sans lui."),
            code="private_use",
        )
    if find_identifier(value):
        raise ValidationError(
            _(
                "Pour votre sécurité, nous n'enregistrons aucun long numéro ni code (sécurité sociale, "
                "code provisoire, carte Vitale, téléphone). Retirez-le de ce champ."
            ),
            code="identifier",
        )
