import html
import re
from datetime import date, datetime

from optout import deadlines, services
from optout.services import LetterData
from optout.vocabulary import Channel, Relation, Route
from tests.factories import PersonFactory, UserFactory

#: The links that make the 3422 and monespacesante.fr act, and those from a term's first use to the
#: glossary (optout/templatetags `actions`).
ACTION_LINK = re.compile(r'<a href="[^"]+" class="(?:action-link|glossary-link)"(?: lang="fr")?>([^<]+)</a>')


def plain(words: str) -> str:
    """French typography undone (no-break spaces, typographic apostrophes): tests check wording,
    tests/project/test_typography.py checks typography."""
    return words.replace("\u202f", " ").replace("\u00a0", " ").replace("’", "'")


def text(response) -> str:
    """A page's HTML with entities decoded and the 3422's and monespacesante.fr's links unwrapped,
    and plain spaces and apostrophes, so tests read like the page does."""
    return plain(ACTION_LINK.sub(r"\1", html.unescape(response.content.decode())))


def our_url_patterns(resolver=None):
    """Every named URL pattern served by our own apps (not the admin, not allauth)."""
    from django.urls import URLPattern, URLResolver, get_resolver

    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            yield from our_url_patterns(entry)
        elif (
            isinstance(entry, URLPattern)
            and entry.name
            and entry.callback.__module__.startswith(("optout.", "accounts."))
        ):
            yield entry


# Shared time and data ---------------------------------------------------------

PARIS = deadlines.PARIS
#: Monday 2 March 2026, 10:00 in Paris: the 3422 line is open.
NOW = datetime(2026, 3, 2, 10, 0, tzinfo=PARIS)
#: The default letter: sent 20 February, received 24 February 2026 — act by 24 March 2026.
SENT_ON, RECEIVED_ON = date(2026, 2, 20), date(2026, 2, 24)


def letter(sent_on=SENT_ON, received_on=RECEIVED_ON, had_code=False, channel=Channel.POST) -> LetterData:
    return LetterData(channel=channel, sent_on=sent_on, received_on=received_on, had_code=had_code)


def open_case(
    user=None,
    route=Route.PHONE,
    *,
    person=None,
    label="Moi",
    relation=Relation.SELF,
    now=NOW,
    **letter_kwargs,
):
    """A case opened through the service, as a person would: for `person`, or a new one of `user`
    (a new verified account if none). A closure case has no letter unless dates are given;
    `received_on=None` also means no letter."""
    if person is None:
        person = PersonFactory(owner=user or UserFactory(), label=label, relation=relation)
    no_letter = (route == Route.CLOSURE and not letter_kwargs) or letter_kwargs.get("received_on", 1) is None
    data = None if no_letter else letter(**letter_kwargs)
    return services.case_open(person=person, route=route, letter=data, now=now)
