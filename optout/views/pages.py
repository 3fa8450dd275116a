from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe

from optout import deadlines, page_cache, selectors
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
    now = timezone.now()
    today = deadlines.local_today(now, request.user.time_zone)

    def build():
        board = selectors.dashboard_for(user=request.user, now=now)
        return {"html": render_to_string("optout/_dashboard_content.html", {"board": board}, request=request)}

    parts = page_cache.fragment(request, "dashboard", today.isoformat(), build)
    return render(request, "optout/dashboard.html", {"content": mark_safe(parts["html"])})  # noqa: S308
