"""Forms for the report pages: choosing what a report is about (its target) among the records the user may see."""

from django import forms
from django.utils.translation import gettext_lazy as _

from reports.kinds import ReportKind


class TargetChoiceForm(forms.Form):
    """A GET form that picks the report's target; the request page then asks for the kind's own parameters."""

    target = forms.ModelChoiceField(queryset=None, label=_("Report on"), empty_label=None)

    def __init__(self, *args, kind: ReportKind, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = kind.targets_for_user(user)
        self.fields["target"].label = kind.target_label
