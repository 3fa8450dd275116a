import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Eight digits or more, alone or in groups separated by a space, dot or dash:
# a social security number (13 + 2), a Vitale serial (8 to 13), a phone number.
LONG_NUMBER = re.compile(r"\d(?:[ .\-\u00a0]?\d){7,}")


def no_identifiers(value: str) -> None:
    """Refuse free text that holds an identifier we promised never to store."""
    if LONG_NUMBER.search(value or ""):
        raise ValidationError(
            _(
                "Pour votre sécurité, nous n'enregistrons aucun long numéro (sécurité sociale, carte Vitale, "
                "téléphone). Retirez-le de ce champ."
            ),
            code="identifier",
        )
