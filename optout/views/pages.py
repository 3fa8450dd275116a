"""Pages anyone can read: home, privacy, legal notice, the number checker."""

from django.conf import settings
from django.shortcuts import render
from django.views.decorators.http import require_safe

from config.checks import operator_placeholders
from optout.sources import sources

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


@require_safe
def home(request):
    listed = sources(*HOME_SOURCES)
    return render(request, "pages/home.html", {"sources": listed, "cite": {s.key: s for s in listed}})


def _operator() -> dict:
    """Who runs the instance; `demo` when it is not filled in (a development or demonstration instance)."""
    return {**settings.OPERATOR, "demo": bool(operator_placeholders(settings.OPERATOR))}


@require_safe
def privacy(request):
    return render(request, "pages/privacy.html", {"operator": _operator()})


@require_safe
def legal(request):
    return render(request, "pages/legal.html", {"operator": _operator()})


@require_safe
def checker(request):
    return render(request, "pages/checker.html")
