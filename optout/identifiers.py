"""The one detector of identifiers in free text (person labels, step notes, call notes), used by
optout/validators.py.

We promised never to store a social security number (NIR) or a provisional code.
People type them the way they read them — and anyone can type them any other way —
so the detector works from what the text means, not from a list of known tricks:

1. The text is read as typed and decoded (HTML character references, percent-encoding:
   %31%38…), each normalised: Unicode NFKC (full-width and circled digits, ligatures, every
   kind of space); every character that stands for a digit read as that digit (any
   script's digits, ❶, ⑴…); accents dropped; letters of other scripts that look like
   Latin ones read as them (Unicode's confusables table, UTS #39, through the
   confusable-homoglyphs package); invisible characters dropped.
2. What remains is cut into tokens of ASCII letters and digits; any run of anything
   else — a space, `:|'=~!#&^?<>→∕⁄`, a Hangul filler, a braille blank — separates them.
3. A NIR is found by its structure and its key: 15 characters, a sex digit (1, 2), a month (01–12),
   a département (2A/2B for Corsica) and the key python-stdnum checks, starting and
   ending where a token or a run of digits does, across any separators but the start of
   another number (an international prefix +33, a phone number written in one piece). Within such
   runs the letters that look like digits are read as digits (O and Q for 0, I and l for 1,
   Z for 2, S for 5, G and b for 6, B for 8, g and q for 9).
4. A provisional code is found by its shape: 12 letters and digits, at least one of each,
   written as one token, as groups of equal length (6+6, 4+4+4, 3+3+3+3, pairs, one
   character at a time), or as a run of groups standing alone that holds a group mixing
   letters and digits. Ordinary words break a code (short French words, lowercase words
   with a vowel, the acronyms of the field: CPAM, CAF, RDV…), and so do dates and times
   (12/03/2026, 12/03/26, 2026-03-12T09:30, 10h30: a year of two digits, or from 1900 to 2100).

Everything else passes: dates in any format, hours, phone numbers, a registered letter's
number, postcodes, counts. A Vitale serial (8, 11 or 13 digits) cannot be told from a phone
or a registered letter's number, and is not looked for: the forms ask not to type it.
"""

from __future__ import annotations

import html
import json
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources
from urllib.parse import unquote

from stdnum.fr import nir as stdnum_nir

CODE_LENGTH = 12
NIR_LENGTH = 15
#: Letters read as the digit they look like, inside a run that may be a NIR.
DIGIT_LOOKALIKES = str.maketrans("OoQIilZzSsGbBgq", "000111225566899")
#: Short French words that sit between numbers in ordinary notes ("07/12, 08/12 et 09/12").
_SHORT_WORDS = (
    "a à au aux ce ces d de des du en et il j je l la le les leur lui m ma me mes mon n ne ni nos "
    "on ou par pas pour qu que qui s sa se ses si son sur t ta te tes ton tu un une vos vous y"
)
SHORT_WORDS = frozenset(_SHORT_WORDS.split())
#: A token that is a time, an ordinal or a quantity, not a part of a code: 10h, 10h30, 1er, 3e, 2eme, 15min.
NUMBER_WORD = re.compile(r"\d{1,2}h\d{0,2}|\d{1,4}(?:er|re|e|eme|ème|nd|nde|min|mn|ans?|km|kg)")
#: Dates and times, whatever separates their parts: day month year, year month day[Thh[mm]].
DATE_TOKENS = [
    re.compile(r"(?<!\w)(\d{1,2}) (\d{1,2}) (\d{4}|\d{2})(?!\w)"),
    re.compile(r"(?<!\w)(\d{4}) (\d{2}) (\d{2})(?:[Tt](\d{1,2}))?(?!\w)"),
]
VOWELS = frozenset("aeiouyAEIOUY")
#: Capitals that are ordinary words in notes about the Assurance Maladie, not parts of a code.
_ACRONYMS = "ARS CAF CEDEX CGSS CNAM CNIL CPAM CSP DMP FAX LRAR MES MGEN MSA NIR PDF RAR RDV SMS TEL TSA URSSAF"
ACRONYMS = frozenset(_ACRONYMS.split())


