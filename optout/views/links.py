"""Pages behind the one-click links in emails. They work without signing in.

GET shows what will happen; only POST acts, because mail scanners open links.
Each page speaks the language of the account the link belongs to (the email's), not the browser's.
"""

from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.utils import timezone, translation
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from optout import links, routes, selectors, services


def _bad_link(request):
    return render(request, "optout/link_invalid.html", status=400)


def _render_for(user, request, template: str, context: dict):
    """The page in the account's language: the email that held the link was written in it."""
    with translation.override(user.language):
        response = render(request, template, context)
    response["Content-Language"] = user.language
    return response


@require_http_methods(["GET", "POST"])
def step_done_link(request, token):
    try:
        target = links.read_step_done(token)
    except links.BadLink:
        return _bad_link(request)
    case = selectors.case_by_link(case_id=target.case_id)
    title = routes.STEP_TITLES.get(target.kind)
    if case is None or title is None:
        return _bad_link(request)
    owner = case.person.owner
    context = {"case": case, "title": title, "token": token}
    if selectors.step_changed_since(case=case, kind=target.kind, since=target.issued_at):
        # Done or undone on the site since this email: the link no longer says what the person wants.
        step = case.steps.filter(kind=target.kind).first()
        return _render_for(owner, request, "optout/link_step_done.html", {**context, "stale": True, "step": step})
    if request.method == "POST":
        with translation.override(owner.language):  # a refusal is said in the account's language too
            try:
                services.step_mark_done(case=case, kind=target.kind, now=timezone.now())
                context["done"] = True
            except ValidationError as error:
                context["error"] = " ".join(error.messages)
    return _render_for(owner, request, "optout/link_step_done.html", context)


@csrf_exempt  # RFC 8058: mail providers POST "List-Unsubscribe=One-Click" without any cookie
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    try:
        user = selectors.user_by_link(user_id=links.read_unsubscribe(token))
    except links.BadLink:
        user = None
    if user is None:
        return _bad_link(request)
    done = False
    if request.method == "POST":
        services.reminders_pause(user=user, now=timezone.now())
        done = True
    return _render_for(user, request, "optout/link_unsubscribe.html", {"done": done, "token": token})


@require_http_methods(["GET", "POST"])
def address_works_link(request, token):
    """The link of the address-check email: its POST releases the account's held reminders."""
    try:
        target = links.read_address_works(token)
    except links.BadLink:
        return _bad_link(request)
    user = selectors.user_by_link(user_id=target.user_id)
    if user is None:
        return _bad_link(request)
    done = False
    if request.method == "POST":
        if services.address_confirmed(user_id=target.user_id, email=target.email, now=timezone.now()) is None:
            return _bad_link(request)  # the account changed its address since, or is gone
        done = True
    return _render_for(user, request, "optout/link_address_works.html", {"done": done, "token": token})
