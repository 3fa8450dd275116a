"""A new case in three steps: for whom, the letter, the route. Nothing is stored until the end.

Every step keeps its place and what was typed through every error: the error
shows next to its field and in the summary at the top of the form.
"""

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.departements import zone_for
from accounts.services import user_update_preferences
from optout import deadlines, routes, selectors, services
from optout.actions import action_for
from optout.forms import PersonForm, RouteForm
from optout.letter_forms import LetterForm
from optout.picture import picture
from optout.wording import Who
from optout.wording.headline import headline
from optout.wording.letter import swap_hints
from optout.wording.people import letter_labels, who_receives
from optout.wording.schemes import scheme_note


@login_required
@require_http_methods(["GET", "POST"])
def case_new(request):
    """Step 1: who is the case for? Pick a person, or add one (and go on to step 2)."""
    form = PersonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            person = services.person_create(owner=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("case_new_for", person_id=person.pk)
    people = selectors.people_for(user=request.user)
    return render(request, "optout/case_new.html", {"people": people, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def case_new_for(request, person_id):
    """Step 2, the letter; then step 3, the route with its advice."""
    person = selectors.person_for(user=request.user, person_id=person_id)
    user, now = request.user, timezone.now()
    today = deadlines.local_today(now, user.time_zone)
    letter_form = LetterForm(
        request.POST or None, today=today, ask_departement=not user.departement, who=Who.of(person)
    )
    if request.method == "GET" or "edit" in request.POST or not letter_form.is_valid():
        context = {
            "person": person,
            "form": letter_form,
            "words": letter_labels(Who.of(person)),
            "who_receives": who_receives(Who.of(person)),
        }
        return render(request, "optout/case_letter.html", context)

    letter = LetterForm.letter_data(letter_form.cleaned_data)
    departement = letter_form.cleaned_data.get("departement") or user.departement or None
    # Overseas, the hours are said on the person's clock too: their département's, until they choose one.
    zone = zone_for(user.time_zone, departement)
    advice, letter_deadlines = selectors.recommendation_for(
        person=person, letter=letter, now=now, departement=departement
    )
    choosing = "route" in request.POST
    route_form = RouteForm(
        request.POST if choosing else None,
        allowed=advice.allowed_routes,
        initial={"route": advice.route, "intent": uuid.uuid4()},
    )
    if choosing and route_form.is_valid():
        try:
            with transaction.atomic():
                if departement and not user.departement:
                    user_update_preferences(
                        user=user,
                        now=now,
                        departement=departement,
                        **({"time_zone": zone} if zone != user.time_zone else {}),
                    )
                case = services.case_open(
                    person=person,
                    route=route_form.cleaned_data["route"],
                    letter=letter,
                    now=now,
                    intent=route_form.cleaned_data["intent"],
                )
        except ValidationError as error:
            route_form.add_error(None, error)
        else:
            messages.success(request, _("La démarche est créée. Voici votre liste d'étapes."))
            return redirect("case_detail", case_id=case.pk)
    who = Who.of(person)
    channel = letter_form.cleaned_data.get("channel")

    def words(route):
        action = action_for(letter_deadlines, route=route, now=now, can_call=person.can_call)
        return headline(action, who, today, time_zone=zone, channel=channel)

    context = {
        "person": person,
        "who": who,
        "letter_form": letter_form,
        "form": route_form,
        "advice": advice,
        "reason": advice.reason_for(who),
        "scheme_note": scheme_note(letter.scheme if letter else None),
        "zone": zone,
        "headline": words(advice.route),
        "picture": picture(letter_deadlines, today, phone=person.can_call)
        if letter_deadlines and today <= letter_deadlines.opens_on
        else None,
        "choices": [
            (routes.ROUTES[key], words(key), routes.ROUTES[key].summary_for(zone, today))
            for key in advice.allowed_routes
        ],
    }
    if letter is not None:
        context["odd"] = deadlines.odd_dates(letter.sent_on, letter.received_on, today)
        context["swap_hints"] = swap_hints(
            letter.sent_on, letter.received_on, deadlines.other_reading(letter.sent_on, letter.received_on, today)
        )
    return render(request, "optout/case_route.html", context)