@cache
def _confusables() -> dict[str, str]:
    """Non-ASCII characters that look like an ASCII letter or digit, from Unicode's table."""
    data = json.loads(resources.files("confusable_homoglyphs").joinpath("confusables.json").read_text("utf-8"))
    table = {}
    for char, glyphs in data.items():
        if len(char) != 1 or char.isascii():
            continue
        latin = [g["c"] for g in glyphs if len(g["c"]) == 1 and g["c"].isascii() and g["c"].isalnum()]
        if latin:
            table[char] = latin[0]
    return table


def _readings(text: str) -> list[str]:
    """The text as typed, then each step of decoding it (HTML references, percent-encoding), up to
    three layers deep: an identifier may hide behind any of them. No deeper: each layer doubles the
    readings, and no one types a number encoded four times over."""
    readings, layer = [text], [text]
    for _depth in range(3):
        layer = [decoded for reading in layer for decoded in (html.unescape(reading), unquote(reading))]
        layer = [reading for reading in dict.fromkeys(layer) if reading not in readings]
        readings += layer
    return readings


def _normalise(text: str) -> str:
    """The text as the detector reads it: ASCII letters and digits where a character stands for one."""
    confusables = _confusables()
    kept = []
    for char in unicodedata.normalize("NFKC", text):
        if char.isascii():
            kept.append(char)
            continue
        category = unicodedata.category(char)
        if category in ("Cf", "Mn", "Me"):
            continue  # zero-width characters, soft hyphens, combining marks
        digit = unicodedata.digit(char, None)
        if digit is not None:
            kept.append(str(digit))
            continue
        base = unicodedata.normalize("NFKD", char)[:1]
        if base.isascii() and base.isalnum():
            kept.append(base)  # é → e
        elif char in confusables:
            kept.append(confusables[char])  # Cyrillic О → O
        elif (value := unicodedata.numeric(char, None)) is not None and value.is_integer():
            kept.append(str(int(value)))  # 八 → 8, 十 → 10
        else:
            kept.append(" ")  # anything else separates, a half (৴, ༳) too
    return "".join(kept)


@dataclass(frozen=True)
class Token:
    text: str

    @property
    def has_digit(self) -> bool:
        return any(c.isdigit() for c in self.text)

    @property
    def has_letter(self) -> bool:
        return any(c.isalpha() for c in self.text)

    @property
    def is_break(self) -> bool:
        """An ordinary word, a time or an ordinal: no code runs across it."""
        text = self.text
        if (text.lower() in SHORT_WORDS and not text.isupper()) or text.upper() in ACRONYMS:
            return True
        if NUMBER_WORD.fullmatch(text):
            return True
        return text.isalpha() and len(text) >= 2 and not text.isupper() and bool(VOWELS & set(text))


def _tokens(text: str) -> list[Token]:
    return [Token(m.group(0)) for m in re.finditer(r"[A-Za-z0-9]+", text)]


#: Where a new number starts, that no NIR runs across: an international prefix standing alone
#: ("+33 6…"), or a phone number written in one piece (0612345678).
NEW_NUMBER = re.compile(r"(?:^|(?<=\s))\+(?=\d{1,3}\s)|(?<![A-Za-z0-9])0\d{9}(?![A-Za-z0-9])")


def _numbers(text: str) -> list[list[Token]]:
    """The text's tokens, in pieces that a NIR cannot run across."""
    pieces, position = [], 0
    for match in NEW_NUMBER.finditer(text):
        pieces.append(text[position : match.start()])
        position = match.end()
    pieces.append(text[position:])
    return [_tokens(piece) for piece in pieces]


# A NIR ---------------------------------------------------------------------------------------


def _nir_runs(tokens: list[Token]) -> tuple[str, str, set[int]]:
    """All tokens end to end, as typed (in capitals) and with look-alike letters read as digits, and
    where a NIR may start or end: a token's edges, and the edges of each run of digits inside one."""
    typed, skeleton, cuts = "", "", {0}
    for token in tokens:
        mapped = token.text.translate(DIGIT_LOOKALIKES)
        for run in re.finditer(r"\d+|[^\d]+", mapped):
            cuts.add(len(skeleton) + run.start())
        typed += token.text.upper()
        skeleton += mapped
        cuts.add(len(skeleton))
    return typed, skeleton, cuts


