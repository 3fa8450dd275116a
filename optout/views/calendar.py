"""The private calendar feed, and the page that gives its address."""

from urllib.parse import quote

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from optout import selectors, services
from optout.calendar import ics_response, to_ical


@require_safe
def calendar_feed(request, token):
    """A user's private calendar: every case's dates, in their language."""
    user = selectors.calendar_feed_owner(token=token)
    if user is None:
        raise Http404
    with translation.override(user.language):
        events = selectors.calendar_events_for(user=user, now=timezone.now())
        name = _("%(site)s — mes dates") % {"site": settings.SITE_NAME}
        body = to_ical(events, name=name, now=timezone.now())
    return ics_response(body, "a-temps.ics")


@login_required
@require_http_methods(["GET", "POST"])
def calendar_settings(request):
    if request.method == "POST":
        had_one = selectors.calendar_feed_for(user=request.user) is not None
        services.calendar_feed_regenerate(user=request.user, now=timezone.now())
        if had_one:
            messages.success(request, _("Voici votre nouvelle adresse. L'ancienne ne fonctionne plus."))
        else:
            messages.success(request, _("Voici l'adresse de votre agenda. Ajoutez-la à votre application d'agenda."))
        return redirect("calendar_settings")
    feed = selectors.calendar_feed_for(user=request.user)
    context = {"feed": feed}
    if feed:
        https_url = settings.SITE_URL + reverse("calendar_feed", args=[feed.token])
        webcal_url = "webcal://" + https_url.split("://", 1)[1]
        context.update(
            https_url=https_url,
            webcal_url=webcal_url,
            google_url="https://calendar.google.com/calendar/render?cid=" + quote(webcal_url, safe=""),
            outlook_url=(
                "https://outlook.live.com/calendar/0/addfromweb?url="
                + quote(https_url, safe="")
                + "&name="
                + quote(settings.SITE_NAME, safe="")
            ),
        )
    return render(request, "optout/calendar_settings.html", context)
