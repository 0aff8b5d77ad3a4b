"""Forms for plans, their results and outcomes, and the plan and action list filters."""

from __future__ import annotations

from typing import cast

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from equity.models import Department, User
from equity.selectors import department_choices_for_user
from equity.widgets import FilterBoundField, QuickSelect, department_filter_field
from plans.forms.common import DATE, HelperMixin, VersionMixin
from plans.forms.structure import CodeField
from plans.models import (
    ActionStatus,
    Outcome,
    Plan,
    Result,
)
from plans.selectors import UNLINKED


class PlanFilterForm(forms.Form):
    bound_field_class = FilterBoundField

    q = forms.CharField(label=_("Search titles"), required=False, max_length=100)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Any status")), *Plan.Status.choices], widget=QuickSelect
    )
    department = department_filter_field()
    year = forms.IntegerField(
        label=_("Covers year"), required=False, validators=[MinValueValidator(1900), MaxValueValidator(2100)]
    )


class PlanActionFilterForm(forms.Form):
    """Filters of a plan's actions page; the outcome choices are the plan's own outcomes (and "not linked")."""

    bound_field_class = FilterBoundField

    q = forms.CharField(label=_("Search titles"), required=False, max_length=100)
    outcome = forms.ChoiceField(label=_("Outcome"), required=False, widget=QuickSelect)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Any status")), *ActionStatus.choices], widget=QuickSelect
    )
    department = department_filter_field(label=_("Lead department"))
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        widget=QuickSelect,
        choices=[
            ("attention", _("Needing attention first")),
            ("due", _("Due date, earliest first")),
            ("-due", _("Due date, latest first")),
            ("code", _("Code (1, 1.2, 1.10)")),
        ],
    )

    def __init__(self, *args, plan: Plan, **kwargs):
        super().__init__(*args, **kwargs)
        outcomes = Outcome.objects.filter(result__plan=plan).order_by(*Outcome.ORDER_IN_A_PLAN)
        cast(forms.ChoiceField, self.fields["outcome"]).choices = [
            ("", _("Any outcome")),
            *(
                (str(pk), f"{code} {statement}" if code else statement)
                for pk, code, statement in outcomes.values_list("pk", "code", "statement")
            ),
            (UNLINKED, _("Not linked to an outcome")),
        ]


class PlanForm(HelperMixin, VersionMixin, forms.ModelForm):
    departments = forms.ModelMultipleChoiceField(
        queryset=Department.objects.none(), widget=forms.CheckboxSelectMultiple, label=_("Departments")
    )

    class Meta:
        model = Plan
        fields = [
            "title", "scope", "departments", "period_start", "period_end", "status", "adopted_on", "adopted_by",
            "owner", "narrative", "is_public",
        ]  # fmt: skip
        widgets = {"period_start": DATE, "period_end": DATE, "adopted_on": DATE}

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = department_choices_for_user(user=user, managed_only=True)
        if self.instance.pk:  # keep departments already on the plan selectable
            mine = Q(pk__in=allowed.values("pk")) | Q(pk__in=self.instance.departments.values("pk"))
            allowed = Department.objects.filter(mine)
        cast(forms.ModelMultipleChoiceField, self.fields["departments"]).queryset = allowed.order_by("name")
        cast(forms.ModelChoiceField, self.fields["owner"]).queryset = User.objects.filter(is_active=True)
        self._helper()

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("The period must end on or after its start."))
        return cleaned


class ResultForm(HelperMixin, VersionMixin, forms.ModelForm):
    class Meta:
        model = Result
        fields = ["code", "statement", "area", "description", "sort_order"]
        field_classes = {"code": CodeField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
        self._helper()


class OutcomeForm(HelperMixin, VersionMixin, forms.ModelForm):
    class Meta:
        model = Outcome
        fields = ["code", "statement", "level", "department", "sort_order"]
        field_classes = {"code": CodeField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.filter(is_active=True)
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
        self._helper()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("level") == Outcome.Level.DEPARTMENT and not cleaned.get("department"):
            self.add_error("department", _("A department-level outcome needs its department."))
        return cleaned
