"""Cases: the dashboard, a new case, a case's page and what it acts on, deleting a case."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from optout import deadlines, page_cache, routes, selectors, services
from optout.forms import CallForm, ChangeRouteForm, LetterForm, PersonForm, RouteForm, StepNoteForm


@login_required
def dashboard(request):
    user, now = request.user, timezone.now()

    def build(placeholders):
        board = selectors.dashboard_for(user=user, now=now)
        return {"html": render_to_string("optout/_dashboard_content.html", {"board": board}, request=request)}

    today = deadlines.local_today(now, user.time_zone)
    return page_cache.render_cached(request, "dashboard", build, page="optout/dashboard.html", day=today.isoformat())


@login_required
def case_new(request):
    """Who is the case for? Pick a person, or add one."""
    people = selectors.people_for(user=request.user)
    return render(request, "optout/case_new.html", {"people": people, "form": PersonForm()})


@login_required
@require_http_methods(["GET", "POST"])
def case_new_for(request, person_id):
    """The letter, then the route with its advice. Nothing is stored until the end."""
    person = selectors.person_for(user=request.user, person_id=person_id)
    now = timezone.now()
    today = deadlines.local_today(now, request.user.time_zone)
    letter_form = LetterForm(request.POST or None, today=today)
    if request.method == "GET" or "edit" in request.POST or not letter_form.is_valid():
        return render(request, "optout/case_letter.html", {"person": person, "form": letter_form})

    letter = LetterForm.letter_data(letter_form.cleaned_data)
    advice, letter_deadlines = selectors.recommendation_for(person=person, letter=letter, now=now)
    choosing = "route" in request.POST
    route_form = RouteForm(
        request.POST if choosing else None, allowed=advice.allowed_routes, initial={"route": advice.route}
    )
    if choosing and route_form.is_valid():
        try:
            case = services.case_open(person=person, route=route_form.cleaned_data["route"], letter=letter, now=now)
        except ValidationError as error:
            route_form.add_error(None, error)
        else:
            messages.success(request, _("La démarche est créée. Voici votre liste d'étapes."))
            return redirect("case_detail", case_id=case.pk)
    context = {
        "person": person,
        "letter_form": letter_form,
        "form": route_form,
        "advice": advice,
        "deadlines": letter_deadlines,
        "days_left": letter_deadlines.days_left(today) if letter_deadlines else None,
        "routes": [routes.ROUTES[key] for key in advice.allowed_routes],
    }
    return render(request, "optout/case_route.html", context)


@login_required
def case_detail(request, case_id):
    user, now = request.user, timezone.now()

    def build(placeholders):
        detail = selectors.case_detail_for(user=user, case_id=case_id, now=now)  # 404 for anyone else's case
        context = {
            **placeholders,
            "detail": detail,
            "row": detail.row,
            "call_form": CallForm(),
            "route_choices": routes.ROUTE_CHOICES,
            "route_form": ChangeRouteForm(),
        }
        return {
            "title": f"{detail.row.route.name} · {detail.row.person.label}",
            "html": render_to_string("optout/_case_content.html", context, request=request),
        }

    def line_status():
        context = {
            "line_open": deadlines.is_line_open(now, user.departement),
            "next_opening": deadlines.next_line_opening(now, user.departement),
        }
        return render_to_string("optout/includes/line_status.html", context, request=request)

    today = deadlines.local_today(now, user.time_zone)
    return page_cache.render_cached(
        request,
        f"case:{case_id}",
        build,
        page="optout/case_detail.html",
        day=today.isoformat(),
        live={"line_status": line_status},
    )


def _back_to_case(case, anchor=""):
    return redirect(reverse("case_detail", kwargs={"case_id": case.pk}) + anchor)


@login_required
@require_POST
def step_update(request, case_id, kind):
    case = selectors.case_for(user=request.user, case_id=case_id)
    form = StepNoteForm(request.POST)
    try:
        if request.POST.get("action") == "undo":
            services.step_undo(case=case, kind=kind, now=timezone.now())
            messages.success(request, _("L'étape est de nouveau à faire."))
        elif form.is_valid():
            services.step_mark_done(case=case, kind=kind, now=timezone.now(), note=form.cleaned_data["note"])
            messages.success(request, _("C'est noté : étape faite."))
        else:
            raise ValidationError(form.errors["note"])
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    return _back_to_case(case, f"#step-{kind}")


@login_required
@require_POST
def case_route(request, case_id):
    case = selectors.case_for(user=request.user, case_id=case_id)
    form = ChangeRouteForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(form.errors["route"])
        services.case_change_route(case=case, route=form.cleaned_data["route"], now=timezone.now())
        messages.success(request, _("La démarche a changé. Voici la nouvelle liste d'étapes."))
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    return _back_to_case(case)


@login_required
@require_POST
def call_create(request, case_id):
    case = selectors.case_for(user=request.user, case_id=case_id)
    form = CallForm(request.POST)
    if form.is_valid():
        try:
            services.call_log(case=case, now=timezone.now(), **form.cleaned_data)
        except ValidationError as error:
            form.add_error("note", error)
        else:
            messages.success(request, _("L'appel est noté."))
            return _back_to_case(case, "#calls")
    for field_errors in form.errors.values():
        for message in field_errors:
            messages.error(request, message)
    return _back_to_case(case, "#calls")


@login_required
@require_http_methods(["GET", "POST"])
def case_delete(request, case_id):
    case = selectors.case_for(user=request.user, case_id=case_id)
    if request.method == "POST":
        services.case_delete(case=case)
        messages.success(request, _("La démarche, ses étapes, ses appels notés et ses rappels sont supprimés."))
        return redirect("dashboard")
    return render(request, "optout/case_delete.html", {"case": case})
