"""The account's data: download it, or delete the account; check that its address works again."""

import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from optout import selectors, services
from optout.forms import DeleteAccountForm


@login_required
@require_safe
def account_export(request):
    data = selectors.export_for(user=request.user)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
    )
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="a-temps-mes-donnees-{stamp}.json"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_safe
def account_export_page(request):
    """The same data as the JSON export, as a page to read, print and keep as proof of what was done when."""
    people, now = list(selectors.export_people_for(user=request.user)), timezone.now()
    for person in people:
        for case in person.cases.all():
            case.person = person
            # Where it stands now, first: the next action and the letter's dates, as on the case page.
            [case.row] = selectors.case_rows([case], {case.pk: list(case.steps.all())}, now, request.user.time_zone)
    return render(
        request,
        "accounts/export.html",
        {"people": people, "feed": selectors.calendar_feed_for(user=request.user), "today": timezone.localdate()},
    )


@login_required
@require_http_methods(["GET", "POST"])
def account_delete(request):
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        services.account_delete(user=user, now=timezone.now())
        messages.success(request, _("Votre compte et toutes ses données sont supprimés."))
        return redirect("home")
    return render(request, "accounts/delete.html", {"form": form})


@login_required
@require_POST
def address_check(request):
    """The banner's button: a link to the account's address, which proves it works again."""
    if services.address_check_send(user=request.user):
        messages.success(
            request,
            _("Nous venons d'écrire à %(email)s. Ouvrez le lien de ce courriel : vos rappels reprendront.")
            % {"email": request.user.email},
        )
    else:
        messages.info(
            request,
            _("Un courriel de confirmation vient de partir. Attendez quelques minutes avant d'en demander un autre."),
        )
    return redirect("account")
