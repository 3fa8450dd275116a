from datetime import datetime, timedelta

from allauth.account import forms as allauth_forms
from allauth.account.adapter import get_adapter
from django import forms
from django.contrib.auth.hashers import make_password
from django.db import IntegrityError, transaction
from django.utils.functional import lazy
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from accounts.departements import DEPARTEMENT_CHOICES
from accounts.models import TIME_ZONE_CHOICES, User
from accounts.preferences import LEAD_DAY_CHOICES


def _hour_label(hour: int) -> str:
    return gettext("%(hour)s h") % {"hour": hour}


hour_label = lazy(_hour_label, str)


def _lead_label(days: int) -> str:
    return ngettext("%(days)s jour avant", "%(days)s jours avant", days) % {"days": days}


#: Translated when the form is shown, not when the module is imported (the language is not known then).
lead_label = lazy(_lead_label, str)


class PreferencesForm(forms.ModelForm):
    reminder_lead_days = forms.TypedMultipleChoiceField(
        label=_("Vous écrire avant la date limite"),
        choices=[(days, lead_label(days)) for days in LEAD_DAY_CHOICES],
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Vous recevez aussi un rappel le matin du dernier jour où le 3422 répond."),
    )
    reminder_hour = forms.TypedChoiceField(
        label=_("Heure d'envoi des rappels"),
        choices=[(hour, hour_label(hour)) for hour in range(6, 22)],
        coerce=int,
        help_text=_(
            "Un rappel qui vous demande d'appeler le 3422 le jour même arrive à cette heure si la ligne répond "
            "encore assez longtemps ; sinon, dès son ouverture le matin."
        ),
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


INVALID_EMAIL = _("Saisissez une adresse électronique valide, comme nom@exemple.fr.")
EMAIL = _("Adresse électronique")
PASSWORD = _("Mot de passe")
PASSWORD_AGAIN = _("Mot de passe (confirmation)")
NEW_PASSWORD = _("Nouveau mot de passe")
NEW_PASSWORD_AGAIN = _("Nouveau mot de passe (confirmation)")
CODE = _("Code reçu par courriel")


class OurWords:
    """allauth's forms with our labels (« adresse électronique », never « e-mail ») and
    no placeholder: allauth's repeat the label, in its own words."""

    labels: dict = {}
    help_texts: dict = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, label in self.labels.items():
            if name in self.fields:
                self.fields[name].label = label
        for name, help_text in self.help_texts.items():
            self.fields[name].help_text = help_text
        for field in self.fields.values():
            field.widget.attrs.pop("placeholder", None)
            if isinstance(field, forms.EmailField):
                field.error_messages["invalid"] = INVALID_EMAIL


class LoginForm(OurWords, allauth_forms.LoginForm):
    labels = {"login": EMAIL, "password": PASSWORD, "remember": _("Garder la session ouverte sur cet appareil")}


class SignupForm(OurWords, allauth_forms.SignupForm):
    """allauth's sign-up, doing the same work for an address that already has an account.

    For a new address allauth hashes the password, then sends the confirmation email;
    for a known one (ACCOUNT_PREVENT_ENUMERATION) it sends "an account already
    exists" through the same adapter, but hashed nothing: a fast answer that told
    whether the address had an account. The hash is now computed in both cases,
    first, as for a new account.
    """

    labels = {"email": EMAIL, "password1": PASSWORD, "password2": PASSWORD_AGAIN}
    #: The moment of the sign-up, set by the view (accounts.views.SignupView) before `try_save`.
    now: datetime

    def try_save(self, request):
        if self.account_already_exists:
            make_password(self.cleaned_data["password1"])  # the same cost as creating the account
            if not _just_created(self.cleaned_data["email"], self.now):
                return super().try_save(request)
            return None, self._same_answer(request)
        try:
            with transaction.atomic():
                return super().try_save(request)
        except IntegrityError:
            return None, self._same_answer(request)

    def _same_answer(self, request):
        """The same sign-up sent again (a double click, a reload) while the first one created the account:
        the same page as any sign-up, and no email — the first one's confirmation is on its way (sending
        "an account already exists" would also use up the address's confirmation rate limit before it)."""
        return get_adapter().respond_email_verification_sent(request, None)


#: A sign-up of an address whose account is younger than this is the same sign-up sent again.
DOUBLE_SUBMISSION = timedelta(minutes=2)


def _just_created(email: str, now: datetime) -> bool:
    """An account opened a moment ago with this address, not confirmed yet: the sign-up being repeated."""
    recent = User.objects.filter(email__iexact=email, date_joined__gt=now - DOUBLE_SUBMISSION)
    return recent.exclude(emailaddress__verified=True).exists()


class AddEmailForm(OurWords, allauth_forms.AddEmailForm):
    labels = {"email": _("Nouvelle adresse")}


class ChangePasswordForm(OurWords, allauth_forms.ChangePasswordForm):
    labels = {"oldpassword": _("Mot de passe actuel"), "password1": NEW_PASSWORD, "password2": NEW_PASSWORD_AGAIN}


class SetPasswordForm(OurWords, allauth_forms.SetPasswordForm):
    labels = {"password1": PASSWORD, "password2": PASSWORD_AGAIN}


class ResetPasswordForm(OurWords, allauth_forms.ResetPasswordForm):
    labels = {"email": EMAIL}


class ResetPasswordKeyForm(OurWords, allauth_forms.ResetPasswordKeyForm):
    labels = {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD_AGAIN}


class ReauthenticateForm(OurWords, allauth_forms.ReauthenticateForm):
    labels = {"password": PASSWORD}
    help_texts = {"password": ""}  # the page offers a code instead: no password reset while signed in


class RequestLoginCodeForm(OurWords, allauth_forms.RequestLoginCodeForm):
    labels = {"email": EMAIL}


class ConfirmLoginCodeForm(OurWords, allauth_forms.ConfirmLoginCodeForm):
    labels = {"code": CODE}


class ConfirmReauthenticationCodeForm(OurWords, allauth_forms.ConfirmReauthenticationCodeForm):
    labels = {"code": CODE}
