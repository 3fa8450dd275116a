"""Cases: the dashboard, a new case, a case's page, its sheets to print, what it acts on, deleting a case."""

from datetime import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from optout import deadlines, page_cache, routes, selectors, services
from optout.forms import CallForm, ChangeRouteForm, StepNoteForm
from optout.sources import sources
from optout.vocabulary import Route, StepKind
from optout.wording import Who, called
from optout.wording.clock import line_facts, paris_clock
from optout.wording.together import together_sheet


@login_required
@require_safe
def dashboard(request):
    user, now = request.user, timezone.now()

    def build(placeholders):
        services.cases_move_missed_windows(now=now, owner=user)  # see _case_page
        board = selectors.dashboard_for(user=user, now=now)
        return {
            "html": render_to_string("optout/_dashboard_content.html", {"board": board}, request=request),
            "valid_until": page_cache.valid_until(
                row.action and row.action.by for p in board.people for row in p.cases
            ),
        }

    today = deadlines.local_today(now, user.time_zone)
    return page_cache.render_cached(
        request, "dashboard", build, page="optout/dashboard.html", day=today.isoformat(), now=now
    )


@login_required
@require_safe
def case_detail(request, case_id):
    return _case_page(request, case_id)


#: The case page lists this many of the latest events; the timeline page has them all.
CASE_PAGE_EVENTS = 10


def _case_page(request, case_id, *, failed: dict | None = None):
    """The case page: cached per person; rendered afresh, with the refused input in place, after an error.

    `failed` holds what a refused form needs to show again: {"step": kind, "note": typed, "errors": [...]}
    or {"call_form": a bound CallForm}.
    """
    user, now = request.user, timezone.now()

    def build(placeholders):
        # The morning the space opens, closure at once (beat may not have passed yet). Only when the page
        # is built: a case moves on a new day in its owner's zone, and a cached page is of one day only.
        services.cases_move_missed_windows(now=now, owner=user)
        detail = selectors.case_detail_for(  # 404 for anyone else's case
            user=user, case_id=case_id, now=now, events_limit=CASE_PAGE_EVENTS
        )
        context = {
            **placeholders,
            "detail": detail,
            "row": detail.row,
            "call_form": (failed or {}).get("call_form") or CallForm(who=detail.row.who),
            "failed_step": (failed or {}).get("step"),
            "failed_note": (failed or {}).get("note", ""),
            "failed_errors": (failed or {}).get("errors", []),
            "line_facts": line_facts(user.time_zone, today),
        }
        action = detail.row.action
        return {
            "title": f"{detail.row.route.name} · {called(detail.row.person)}",
            "html": render_to_string("optout/_case_content.html", context, request=request),
            "valid_until": page_cache.valid_until([action and action.by]),
            "call_until": page_cache.valid_until([detail.row.last_call_moment]),
        }

    def line_status(parts):
        opening = deadlines.next_line_opening(now, user.departement)
        until = parts.get("call_until")
        context = {
            "line_open": deadlines.is_line_open(now, user.departement),
            "next_opening": opening,
            # After its last useful day, the line's reopening is no news: it would come too late.
            "reopens_in_time": bool(until) and opening < datetime.fromisoformat(until),
            "opens_at": paris_clock(opening.date(), deadlines.line.LINE_OPENS, user.time_zone),
        }
        return render_to_string("optout/includes/line_status.html", context, request=request)

    today = deadlines.local_today(now, user.time_zone)
    return page_cache.render_cached(
        request,
        f"case:{case_id}",
        build,
        page="optout/case_detail.html",
        day=today.isoformat(),
        now=now,
        live={"line_status": line_status, **_step_notices(request)},
        fresh=failed is not None,
        status=400 if failed else 200,
    )


@login_required
@require_safe
def case_sheet(request, case_id):
    """The case on one A4 page, to print and keep by the phone. A plain page: no JS needed."""
    now = timezone.now()
    today = deadlines.local_today(now, request.user.time_zone)
    detail = selectors.case_detail_for(user=request.user, case_id=case_id, now=now)  # 404 for anyone else's
    row = detail.row
    context = {
        "detail": detail,
        "row": row,
        "call_help": routes.ROUTES[Route.PHONE].step(StepKind.CALL).help_for(row.who, row.scheme),
        "sources": sources(*row.route.source_keys),
        "printed_on": today,
        "line_facts": line_facts(request.user.time_zone, today),
    }
    return render(request, "optout/case_sheet.html", context)


