from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from optout import selectors, services
from optout.forms import PersonForm


@login_required
@require_http_methods(["GET", "POST"])
def people(request):
    form = PersonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            person = services.person_create(owner=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("« %(label)s » fait maintenant partie de votre suivi.") % {"label": person.label}
            )
            return redirect("people")
    context = {"people": selectors.people_for(user=request.user), "form": form}
    return render(request, "optout/people.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def person_edit(request, person_id):
    person = selectors.person_for(user=request.user, person_id=person_id)
    form = PersonForm(request.POST or None, instance=person)
    if request.method == "POST" and form.is_valid():
        try:
            services.person_update(person=person, now=timezone.now(), **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Les changements sont enregistrés."))
            return redirect("people")
    return render(request, "optout/person_edit.html", {"person": person, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def person_delete(request, person_id):
    person = selectors.person_for(user=request.user, person_id=person_id)
    if request.method == "POST":
        label = person.label
        services.person_delete(person=person, now=timezone.now())
        messages.success(request, _("Nous avons retiré « %(label)s » et ses démarches.") % {"label": label})
        return redirect("people")
    return render(request, "optout/person_delete.html", {"person": person, "case_count": person.cases.count()})