#: Born a man or a woman (1, 2), a year, a month (01–12), a département: the NIRs people hold. The rarer
#: ones (temporary numbers, unknown months) are left out: with them, runs of ordinary numbers would
#: pass for NIRs far more often.
NIR_SHAPE = re.compile(r"[12]\d\d(?:0[1-9]|1[0-2])(?:\d\d|2[AB])\d{8}")


def _is_nir(candidate: str) -> bool:
    return NIR_SHAPE.fullmatch(candidate) is not None and stdnum_nir.is_valid(candidate)


def _has_nir(tokens: list[Token]) -> bool:
    typed, skeleton, cuts = _nir_runs(tokens)
    for start in sorted(cuts):
        end = start + NIR_LENGTH
        if end not in cuts:
            continue
        candidate = skeleton[start:end].upper()
        if _is_nir(candidate):
            return True
        corsica = candidate[5] + typed[start + 6]  # 2A or 2B, the B not read as an 8
        if corsica in ("2A", "2B") and _is_nir(candidate[:5] + corsica + candidate[7:]):
            return True
    return False


# A provisional code --------------------------------------------------------------------------


def _is_date(first: str, second: str, third: str, *, day_first: bool) -> bool:
    """A day (1–31), a month (1–12) and a year written with two digits (05, 26) or from 1900 to 2100."""
    day, month, year = (first, second, third) if day_first else (third, second, first)
    return 1 <= int(day) <= 31 and 1 <= int(month) <= 12 and (len(year) == 2 or 1900 <= int(year) <= 2100)


def _without_dates(tokens: list[Token]) -> list[Token | None]:
    """Dates and times replaced by a break (None): "12 03 2026", "2026 03 12T09 30"."""
    words = " ".join(t.text for t in tokens)
    spans = []
    for pattern in DATE_TOKENS:
        for match in pattern.finditer(words):
            start, end = match.span()
            overlaps = any(start < b and a < end for a, b in spans)
            if not overlaps and _is_date(*match.groups()[:3], day_first=pattern is DATE_TOKENS[0]):
                spans.append((start, end))
    result: list[Token | None] = []
    position = 0
    for token in tokens:
        start = words.index(token.text, position)
        position = start + len(token.text)
        inside = any(a <= start and position <= b for a, b in spans)
        result.append(None if inside else token)
    return result


def _segments(tokens: list[Token | None]) -> list[list[Token]]:
    """Runs of tokens between breaks (dates, times, ordinary words)."""
    segments, current = [], []
    for token in tokens:
        if token is None or token.is_break:
            if current:
                segments.append(current)
            current = []
        else:
            current.append(token)
    if current:
        segments.append(current)
    return segments


def _mixed(tokens: list[Token]) -> bool:
    return any(t.has_digit for t in tokens) and any(t.has_letter for t in tokens)


def _has_code(tokens: list[Token]) -> bool:
    for segment in _segments(_without_dates(tokens)):
        # One token, or groups of one length: 12, 6+6, 4+4+4, 3+3+3+3, pairs, one character at a time.
        # Not inside a longer run of numbers: a neighbour that is a number makes it a list of numbers.
        for start in range(len(segment)):
            size = len(segment[start].text)
            if CODE_LENGTH % size:
                continue
            end = start + CODE_LENGTH // size
            window = segment[start:end]
            if len(window) * size != CODE_LENGTH or any(len(t.text) != size for t in window) or not _mixed(window):
                continue
            neighbours = segment[max(start - 1, 0) : start] + segment[end : end + 1]
            if not any(t.text.isdigit() for t in neighbours):
                return True
        # Groups of other lengths standing alone, one of them mixing letters and digits: "ABC DEFG HIJ45".
        if (
            sum(len(t.text) for t in segment) == CODE_LENGTH
            and _mixed(segment)
            and any(t.has_digit and t.has_letter for t in segment)
        ):
            return True
    return False


def find_identifier(value: str) -> str | None:
    """ "nir" or "code" if the text holds one, else None.

    Read as typed and decoded: "%" and "&" are separators too ("1%00%01…" is not percent-encoding).
    """
    for reading in _readings(value or ""):
        text = _normalise(reading)
        tokens = _tokens(text)
        if any(_has_nir(piece) for piece in _numbers(text)):
            return "nir"
        if _has_code(tokens):
            return "code"
    return None
