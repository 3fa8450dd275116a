"""Pages behind the one-click links in emails. They work without signing in.

GET shows what will happen; only POST acts, because mail scanners open links.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from optout import links, routes, services
from optout.models import Case


def _bad_link(request):
    return render(request, "optout/link_invalid.html", status=400)


@require_http_methods(["GET", "POST"])
def step_done_link(request, token):
    try:
        target = links.read_step_done(token)
    except links.BadLink:
        return _bad_link(request)
    case = Case.objects.select_related("person__owner", "letter").filter(pk=target.case_id).first()
    title = routes.STEP_TITLES.get(target.kind)
    if case is None or title is None:
        return _bad_link(request)
    context = {"case": case, "title": title, "token": token}
    if request.method == "POST":
        try:
            services.step_mark_done(case=case, kind=target.kind, now=timezone.now())
            context["done"] = True
        except ValidationError as error:
            context["error"] = " ".join(error.messages)
    return render(request, "optout/link_step_done.html", context)


@csrf_exempt  # RFC 8058: mail providers POST "List-Unsubscribe=One-Click" without any cookie
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    try:
        user_id = links.read_unsubscribe(token)
    except links.BadLink:
        return _bad_link(request)
    user = get_user_model().objects.filter(pk=user_id).first()
    if user is None:
        return _bad_link(request)
    done = False
    if request.method == "POST":
        services.reminders_pause(user=user, now=timezone.now())
        done = True
    return render(request, "optout/link_unsubscribe.html", {"done": done, "token": token})
