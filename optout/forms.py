"""Forms parse and check input; services decide. Labels are French source strings."""

from __future__ import annotations

from datetime import date

from allauth.account.adapter import get_adapter
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from optout import routes
from optout.dates_field import DayFirstDateField
from optout.models import CallAttempt, Person
from optout.services import RequestData, written_request_validate
from optout.validators import no_identifiers
from optout.vocabulary import CallOutcome, Relation, RequestChannel, RequestKind
from optout.wording import Who
from optout.wording.people import call_outcomes, can_call_question

#: The months, for the month a child turns 18 (never a day: we keep no date of birth).
MONTHS = [
    (1, _("janvier")),
    (2, _("février")),
    (3, _("mars")),
    (4, _("avril")),
    (5, _("mai")),
    (6, _("juin")),
    (7, _("juillet")),
    (8, _("août")),
    (9, _("septembre")),
    (10, _("octobre")),
    (11, _("novembre")),
    (12, _("décembre")),
]


def _yes(value) -> bool:
    return value in (True, "True")


class PersonForm(forms.ModelForm):
    """Who the person is; « Pouvez-vous téléphoner ? », asked once and changed here (never why); for a
    child, optionally the month and year they turn 18 (`adult_month` in `cleaned_data`, the month's first
    day), asked as a month and a year so that no day is ever typed."""

    adult_month_month = forms.TypedChoiceField(
        label=_("Pour un enfant : le mois de ses 18 ans"),
        choices=[("", _("Non précisé")), *MONTHS],
        coerce=int,
        empty_value=None,
        required=False,
        help_text=_(
            "Facultatif, avec l'année ci-dessous : pas sa date de naissance, seulement le mois. Ce mois-là, nous "
            "vous écrivons que c'est désormais à l'enfant devenu majeur d'agir, avec un mot à lui transmettre."
        ),
    )
    adult_month_year = forms.IntegerField(
        label=_("L'année de ses 18 ans"), min_value=2000, max_value=2100, required=False
    )
    can_call = forms.TypedChoiceField(
        label=_("Pouvez-vous téléphoner ?"),
        help_text=_(
            "Pour un proche qui fait sa démarche lui-même : peut-il ou peut-elle téléphoner ? Sans téléphone, nous "
            "proposons le site et le courrier, jamais le 3422. Nous ne demandons pas pourquoi."
        ),
        choices=[
            (True, _("Oui, un appel au 3422 est possible")),
            (False, _("Non, pas de téléphone")),
        ],
        coerce=_yes,
        widget=forms.RadioSelect,
        initial=True,
        # « Oui » is checked to begin with: a form sent without the question (an old page) keeps the phone.
        required=False,
        empty_value=True,
    )

    class Meta:
        model = Person
        fields = ["label", "relation", "can_call"]
        widgets = {"relation": forms.RadioSelect}
        help_texts = {"label": _("Comme vous l'appelez : « Moi », « Léa »… Rien d'autre n'est demandé.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["relation"].choices = Relation.choices  # radios: no empty choice
        self.fields[
            "can_call"
        ].conditionally_required = True  # always answered (« Oui » to begin with): not « facultatif »
        if self.instance.pk:  # a person already known: the question is about them
            self.fields["can_call"].label = can_call_question(Who.of(self.instance))
            self.fields["can_call"].help_text = _(
                "Sans téléphone, nous proposons le site et le courrier, jamais le 3422. Nous ne demandons pas pourquoi."
            )
        if self.instance.pk and self.instance.adult_month:
            self.initial.setdefault("adult_month_month", self.instance.adult_month.month)
            self.initial.setdefault("adult_month_year", self.instance.adult_month.year)

    def clean(self):
        cleaned = super().clean()
        month, year = cleaned.pop("adult_month_month", None), cleaned.pop("adult_month_year", None)
        if (month is None) != (year is None) and cleaned.get("relation") == Relation.CHILD:
            missing = "adult_month_year" if year is None else "adult_month_month"
            self.add_error(missing, _("Indiquez le mois et l'année, ou aucun des deux."))
        known = month is not None and year is not None and cleaned.get("relation") == Relation.CHILD
        cleaned["adult_month"] = date(year, month, 1) if known else None
        return cleaned


class RouteForm(forms.Form):
    route = forms.ChoiceField(label=_("La démarche que vous choisissez"), widget=forms.RadioSelect)
    #: One per form shown: sent twice, it opens one case (optout.services.cases.case_open).
    intent = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, allowed: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["route"].choices = [(key, routes.ROUTES[key].name) for key in allowed]


class ChangeRouteForm(forms.Form):
    route = forms.ChoiceField(label=_("Démarche"), choices=routes.ROUTE_CHOICES)


class StepNoteForm(forms.Form):
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=500,
        validators=[no_identifiers],
        help_text=_("Visible de vous uniquement. N'y écrivez pas vos numéros."),
    )


class CallForm(forms.ModelForm):
    class Meta:
        model = CallAttempt
        fields = ["outcome", "note"]
        widgets = {"outcome": forms.RadioSelect}
        help_texts = {
            "note": _("Visible de vous uniquement : l'heure, ce qu'on vous a dit. N'y écrivez pas vos numéros.")
        }
        labels = {"outcome": _("Comment s'est passé l'appel ?")}

    def __init__(self, *args, who: Who | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        words = call_outcomes(who) if who is not None else {}
        # Radios: no empty choice; each said as whoever called says it.
        self.fields["outcome"].choices = [(value, words.get(value, label)) for value, label in CallOutcome.choices]
        self.fields["outcome"].error_messages["required"] = _("Choisissez comment s'est passé l'appel.")


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Votre mot de passe"), widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )
    email = forms.EmailField(
        label=_("Votre adresse électronique, pour confirmer"),
        help_text=_("Tapez-la en entier : c'est ce qui confirme que vous voulez tout supprimer."),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        """Checked like a login (allauth's adapter): failed tries count in the same limit,
        and once it is reached the password is refused before it is even looked at."""
        password = self.cleaned_data["password"]
        try:
            right = get_adapter().reauthenticate(self.user, password)
        except ValidationError as error:
            if error.code != "too_many_login_attempts":
                raise
            raise ValidationError(
                _("Trop d'essais avec un mauvais mot de passe. Réessayez dans quelques minutes."), code="rate_limited"
            ) from None
        if not right:
            raise ValidationError(_("Ce mot de passe n'est pas le bon."))
        return password

    def clean_email(self):
        email = self.cleaned_data["email"]
        if email.strip().lower() != self.user.email.lower():
            raise ValidationError(_("Ce n'est pas l'adresse de votre compte."))
        return email


class WrittenRequestForm(forms.Form):
    """A written request's kind, channel and dates: never what the letter said, nor to whom."""

    kind = forms.ChoiceField(label=_("Ce que vous avez demandé"), choices=RequestKind.choices, widget=forms.RadioSelect)
    channel = forms.ChoiceField(label=_("Envoyée par"), choices=RequestChannel.choices, widget=forms.RadioSelect)
    sent_on = DayFirstDateField(
        label=_("Date d'envoi"),
        help_text=_("Le jour où vous avez posté la lettre ou envoyé le courriel."),
    )
    delivered_on = DayFirstDateField(
        label=_("Date de réception par la caisse"),
        help_text=_(
            "Sur l'avis de réception d'un recommandé. Sans elle, nous comptons depuis l'envoi : "
            "une estimation, un peu en avance."
        ),
        required=False,
    )
    extension_notified_on = DayFirstDateField(
        label=_("Date à laquelle la caisse a annoncé une prolongation"),
        help_text=_("Seulement si elle vous a écrit qu'elle prolongeait le délai de réponse, en donnant ses raisons."),
        required=False,
    )
    answer_received_on = DayFirstDateField(
        label=_("Date à laquelle vous avez reçu la réponse"),
        help_text=_("Dès qu'une réponse arrive, même un refus : les rappels s'arrêtent."),
        required=False,
    )

    def __init__(self, *args, today: date, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today

    def clean(self):
        cleaned = super().clean()
        if not self.errors:
            try:
                written_request_validate(data=RequestData(**cleaned), today=self.today)
            except ValidationError as error:
                for field_name, messages in error.message_dict.items():
                    for message in messages:
                        self.add_error(field_name, message)
        return cleaned