@login_required
@require_safe
def case_together_sheet(request, case_id):
    """For a relative who acts themself: the next action on one A4 page in large print, to do it together."""
    now = timezone.now()
    row = selectors.case_detail_for(user=request.user, case_id=case_id, now=now).row  # 404 for anyone else's
    if not row.together_sheet:
        raise Http404  # someone who does not act themself, or nothing left to do
    context = {
        "row": row,
        "sheet": together_sheet(row.action, row.headline, row.who, row.scheme),
        "printed_on": deadlines.local_today(now, request.user.time_zone),
    }
    return render(request, "optout/case_together.html", context)


def step_tag(kind: str) -> str:
    """Messages about a step are shown beside it (and announced), not at the top of the page."""
    return f"step-{kind}"


def _step_notices(request) -> dict:
    """Live parts of the case page: each step's message of this request, beside the step."""
    notices = {}
    for message in messages.get_messages(request):
        tag = next((t for t in message.extra_tags.split() if t.startswith("step-")), None)
        if tag:
            notices[tag.removeprefix("step-")] = message

    def notice(kind):
        message = notices.get(kind)
        if message is None:
            return lambda parts: ""
        return lambda parts: render_to_string("optout/includes/step_notice.html", {"message": message}, request=request)

    return {f"notice-{kind}": notice(kind) for kind in StepKind.values}


def _back_to_case(case, anchor=""):
    return redirect(reverse("case_detail", kwargs={"case_id": case.pk}) + anchor)


@login_required
@require_POST
def step_update(request, case_id, kind):
    case = selectors.owned_case(user=request.user, case_id=case_id)  # the service locks it and reads it
    if request.POST.get("action") == "undo":
        try:
            services.step_undo(case=case, kind=kind, now=timezone.now())
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return _back_to_case(case, f"#step-{kind}")
        messages.success(request, _("L'étape est de nouveau à faire."), extra_tags=step_tag(kind))
        return _back_to_case(case)  # no fragment: the notice beside the step takes the focus (and the scroll)
    form = StepNoteForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(form.errors["note"])
        services.step_mark_done(case=case, kind=kind, now=timezone.now(), note=form.cleaned_data["note"])
    except ValidationError as error:
        if not form.is_valid() or _about_the_note(error):
            # The note was refused: show it again, in its field, with why.
            return _case_page(
                request, case_id, failed={"step": kind, "note": request.POST.get("note", ""), "errors": error.messages}
            )
        for message in error.messages:
            messages.error(request, message)
        return _back_to_case(case, f"#step-{kind}")
    messages.success(request, _("C'est noté : étape faite."), extra_tags=step_tag(kind))
    return _back_to_case(case)  # no fragment: the notice beside the step takes the focus (and the scroll)


#: Refusals about what was typed in a note (rather than about the step): shown in the note's field.
_NOTE_ERRORS = {"identifier", "max_length"}


def _about_the_note(error: ValidationError) -> bool:
    return any(getattr(e, "code", None) in _NOTE_ERRORS for e in error.error_list)


@login_required
@require_POST
def case_route(request, case_id):
    case = selectors.owned_case(user=request.user, case_id=case_id)  # the service locks it and reads it
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
    form = CallForm(request.POST, who=Who.of(case.person))
    if form.is_valid():
        try:
            services.call_log(case=case, now=timezone.now(), **form.cleaned_data)
        except ValidationError as error:
            form.add_error("note", error)
        else:
            messages.success(request, _("L'appel est noté."))
            return _back_to_case(case, "#calls")
    return _case_page(request, case_id, failed={"call_form": form})


@login_required
@require_http_methods(["GET", "POST"])
def case_delete(request, case_id):
    case = selectors.case_for(user=request.user, case_id=case_id)
    if request.method == "POST":
        services.case_delete(case=case, now=timezone.now())
        messages.success(request, _("La démarche, ses étapes, ses appels notés et ses rappels sont supprimés."))
        return redirect("dashboard")
    return render(request, "optout/case_delete.html", {"case": case})
