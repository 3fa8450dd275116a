"""The deadline calculator: two dates in, the dates and the advice out. No account, nothing stored."""

from django.conf import settings
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from optout import deadlines, routes
from optout.advice import recommend_route
from optout.calendar import deadline_events, ics_response, to_ical
from optout.forms import CalculatorForm
from optout.vocabulary import Route


def _with_format_ics(request) -> str:
    params = request.GET.copy()
    params["format"] = "ics"
    return f"{reverse('calculator')}?{params.urlencode()}"


@require_safe
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
        # The same dates give the same UIDs: a second import updates the events.
        base = f"calc-{data['sent_on'] or 'none'}-{data['received_on']}-{data['departement'] or 'fr'}"
        events = deadline_events(result, uid_base=base, today=today)
        if request.GET.get("format") == "ics" and events:
            return ics_response(to_ical(events, name=settings.SITE_NAME, now=now), "mon-espace-sante-dates.ics")
        advice = recommend_route(deadlines=result, had_code=None, today=today)  # the calculator never asks
        context.update(
            result=result,
            standing=result.on(today),
            odd=deadlines.odd_dates(data["sent_on"], data["received_on"], today),
            advice=advice,
            route=routes.ROUTES[advice.route],
            closure_route=routes.ROUTES[Route.CLOSURE],
            ics_url=_with_format_ics(request) if events else None,
        )
    return render(request, "pages/calculator.html", context)
