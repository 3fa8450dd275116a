"""Dates written out, countdowns, and links that act, the way our pages and emails want them."""

import re
from datetime import date

from django import template
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from optout import vocabulary
from optout.advice import call_advice as advice_after_call
from optout.routes import ROUTES, STEP_TITLES
from optout.vocabulary import CallOutcome, EventKind, Relation, RequestChannel, RequestKind
from optout.wording import Who, called
from optout.wording.facts import facts
from optout.wording.glossary import LINKED
from optout.wording.letter import letter_said as said_of_letter
from optout.wording.people import call_outcomes

register = template.Library()

NBSP = "\u00a0"


def _long(day: date, with_weekday: bool) -> str:
    weekday = date_format(day, "l") + " " if with_weekday else ""
    french = get_language() == "fr"
    # French writes the first of the month « 1er février », and never breaks a line inside « 5 février ».
    number = "1er" if day.day == 1 and french else str(day.day)
    return f"{weekday}{number}{NBSP if french else ' '}{date_format(day, 'F Y')}"


@register.filter
def letter_said(letter) -> str:
    """A stored letter in one sentence: its kind, who wrote it, its dates (marked when estimated), its code."""
    return said_of_letter(letter) if letter else ""


@register.filter
def localday(value) -> date | None:
    """The calendar day of an aware datetime, in the active time zone."""
    return timezone.localtime(value).date() if value else None


@register.filter
def moment(value) -> str:
    """A date and time: « 5 février 2022 à 10 h 32 » in French, « 5 February 2022, 10:32 » in English."""
    if not value:
        return ""
    local = timezone.localtime(value)
    day = _long(local.date(), with_weekday=False)
    if get_language() == "fr":
        return f"{day} à {local.hour}{NBSP}h{NBSP}{local.minute:02d}"
    return f"{day}, {local:%H:%M}"


@register.filter
def longdate(day: date | None) -> str:
    """5 février 2022 / 5 February 2022."""
    return _long(day, with_weekday=False) if day else ""


@register.filter
def weekdaydate(day: date | None) -> str:
    """lundi 5 février 2022 / Monday 5 February 2022."""
    return _long(day, with_weekday=True) if day else ""


@register.filter
def countdown(days: int | None) -> str:
    """J-12 until the day, J-0 on the day itself."""
    if days is None or days < 0:
        return ""  # a date that has passed is said in words, never as a headline
    return f"J-{days}"


@register.filter
def outcome_said(call, who=None) -> str:
    """How a call went, as whoever called would say it (another adult of the household calls themself)."""
    return _outcome(call.outcome, who)


def _outcome(outcome: str, who) -> str:
    words = call_outcomes(who) if who is not None else {}
    return str(words.get(outcome) or CallOutcome(outcome).label)


@register.filter
def event_text(event, who=None) -> str:
    """One line of a case's timeline, in the reader's language (`who`: whose case, for the words of a call)."""
    data, kind = event.data, event.kind
    if kind == EventKind.OPENED:
        return _("Démarche commencée : %(route)s") % {"route": ROUTES[data["route"]].name}
    if kind == EventKind.ROUTE_CHANGED:
        return _("Démarche changée : %(previous)s → %(route)s") % {
            "previous": ROUTES[data["previous"]].name,
            "route": ROUTES[data["route"]].name,
        }
    if kind == EventKind.STEP_DONE:
        return _("Étape faite : %(step)s") % {"step": STEP_TITLES.get(data["step"], data["step"])}
    if kind == EventKind.STEP_UNDONE:
        return _("Étape de nouveau à faire : %(step)s") % {"step": STEP_TITLES.get(data["step"], data["step"])}
    if kind == EventKind.CALL_LOGGED:
        return _("Appel au 3422 : %(outcome)s") % {"outcome": _outcome(data["outcome"], who)}
    if kind == EventKind.WINDOW_MISSED:
        return _("Date limite passée sans opposition marquée comme faite : la démarche passe à la clôture")
    return _request_event_text(kind, data) or kind


def _request_event_text(kind: str, data: dict) -> str:
    day = longdate(date.fromisoformat(data["day"])) if "day" in data else ""
    if kind == EventKind.REQUEST_SENT:
        return _("Demande écrite envoyée le %(day)s (%(channel)s) : %(request)s") % {
            "day": day,
            "channel": RequestChannel(data["channel"]).label,
            "request": RequestKind(data["request"]).label,
        }
    texts = {
        EventKind.REQUEST_DELIVERED: _("Demande écrite reçue par la caisse le %(day)s"),
        EventKind.REQUEST_EXTENDED: _("Prolongation du délai de réponse annoncée le %(day)s"),
        EventKind.REQUEST_ANSWERED: _("Réponse à la demande écrite reçue le %(day)s"),
        EventKind.REQUEST_REMOVED: _("Demande écrite retirée du suivi"),
    }
    return texts[kind] % {"day": day} if kind in texts else ""


@register.filter
def page_messages(messages) -> list:
    """The messages for the top of the page: a step's own is shown beside the step (optout/views/cases.py)."""
    return [message for message in messages if "step-" not in (message.extra_tags or "")]


@register.filter
def get_item(mapping: dict, key: str):
    return mapping.get(key)


@register.filter
def step_title(kind: str) -> str:
    return str(STEP_TITLES.get(kind, kind))


@register.filter
def reminder_about(kind: str) -> str:
    """What a reminder of this kind is about, in a few words."""
    return vocabulary.reminder_about(kind)


@register.filter
def call_advice(call, who=None) -> str:
    """What to do after this call, said to whoever calls (`who`: the case's Who; yourself by default)."""
    if not call:
        return ""
    return advice_after_call(call.outcome, who or Who(relation=Relation.SELF, label=""))


