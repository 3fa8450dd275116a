"""A date typed as French letters print it: day, month, year — in every language.

A browser's own date picker shows the date in the browser's order (mm/dd/yyyy in an
English browser), while the letter says 02/11/2026 for 2 November: typed as printed,
it became 11 February. So the field is a plain text box that says the order it
expects (« jj/mm/aaaa »), reads day first whatever the language (ISO dates too, for
links), and echoes the date in words under the field as soon as it is read — by the
server on every answer, and as one types with static/js/dates.js.
"""

from __future__ import annotations

from datetime import date, datetime

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from optout.wording.clock import weekdaydate

#: Day first in every language (never the month first, as English locales read « 02/11 »); ISO for links.
INPUT_FORMATS = ["%d/%m/%Y", "%d.%m.%Y", "%d-%m-%Y", "%d %m %Y", "%d/%m/%y", "%Y-%m-%d"]


def read(value) -> date | None:
    """The date a typed value stands for, day first, or None."""
    if isinstance(value, date):
        return value
    text = " ".join(str(value or "").split())
    for form in INPUT_FORMATS:
        try:
            return datetime.strptime(text, form).date()
        except ValueError:
            continue
    return None


class DayFirstInput(forms.TextInput):
    """One text box (one tab stop), numeric keyboard on phones, the expected order as a placeholder."""

    def __init__(self, attrs=None):
        base = {"inputmode": "numeric", "autocomplete": "off", "placeholder": gettext_lazy("jj/mm/aaaa")}
        super().__init__(attrs={**base, **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, date):
            return value.strftime("%d/%m/%Y")
        return super().format_value(value)


class DateEchoBoundField(forms.BoundField):
    @property
    def echo(self) -> str:
        """« Lu : lundi 2 novembre 2026 », for what is in the box now; '' when nothing can be read."""
        day = read(self.value())
        return _("Lu : %(day)s") % {"day": weekdaydate(day)} if day else ""


class DayFirstDateField(forms.DateField):
    """A date typed day first; the page shows how it was read (see the module's docstring)."""

    widget = DayFirstInput
    input_formats = INPUT_FORMATS
    #: For the field template (templates/bootstrap5/field.html): put the echo under the box.
    echoes_date = True
    default_error_messages = {
        "invalid": gettext_lazy(
            "Saisissez une date valide, le jour d'abord : par exemple 05/02/2022 pour le 5 février 2022."
        ),
    }

    def get_bound_field(self, form, field_name):
        return DateEchoBoundField(form, self, field_name)
