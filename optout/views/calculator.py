"""The deadline calculator: two dates in, the dates and the advice out. No account, nothing stored."""

from django.conf import settings
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from accounts.departements import zone_for
from optout import deadlines, routes
from optout.actions import ActionKind, action_for
from optout.advice import recommend_route
from optout.calendar import ME, deadline_events, ics_response, to_ical
from optout.letter_forms import CalculatorForm
from optout.picture import picture
from optout.vocabulary import Route
from optout.wording.headline import headline
from optout.wording.letter import date_lines, swap_hints
from optout.wording.schemes import scheme_note


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
        # Overseas, hours are said on the reader's clock too: the département's, for someone not signed in.
        zone = zone_for(timezone.get_current_timezone_name(), data["departement"])
        scheme = data["regime"] or None
        # The same dates give the same UIDs: a second import updates the events.
        base = f"calc-{data['sent_on'] or 'none'}-{data['received_on']}-{data['departement'] or 'fr'}"
        events = deadline_events(result, uid_base=base, now=now, time_zone=zone)
        if request.GET.get("format") == "ics" and events:
            return ics_response(to_ical(events, name=settings.SITE_NAME, now=now), "mon-espace-sante-dates.ics")
        advice = recommend_route(deadlines=result, had_code=None, now=now)  # the calculator never asks
        action = action_for(result, route=advice.route, now=now)
        # The other opposition, when it is still possible and is not what the advised one already says.
        other_route = Route.ONLINE if advice.route == Route.PHONE else Route.PHONE
        other = action_for(result, route=other_route, now=now)
        other_matters = other.kind != ActionKind.CLOSE and (other.kind, other.by) != (action.kind, action.by)
        context.update(
            result=result,
            standing=result.on(today),
            action=action,
            headline=headline(action, ME, today, time_zone=zone),
            other=headline(other, ME, today, time_zone=zone) if other_matters else None,
            date_lines=date_lines(result),
            picture=picture(result, today) if today <= result.opens_on else None,
            odd=deadlines.odd_dates(data["sent_on"], data["received_on"], today),
            swap_hints=swap_hints(
                data["sent_on"],
                data["received_on"],
                deadlines.other_reading(data["sent_on"], data["received_on"], today),
            ),
            advice=advice,
            route=routes.ROUTES[advice.route],
            ready=routes.ROUTES[advice.route].have_ready_for(ME, scheme),
            closure_steps=[(step.title, step.help_for(ME, scheme)) for step in routes.ROUTES[Route.CLOSURE].steps],
            closure_ready=routes.ROUTES[Route.CLOSURE].have_ready_for(ME, scheme),
            scheme_note=scheme_note(scheme),
            ics_url=_with_format_ics(request) if events else None,
        )
    return render(request, "pages/calculator.html", context)
