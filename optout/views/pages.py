from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from optout import selectors
from optout.sources import sources

HOME_SOURCES = (
    "L1111-13-1",
    "R1111-28",
    "R1111-33",
    "R1111-36",
    "decret-2021-1048",
    "F36151",
    "monespacesante",
    "senat-2022",
)


def home(request):
    return render(request, "pages/home.html", {"sources": sources(*HOME_SOURCES)})


@login_required
def dashboard(request):
    board = selectors.dashboard_for(user=request.user, now=timezone.now())
    return render(request, "optout/dashboard.html", {"board": board})
