"""System checks on the deployment's own settings (registered by optout.apps).

In production the legal notice and the privacy page name who runs the
instance: it must not start (`migrate` runs the checks first) while they are
empty or still the examples of .env.example.
"""

import re

from django.conf import settings
from django.core.checks import Error, register

#: Values that stand for "not filled in yet".
PLACEHOLDER = re.compile(r"^\s*$|exemple|example|à renseigner|a renseigner", re.IGNORECASE)
REQUIRED = {
    "name": "OPERATOR_NAME",
    "address": "OPERATOR_ADDRESS",
    "email": "OPERATOR_EMAIL",
    "director": "OPERATOR_DIRECTOR",
    "host_name": "HOST_NAME",
    "host_address": "HOST_ADDRESS",
}


def operator_placeholders(operator: dict) -> list[str]:
    """The settings of `operator` that are empty or placeholders."""
    return [variable for key, variable in REQUIRED.items() if PLACEHOLDER.search(operator.get(key) or "")]


@register()
def operator_is_filled_in(app_configs, **kwargs):
    if not settings.PRODUCTION:
        return []
    return [
        Error(
            f"{variable} is empty or a placeholder: the legal notice must name who runs this instance.",
            hint=f"Set {variable} in the environment (see .env.example and docs/operations.md).",
            id="optout.E001",
        )
        for variable in operator_placeholders(settings.OPERATOR)
    ]
