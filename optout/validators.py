"""What free text may hold: the validators of person labels, step notes and call notes.

No identifier we promised never to store (a NIR, a provisional code: optout/identifiers.py finds
them), no private-use character (our renderers use them as placeholders: reminders/speed.py,
optout/page_cache.py; typed text never contains them), no control or bidirectional character.
"""

from __future__ import annotations

import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from optout.identifiers import find_identifier


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
                "Pour votre sécurité, nous n'enregistrons ni numéro de sécurité sociale ni code provisoire. "
                "Retirez-le de ce champ."
            ),
            code="identifier",
        )
