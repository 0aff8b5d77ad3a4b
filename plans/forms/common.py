"""What every plans form shares: the date widget, the crispy helper, the version field and the departments a
person may pick."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from django import forms

from equity.concurrency import revision_from_form
from equity.widgets import DatePicker

DATE = DatePicker()


class HelperMixin:
    """Crispy helper without its own <form> tag: templates wrap the form and add the error summary."""

    def _helper(self) -> None:
        self.helper = FormHelper()
        self.helper.form_tag = False


class VersionMixin(forms.Form):
    """Carries the record version the form was opened with, for the stale-edit check."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def clean_version(self):
        return revision_from_form(self, "version", self.cleaned_data.get("version"))
