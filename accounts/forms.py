from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.contrib.auth.hashers import make_password
from django.utils.functional import lazy
from django.utils.translation import gettext, ngettext_lazy
from django.utils.translation import gettext_lazy as _

from accounts.departements import DEPARTEMENT_CHOICES
from accounts.models import TIME_ZONE_CHOICES, User
from optout.schedule import LEAD_DAY_CHOICES


def _hour_label(hour: int) -> str:
    return gettext("%(hour)s h") % {"hour": hour}


hour_label = lazy(_hour_label, str)


class PreferencesForm(forms.ModelForm):
    reminder_lead_days = forms.TypedMultipleChoiceField(
        label=_("Vous écrire avant la date limite"),
        choices=[
            (days, ngettext_lazy("%(days)s jour avant", "%(days)s jours avant", "days") % {"days": days})
            for days in LEAD_DAY_CHOICES
        ],
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Vous recevez aussi un rappel le matin du dernier jour où le 3422 répond."),
    )
    reminder_hour = forms.TypedChoiceField(
        label=_("Heure d'envoi des rappels"),
        choices=[(hour, hour_label(hour)) for hour in range(6, 22)],
        coerce=int,
    )

    class Meta:
        model = User
        fields = ["language", "time_zone", "departement", "reminders_enabled", "reminder_lead_days", "reminder_hour"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        current = self.instance.time_zone
        choices = list(TIME_ZONE_CHOICES)
        if current and current not in dict(choices):  # kept from before the list was France's only
            choices.append((current, gettext("Autre fuseau horaire : %(zone)s") % {"zone": current}))
        self.fields["departement"].choices = [("", _("Non précisé")), *DEPARTEMENT_CHOICES]
        self.fields["time_zone"] = forms.ChoiceField(
            label=_("Où vous vivez"),
            choices=choices,
            help_text=_("Pour l'heure de vos rappels et les jours qui comptent."),
        )

    def clean_reminder_lead_days(self):
        return sorted(set(self.cleaned_data["reminder_lead_days"]), reverse=True)


class SignupForm(AllauthSignupForm):
    """allauth's sign-up, doing the same work for an address that already has an account.

    For a new address allauth hashes the password, then sends the confirmation email;
    for a known one (ACCOUNT_PREVENT_ENUMERATION) it sends "an account already
    exists" through the same adapter, but hashed nothing: a fast answer that told
    whether the address had an account. The hash is now computed in both cases,
    first, as for a new account.
    """

    def try_save(self, request):
        if self.account_already_exists:
            make_password(self.cleaned_data["password1"])  # the same cost as creating the account
        return super().try_save(request)
