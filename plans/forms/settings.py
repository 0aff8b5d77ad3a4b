"""Forms for the equity team's settings: reporting periods, racial groups, the status legend; and the department
picker of tracking."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from equity.models import Department
from equity.widgets import QuickSelect
from plans.forms.common import DATE, HelperMixin
from plans.models import (
    RacialGroup,
    ReportingPeriod,
    StatusLegendEntry,
)


class PeriodForm(HelperMixin, forms.ModelForm):
    class Meta:
        model = ReportingPeriod
        fields = ["name", "start_date", "end_date", "due_date"]
        widgets = {"start_date": DATE, "end_date": DATE, "due_date": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._helper()

    def clean(self):
        cleaned = super().clean()
        start, end, due = cleaned.get("start_date"), cleaned.get("end_date"), cleaned.get("due_date")
        if start and end and end < start:
            self.add_error("end_date", _("The period must end on or after its start."))
        if start and due and due < start:
            self.add_error("due_date", _("Updates cannot be due before the period starts."))
        return cleaned


class DepartmentPickForm(forms.Form):
    department = forms.ModelChoiceField(
        label=_("Department"), queryset=Department.objects.none(), required=False, widget=QuickSelect
    )

    def __init__(self, *args, queryset, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = queryset


class RacialGroupForm(HelperMixin, forms.ModelForm):
    class Meta:
        model = RacialGroup
        fields = ["name", "code", "sort_order", "is_total", "is_active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._helper()

    def clean_is_total(self):
        is_total = self.cleaned_data["is_total"]
        others = RacialGroup.objects.filter(is_total=True).exclude(pk=self.instance.pk)
        if is_total and others.exists():
            raise forms.ValidationError(_("Only one group can be the overall total."))
        return is_total


class LegendEntryForm(HelperMixin, forms.ModelForm):
    class Meta:
        model = StatusLegendEntry
        fields = ["label", "tone", "description", "sort_order", "needs_attention"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._helper()
