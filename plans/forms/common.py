"""What every plans form shares: the date widget, the crispy helper, the version field and the departments a
person may pick."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from django import forms

from equity.models import Department, User
from equity.permissions import is_equity_team, managed_department_ids

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class HelperMixin:
    """Crispy helper without its own <form> tag: templates wrap the form and add the error summary."""

    def _helper(self) -> None:
        self.helper = FormHelper()
        self.helper.form_tag = False


class VersionMixin(forms.Form):
    """Carries the record version the form was opened with, for the stale-edit check."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


def departments_for(user: User):
    """The active departments a person may pick: all for the equity team, else those they manage."""
    qs = Department.objects.filter(is_active=True)
    return qs if is_equity_team(user) else qs.filter(pk__in=managed_department_ids(user))
