"""Forms for actions: the action itself, progress updates and corrections, cancelling, bulk edits, milestones and
measures."""

from __future__ import annotations

from typing import cast

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from equity.models import Department, User
from equity.selectors import department_choices_for_user
from equity.widgets import QuickSelect
from plans.forms.common import DATE, HelperMixin, VersionMixin
from plans.forms.structure import CodeField, TimelineField
from plans.models import (
    Action,
    ActionStatus,
    MeasureDataPoint,
    Milestone,
    Outcome,
    PerformanceMeasure,
    Plan,
    RacialGroup,
    ReportingPeriod,
)
from plans.models.reporting import UPDATE_TEXT_MAX

# Statuses a person reports; cancelling has its own page, with a reason and confirmation.
REPORTABLE_STATUSES = [(value, label) for value, label in ActionStatus.choices if value != ActionStatus.CANCELLED]


def CONFIRM_INCOMPLETE() -> forms.BooleanField:  # noqa: N802 (a field factory, named like the fields it makes)
    return forms.BooleanField(label=_("Yes, it is completed, below 100 %."), required=False)


class ActionForm(HelperMixin, VersionMixin, forms.ModelForm):
    class Meta:
        model = Action
        fields = [
            "code", "title", "description", "outcomes", "lead_department", "co_lead_departments", "co_lead_teams",
            "accountable", "partners", "measure_of_success", "timeline", "start_date", "due_date", "priority",
            "effort", "impact", "expected_impact", "staff_time", "cost",
        ]  # fmt: skip
        field_classes = {"code": CodeField, "timeline": TimelineField}
        widgets = {
            "start_date": DATE,
            "due_date": DATE,
            "outcomes": forms.CheckboxSelectMultiple,
            "co_lead_departments": forms.CheckboxSelectMultiple,
            "measure_of_success": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "co_lead_teams": _(
                "Separated by semicolons, for example: Office of Racial Equity; HR. At most 300 characters."
            ),
            "measure_of_success": _("In words: what will be true when this action succeeds."),
            "due_date": _("Leave empty to use the end of the timeline."),
        }

    # Only when adding an action: its current status as reported elsewhere (a plan entered after the fact).
    status = forms.ChoiceField(label=_("Current status"), choices=REPORTABLE_STATUSES, initial=ActionStatus.NOT_STARTED)
    percent_complete = forms.IntegerField(
        label=_("Percent complete"),
        required=False,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        widget=forms.NumberInput(attrs={"min": 0, "max": 100}),
        help_text=_("Leave empty when it is not reported."),
    )
    status_as_of = forms.DateField(
        label=_("Status as of"), required=False, widget=DATE, help_text=_("Today when left empty.")
    )
    status_source = forms.CharField(
        label=_("Source of the status"),
        required=False,
        max_length=200,
        help_text=_("For example: 2023 annual report. At most 200 characters."),
    )
    confirm_incomplete = CONFIRM_INCOMPLETE()

    def __init__(self, *args, user: User, plan: Plan, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:  # status and percent change through progress updates
            for name in ("status", "percent_complete", "status_as_of", "status_source", "confirm_incomplete"):
                del self.fields[name]
        cast(forms.ModelMultipleChoiceField, self.fields["outcomes"]).queryset = Outcome.objects.filter(
            result__plan=plan
        )
        departments = department_choices_for_user(user=user, managed_only=True)
        if self.instance.pk:
            mine = Q(pk__in=departments.values("pk")) | Q(pk=self.instance.lead_department_id)
            departments = Department.objects.filter(mine)
        cast(forms.ModelChoiceField, self.fields["lead_department"]).queryset = departments.order_by("name")
        cast(forms.ModelChoiceField, self.fields["accountable"]).queryset = User.objects.filter(is_active=True)
        co_leads = Q(is_active=True)
        if self.instance.pk:
            co_leads |= Q(pk__in=self.instance.co_lead_departments.values("pk"))
        cast(forms.ModelMultipleChoiceField, self.fields["co_lead_departments"]).queryset = Department.objects.filter(
            co_leads
        ).order_by("name")
        self._helper()

    def clean(self):
        cleaned = super().clean()
        start, due = cleaned.get("start_date"), cleaned.get("due_date")
        if start and due and due < start:
            self.add_error("due_date", _("The due date cannot be before the start date."))
        if "status" in self.fields:
            check_completed_percent(self, cleaned)
        lead, co_leads = cleaned.get("lead_department"), cleaned.get("co_lead_departments")
        if lead is not None and co_leads and lead in co_leads:
            self.add_error("co_lead_departments", _("The lead department is not also a co-lead."))
        return cleaned


def check_completed_percent(form: forms.Form, cleaned: dict) -> None:
    """ "Completed" with less than 100 % (or none) asks for confirmation: a field error until the box is ticked."""
    if cleaned.get("status") != ActionStatus.COMPLETED or cleaned.get("confirm_incomplete"):
        return
    percent = cleaned.get("percent_complete")
    if percent is None or percent < 100:
        form.add_error(
            "confirm_incomplete",
            _("The status is Completed but the percent complete is below 100 %: tick the box to confirm it."),
        )


UP_TO_5000 = _("Up to 5,000 characters.")  # UPDATE_TEXT_MAX


class UpdateForm(HelperMixin, VersionMixin):
    as_of = forms.DateField(
        label=_("As of"),
        required=False,
        widget=DATE,
        help_text=_(
            "The date this update describes (today when empty); it goes in the reporting period containing that date."
        ),
    )
    period = forms.ModelChoiceField(
        label=_("Reporting period"),
        required=False,
        queryset=ReportingPeriod.objects.filter(is_open=True),
        help_text=_("Leave empty to use the period containing the date above."),
    )
    status = forms.ChoiceField(label=_("Status"), choices=REPORTABLE_STATUSES)
    percent_complete = forms.IntegerField(
        label=_("Percent complete"),
        required=False,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        widget=forms.NumberInput(attrs={"min": 0, "max": 100}),
        help_text=_("Leave empty when it is not known."),
    )
    confirm_incomplete = CONFIRM_INCOMPLETE()
    summary = forms.CharField(
        label=_("What happened"), max_length=UPDATE_TEXT_MAX, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=UP_TO_5000,
    )  # fmt: skip
    barriers = forms.CharField(label=_("Barriers"), required=False, max_length=UPDATE_TEXT_MAX,
                               widget=forms.Textarea(attrs={"rows": 3}), help_text=UP_TO_5000)  # fmt: skip
    next_steps = forms.CharField(label=_("Next steps"), required=False, max_length=UPDATE_TEXT_MAX,
                                 widget=forms.Textarea(attrs={"rows": 3}), help_text=UP_TO_5000)  # fmt: skip
    status_reason = forms.CharField(
        label=_("Reason for the status change"),
        required=False,
        max_length=UPDATE_TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when the status changes. Up to 5,000 characters."),
    )

    def __init__(self, *args, action: Action, **kwargs):
        super().__init__(*args, **kwargs)
        self.action = action
        self._helper()

    def clean(self):
        cleaned = super().clean()
        status = cleaned.get("status")
        if status and status != self.action.status and not (cleaned.get("status_reason") or "").strip():
            self.add_error("status_reason", _("The status changes: write the reason."))
        check_completed_percent(self, cleaned)
        return cleaned


class CorrectionForm(UpdateForm):
    """A correction of an update entered by mistake: a new update that supersedes it, with what was wrong."""

    correction_reason = forms.CharField(
        label=_("What was wrong"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kept with the correction. At most 1000 characters."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["period"]
        del self.fields["status_reason"]

    def clean(self):
        cleaned = forms.Form.clean(self)
        check_completed_percent(self, cleaned)
        return cleaned


class CancelForm(HelperMixin, VersionMixin):
    reason = forms.CharField(
        label=_("Why is the action cancelled or withdrawn?"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Required. At most 1000 characters."),
    )
    confirm = forms.BooleanField(
        label=_("Yes, cancel this action. It stays in the plan, struck through, and leaves the roll-ups."),
        error_messages={"required": _("Tick the box to confirm.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._helper()


class BulkEditForm(forms.Form):
    """What to change on the selected actions of a plan's actions list (the selection and versions are read from
    the request: `actions` ids and a `version-<id>` per id)."""

    status = forms.ChoiceField(
        label=_("New status"),
        required=False,
        choices=[("", _("Keep")), *[c for c in REPORTABLE_STATUSES if c[0] != ActionStatus.COMPLETED]],
        widget=QuickSelect,
    )
    reason = forms.CharField(
        label=_("Reason for the status change"),
        required=False,
        max_length=1000,
        help_text=_("Required when changing the status. At most 1000 characters."),
    )
    lead_department = forms.ModelChoiceField(
        label=_("New lead department"),
        required=False,
        queryset=Department.objects.none(),
        empty_label=_("Keep"),
        widget=QuickSelect,
    )
    due_date = forms.DateField(label=_("New due date"), required=False, widget=DATE)
    outcome = forms.ModelChoiceField(
        label=_("New outcome"),
        required=False,
        queryset=Outcome.objects.none(),
        empty_label=_("Keep"),
        widget=QuickSelect,
    )

    prefix = "bulk"  # the page's filter form has a status field too

    def __init__(self, *args, user: User, plan: Plan, **kwargs):
        super().__init__(*args, **kwargs)
        departments = department_choices_for_user(user=user, managed_only=True)
        cast(forms.ModelChoiceField, self.fields["lead_department"]).queryset = departments.order_by("name")
        outcomes = Outcome.objects.filter(result__plan=plan).order_by(*Outcome.ORDER_IN_A_PLAN)
        cast(forms.ModelChoiceField, self.fields["outcome"]).queryset = outcomes.select_related("result")
        self.selected: dict[int, int] = {}
        for field in self.fields.values():
            css = "form-select" if isinstance(field, forms.ChoiceField) else "form-control"
            field.widget.attrs["class"] = css

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("status") and not (cleaned.get("reason") or "").strip():
            self.add_error("reason", _("Write the reason for the status change."))
        changes = [cleaned.get(k) for k in ("status", "lead_department", "due_date", "outcome")]
        if not any(changes) and not self.errors:
            raise forms.ValidationError(_("Choose what to change."))
        data = self.data
        ids = data.getlist("actions") if hasattr(data, "getlist") else data.get("actions", [])
        selected: dict[int, int] = {}
        for raw in ids:
            version = data.get(f"version-{raw}")
            if not (str(raw).isdigit() and str(version).isdigit()) or len(str(raw)) > 12 or len(str(version)) > 9:
                raise forms.ValidationError(_("The selection is not valid: reload the page."))
            selected[int(raw)] = int(version)
        if not selected:
            raise forms.ValidationError(_("Select at least one action."))
        self.selected = selected
        return cleaned


class MilestoneForm(HelperMixin, VersionMixin, forms.ModelForm):
    class Meta:
        model = Milestone
        fields = ["title", "due_date", "done_on"]
        widgets = {"due_date": DATE, "done_on": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
        self._helper()


class MeasureForm(HelperMixin, VersionMixin, forms.ModelForm):
    class Meta:
        model = PerformanceMeasure
        fields = ["name", "kind", "unit", "baseline_value", "target_value", "frequency"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
        self._helper()


class MeasurePointForm(HelperMixin, forms.ModelForm):
    class Meta:
        model = MeasureDataPoint
        fields = ["period_label", "period_end", "group", "value"]
        widgets = {"period_end": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = RacialGroup.objects.filter(is_active=True)
        self.fields["group"].empty_label = _("All (not by group)")
        self._helper()
