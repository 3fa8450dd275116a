from allauth.account import views as allauth_views
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django.views.i18n import set_language as django_set_language

from accounts import services
from accounts.adapter import supported_language
from accounts.forms import PreferencesForm


@require_POST
def set_language(request):
    """Django's language switch, which also keeps the choice on the profile."""
    response = django_set_language(request)
    language = request.POST.get("language")
    if request.user.is_authenticated and language == supported_language(language):
        services.user_set_language(user=request.user, language=language)
    return response


@login_required
@require_http_methods(["GET", "POST"])
def account(request):
    form = PreferencesForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        services.user_update_preferences(user=request.user, now=timezone.now(), **form.cleaned_data)
        messages.success(request, _("Vos préférences sont enregistrées."))
        return redirect("account")
    return render(request, "accounts/account.html", {"form": form})


class SignupView(allauth_views.SignupView):
    """allauth's sign-up page, the moment of the sign-up read here: the form's check of a sign-up sent
    twice (accounts.forms.SignupForm) takes it."""

    def form_valid(self, form):
        form.now = timezone.now()
        return super().form_valid(form)


signup = SignupView.as_view()
