from urllib.parse import quote

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from optout import deadlines, routes, selectors, services
from optout.advice import recommend_route
from optout.calendar import deadline_events, to_ical
from optout.forms import CalculatorForm
from optout.models import CalendarFeed


def _ics_response(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


def _with_format_ics(request) -> str:
    params = request.GET.copy()
    params["format"] = "ics"
    return f"{reverse('calculator')}?{params.urlencode()}"


def calculator(request):
    """The deadline from two dates, without an account. GET only; nothing is stored."""
    now = timezone.now()
    today = timezone.localdate(now)
    submitted = "received_on" in request.GET or "sent_on" in request.GET
    form = CalculatorForm(request.GET if submitted else None, today=today)
    context = {"form": form}
    if submitted and form.is_valid():
        data = form.cleaned_data
        result = deadlines.deadlines_for(data["sent_on"], data["received_on"], data["departement"] or None)
        if request.GET.get("format") == "ics":
            # The same dates give the same UIDs: a second import updates the events.
            base = f"calc-{data['sent_on'] or 'none'}-{data['received_on']}-{data['departement'] or 'fr'}"
            events = deadline_events(result, uid_base=base)
            return _ics_response(to_ical(events, name=settings.SITE_NAME, now=now), "mon-espace-sante-dates.ics")
        advice = recommend_route(deadlines=result, had_code=False, today=today)
        context.update(
            result=result,
            days_left=result.days_left(today),
            advice=advice,
            route=routes.ROUTES[advice.route],
            ics_url=_with_format_ics(request),
        )
    return render(request, "pages/calculator.html", context)


def calendar_feed(request, token):
    """A user's private calendar: every case's dates, in their language."""
    user = selectors.calendar_feed_owner(token=token)
    if user is None:
        raise Http404
    with translation.override(user.language):
        events = selectors.calendar_events_for(user=user)
        name = _("%(site)s — mes dates") % {"site": settings.SITE_NAME}
        body = to_ical(events, name=name, now=timezone.now())
    return _ics_response(body, "a-temps.ics")


@login_required
@require_http_methods(["GET", "POST"])
def calendar_settings(request):
    if request.method == "POST":
        services.calendar_feed_regenerate(user=request.user, now=timezone.now())
        messages.success(request, _("Voici votre nouvelle adresse. L'ancienne ne fonctionne plus."))
        return redirect("calendar_settings")
    feed = CalendarFeed.objects.filter(user=request.user).first()
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
