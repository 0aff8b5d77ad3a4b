"""The filters of the equity team's security events page: person (from their people page), username, kind, dates."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from equity.models import SecurityEvent, User
from equity.widgets import DatePicker, QuickSelect


class SecurityEventFilterForm(forms.Form):
    person = forms.ModelChoiceField(queryset=User.objects.all(), required=False, widget=forms.HiddenInput)
    username = forms.CharField(
        required=False, max_length=150, label=_("Username"), help_text=_("As typed at sign-in; part of it is enough.")
    )
    kind = forms.ChoiceField(
        required=False,
        label=_("Event"),
        choices=[("", _("Any event")), *SecurityEvent.Kind.choices],
        widget=QuickSelect,
    )
    since = forms.DateField(required=False, label=_("From"), widget=DatePicker())
    until = forms.DateField(required=False, label=_("To"), widget=DatePicker())

    def clean(self):
        cleaned = super().clean()
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and since > until:
            raise ValidationError(_("The start date must be on or before the end date."))
        return cleaned