#: What acts when tapped: the 3422 (a call) and monespacesante.fr (the official site).
_ACTIONABLE = re.compile(r"(?<![\w/.])(3422|monespacesante\.fr)(?![\w/])")
_LINKS = {
    "3422": '<a href="tel:3422" class="action-link">3422</a>',
    "monespacesante.fr": '<a href="https://www.monespacesante.fr/" class="action-link">monespacesante.fr</a>',
}
#: Elements whose text must stay text: links already, controls and their labels, code.
_KEEP = {"a", "button", "option", "select", "textarea", "label", "summary", "title", "script", "style", "code"}
#: Nor in a heading: a link there splits what a screen reader says of it.
_KEEP |= {"h1", "h2", "h3", "h4", "h5", "h6"}
_TAG = re.compile(r"(<[^>]*>)")
_NAME = re.compile(r"<\s*(/?)\s*([a-zA-Z0-9]+)")


#: French quoted inside our English texts: the labels of French sites and the French sources' words. Only
#: these are marked, never a name someone typed (tests/project/test_translations.py keeps the list whole).
FRENCH_QUOTED = (
    "Adresser une plainte",
    "Adresses et contacts",
    "CGSS de …",
    "CPAM de …",
    "Caisse de sécurité sociale de Mayotte",
    "Clôturer Mon espace santé",
    "MGEN",
    "MSA …",
    "Mon espace santé, le carnet de santé numérique de votre enfant",
    "Paramètres",
    "Vous portez plainte à la CNIL",
    "directement auprès de sa caisse de rattachement par courrier postal ou par mail",
    "la CPAM de …",
    "section locale mutualiste",
)
#: French inside an English page: those quotes, and the service's name.
_FRENCH = re.compile(
    "(" + "|".join(f"«[ \u00a0\u202f]*{re.escape(q)}[ \u00a0\u202f]*»" for q in FRENCH_QUOTED) + "|Mon espace santé)"
)
#: Elements where a <span> cannot go (their content is text only).
_TEXT_ONLY = {"option", "title", "textarea", "script", "style"}
#: Elements with no closing tag.
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_LANG_FR = re.compile(r"""\blang=["']?fr""")


#: Any term of the glossary, to pass over text that has none in one search.
_ANY_TERM = re.compile("|".join(f"(?:{pattern.pattern})" for _key, pattern in LINKED))


def _glossary_linker(french_page: bool):
    """Links the first use on a page of each term of the glossary (optout/wording/glossary.py) to its entry."""
    linked: set[str] = set()
    base = reverse("glossary")

    def link(text: str) -> str:
        if len(linked) == len(LINKED) or not _ANY_TERM.search(text):  # most text names no term
            return text
        for key, pattern in LINKED:
            if key in linked:
                continue
            match = pattern.search(text)
            if match is None:
                continue
            linked.add(key)
            lang = "" if french_page or match.group(0).endswith(("card", "cards")) else ' lang="fr"'
            anchor = f'<a href="{base}#{key}" class="glossary-link"{lang}>{match.group(0)}</a>'
            text = text[: match.start()] + anchor + text[match.end() :]
        return text

    return link


@register.filter(is_safe=True)
def actions(html: str, glossary: str = "") -> str:
    """Rendered HTML in, the same with the 3422 as a `tel:` link and monespacesante.fr as a link,
    and, on a page that is not in French, French words marked `lang="fr"` (read with a French voice).

    Only text outside tags is touched; links are never put inside links, buttons, form controls and
    labels (a link there would be invalid or would steal the click), and nothing is marked again
    inside an element that is French already (the letter to the caisse).
    """
    mark_french = not (get_language() or "fr").startswith("fr")
    link_terms = _glossary_linker(not mark_french) if glossary else None
    # The open elements, and how many of them keep their text as it is, are text only, or are French.
    open_tags: list[tuple[str, bool]] = []  # (name, is French)
    keep = text_only = french = 0
    out = []
    for part in _TAG.split(str(html)):
        if part.startswith("<"):
            match = _NAME.match(part)
            if match and match.group(2).lower() not in _VOID and not part.endswith("/>"):
                name = match.group(2).lower()
                if match.group(1):  # a closing tag: back to where its element opened
                    while open_tags:
                        closed, was_french = open_tags.pop()
                        keep -= closed in _KEEP
                        text_only -= closed in _TEXT_ONLY
                        french -= was_french
                        if closed == name:
                            break
                else:
                    is_french = "lang" in part and bool(_LANG_FR.search(part))
                    open_tags.append((name, is_french))
                    keep += name in _KEEP
                    text_only += name in _TEXT_ONLY
                    french += is_french
            out.append(part)
            continue
        if text_only or not part or part.isspace():
            out.append(part)  # nothing to mark or link here
            continue
        if mark_french and not french:
            part = _FRENCH.sub(r'<span lang="fr">\1</span>', part)
        if keep:  # no link inside a link, a button, a label, a heading…
            out.append(part)
            continue
        if link_terms is not None and not french:
            part = link_terms(part)
        out.append(_ACTIONABLE.sub(lambda m: _LINKS[m.group(1)], part))
    return mark_safe("".join(out))  # noqa: S308 - the input is our escaped HTML; links and spans are ours


register.filter("called", called)


@register.filter
def which(name) -> str:
    """The end of a control's accessible name: « C'est fait » + « : Préparer l'appel » (« Done: Prepare… »)."""
    return _(" : %(name)s") % {"name": name}


@register.simple_tag
def rule_facts() -> dict[str, str]:
    """The rules' periods in words, from their constants (optout.wording.facts), in the active language:
    `{% rule_facts as facts %}`, then `{% blocktranslate with deletion_period=facts.deletion_period %}`."""
    return facts()
