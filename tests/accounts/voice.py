"""What "in our voice" means for allauth's pages and emails, as checks the tests share."""

import html
import re
from pathlib import Path

from django.conf import settings
from django.urls import reverse

OUR_TEMPLATES = Path(settings.BASE_DIR) / "templates"
#: allauth's templates that only extend a layout (ours) and hold no word.
PLUMBING = {
    "account/base_entrance.html",
    "account/base_manage.html",
    "account/base_manage_email.html",
    "account/base_manage_password.html",
}
#: A host and port, or the test client's host: what allauth writes when it builds links from the request.
HOST_AND_PORT = re.compile(r"\b(?:\d{1,3}(?:\.\d{1,3}){3}|localhost|testserver):\d+|\btestserver\b")
#: The English word in French text; an address such as ana@example.org is not it.
BARE_EMAIL = re.compile(r"(?<![@.\w])e-?mail\b", re.IGNORECASE)


def plain(text: str) -> str:
    """`text` with French typography undone (no-break spaces, typographic apostrophes), to compare words."""
    return text.replace("\u202f", " ").replace("\u00a0", " ").replace("\u2019", "'")


def visible_text(page: str) -> str:
    """The words a reader sees, typography undone: tags, scripts and attributes left out."""
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.DOTALL)
    return plain(re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page))))


def templates_not_ours(response) -> list[str]:
    """allauth templates the response used that are not ours."""
    return sorted(
        {
            template.name
            for template in response.templates
            if template.name
            and template.name.startswith(("account/", "allauth/"))
            and template.name not in PLUMBING
            and not Path(template.origin.name).is_relative_to(OUR_TEMPLATES)
        }
    )


def words_out_of_our_voice(text: str, language: str) -> list[str]:
    """« e-mail » in any language, the English « email » on a French page, a host and port.

    Addresses (/compte/courriel/confirmation/…) are not words; their hosts are checked."""
    words = re.sub(r"https?://\S+", " ", text)
    found = re.findall(r"e-mail", words, flags=re.IGNORECASE) + HOST_AND_PORT.findall(text)
    if language == "fr":
        found += BARE_EMAIL.findall(words)
    return found


def reauthenticate(client, password: str) -> None:
    """Type the password again, as allauth asks before any change to the account."""
    client.post(reverse("account_reauthenticate"), {"password": password})


def reauthenticate_by_code(client, user, outbox) -> None:
    """Confirm it's you with a code by email, for an account without a password."""
    client.post(reverse("account_request_reauthentication_code"), {"recipient": user.email})
    code = re.search(r"^\s*([A-Z0-9]{4}-?[A-Z0-9]{4})\s*$", outbox[-1].body, re.MULTILINE).group(1)
    client.post(reverse("account_confirm_reauthentication_code"), {"code": code})
