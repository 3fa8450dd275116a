"""Pages anyone can read: home, privacy, legal notice, the accessibility statement, the number checker,
« Ce message est-il authentique ? »."""

from datetime import date, datetime, time

from django.conf import settings
from django.shortcuts import render
from django.views.decorators.http import require_safe

from config.checks import operator_placeholders
from optout import deadlines
from optout.accessibility import RGAA_VERSION, latest_results
from optout.actions import ONLINE_UNTIL, action_for
from optout.sources import sources
from optout.vocabulary import Route
from optout.wording.clock import clock, line_hours, weekdaydate
from optout.wording.glossary import ENTRIES
from optout.wording.letter import line_closed

HOME_SOURCES = (
    "L1111-13-1",
    "R1111-26",
    "R1111-28",
    "R1111-36",
    "R1111-36-demande",
    "decret-2021-1048",
    "F36151",
    "monespacesante",
    "senat-2022",
    "rgpd-12",
    "cnil-plaintes",
)


#: The home page's worked example: a letter whose advised day falls on a Sunday, so that it shows what
#: a weekend changes (the 3422 is closed: call by the Friday before, or refuse online until that Sunday).
EXAMPLE_SENT, EXAMPLE_RECEIVED = date(2026, 11, 2), date(2026, 11, 6)


def worked_example() -> dict:
    """Every figure of the example, from the rules themselves (optout.deadlines, optout.actions)."""
    d = deadlines.deadlines_for(EXAMPLE_SENT, EXAMPLE_RECEIVED)
    start = datetime.combine(EXAMPLE_RECEIVED, time(9), tzinfo=deadlines.PARIS)
    call = action_for(d, route=Route.PHONE, now=start)
    return {
        "sent": weekdaydate(d.sent_on),
        "received": weekdaydate(d.received_on),
        "by_sending": weekdaydate(d.legal_deadline),
        "by_receipt": weekdaydate(d.by_receipt),
        "act_by": weekdaydate(d.act_by),
        "why_closed": line_closed(d.act_by, None),
        "call_day": weekdaydate(call.day),
        "call_hour": clock(deadlines.line.LINE_CLOSES),
        "online_hour": clock(ONLINE_UNTIL),
        "legal": weekdaydate(d.legal_deadline),
    }


@require_safe
def home(request):
    listed = sources(*HOME_SOURCES)
    context = {"sources": listed, "cite": {s.key: s for s in listed}, "example": worked_example()}
    context["line_hours"] = line_hours()
    return render(request, "pages/home.html", context)


def _operator() -> dict:
    """Who runs the instance; `demo` when it is not filled in (a development or demonstration instance)."""
    return {**settings.OPERATOR, "demo": bool(operator_placeholders(settings.OPERATOR))}


@require_safe
def glossary(request):
    """The French words people meet here, explained; pages link their first use of each to it."""
    return render(request, "pages/glossary.html", {"entries": ENTRIES})


@require_safe
def privacy(request):
    return render(request, "pages/privacy.html", {"operator": _operator()})


@require_safe
def legal(request):
    return render(request, "pages/legal.html", {"operator": _operator()})


@require_safe
def accessibility(request):
    """The accessibility statement, in the RGAA's form, with the figures of the browser suite's last run."""
    context = {"results": latest_results(), "rgaa_version": RGAA_VERSION, "operator": _operator()}
    return render(request, "pages/accessibility.html", context)


@require_safe
def checker(request):
    return render(request, "pages/checker.html")


GENUINE_SOURCES = ("F36151", "R1111-28", "ameli-hameconnage", "monespacesante")


@require_safe
def genuine(request):
    """How to tell the real letter or email from a scam, and where to check. It never asks for the message."""
    listed = sources(*GENUINE_SOURCES)
    context = {"sources": listed, "cite": {s.key: s for s in listed}, "line_hours": line_hours()}
    return render(request, "pages/genuine.html", context)
