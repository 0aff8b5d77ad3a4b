"""Forms of the plans app: they validate input only; the services do the writes."""

from __future__ import annotations

from decimal import Decimal
from typing import cast

from crispy_forms.helper import FormHelper
from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db.models import Q
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from equity.models import Department, User
from equity.permissions import is_equity_team, managed_department_ids
from equity.widgets import FilterBoundField, QuickSelect, department_filter_field
from plans.models import (
    Action,
    ActionStatus,
    Indicator,
    MeasureDataPoint,
    Milestone,
    Outcome,
    PerformanceMeasure,
    Plan,
    RacialGroup,
    ReportingPeriod,
    Result,
    StatusLegendEntry,
)
from plans.numbers import shown_value
from plans.selectors import UNLINKED
from plans.services.indicator_uploads import Choice
from plans.structure_forms import CodeField, TimelineField

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
# Statuses a person reports; cancelling has its own page, with a reason and confirmation.
REPORTABLE_STATUSES = [(value, label) for value, label in ActionStatus.choices if value != ActionStatus.CANCELLED]


def CONFIRM_INCOMPLETE() -> forms.BooleanField:  # noqa: N802 (a field factory, named like the fields it makes)
    return forms.BooleanField(label=_("Yes, it is completed, below 100 %."), required=False)


class HelperMixin:
    """Crispy helper without its own <form> tag: templates wrap the form and add the error summary."""

    def _helper(self) -> None:
        self.helper = FormHelper()
        self.helper.form_tag = False


class VersionMixin(forms.Form):
    """Carries the record version the form was opened with, for the stale-edit check."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


def _departments_for(user: User):
    qs = Department.objects.filter(is_active=True)
    return qs if is_equity_team(user) else qs.filter(pk__in=managed_department_ids(user))


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
        outcomes = Outcome.objects.filter(result__plan=plan).order_by(
            "result__code_key", "result__sort_order", "result", "code_key", "sort_order", "pk"
        )
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
        allowed = _departments_for(user)
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


class ResultForm(HelperMixin, forms.ModelForm):
    class Meta:
        model = Result
        fields = ["code", "statement", "area", "description", "sort_order"]
        field_classes = {"code": CodeField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._helper()


class OutcomeForm(HelperMixin, forms.ModelForm):
    class Meta:
        model = Outcome
        fields = ["code", "statement", "level", "department", "sort_order"]
        field_classes = {"code": CodeField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.filter(is_active=True)
        self._helper()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("level") == Outcome.Level.DEPARTMENT and not cleaned.get("department"):
            self.add_error("department", _("A department-level outcome needs its department."))
        return cleaned


class IndicatorForm(HelperMixin, VersionMixin, forms.ModelForm):
    class Meta:
        model = Indicator
        fields = [
            "name", "definition", "unit", "data_source", "direction", "decimal_places", "groups", "notes",
            "baseline_value", "baseline_year", "target_value", "target_year", "story", "sort_order",
        ]  # fmt: skip
        widgets = {"groups": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        offered = Q(is_active=True)
        if self.instance.pk:  # keep groups already in the set selectable even if inactive since
            offered |= Q(pk__in=self.instance.groups.values("pk"))
        self.fields["groups"].queryset = RacialGroup.objects.filter(offered)
        self.fields["decimal_places"].validators += [MaxValueValidator(4)]
        self.fields["decimal_places"].widget.attrs.update({"min": 0, "max": 4})
        for name in ("baseline_year", "target_year"):
            self.fields[name].validators += [MinValueValidator(1900), MaxValueValidator(2100)]
        self._helper()

    def clean(self):
        cleaned = super().clean()
        base, target = cleaned.get("baseline_year"), cleaned.get("target_year")
        if base and target and target < base:
            self.add_error("target_year", _("The target year cannot be before the baseline year."))
        return cleaned


class IndicatorSearchForm(forms.Form):
    bound_field_class = FilterBoundField

    q = forms.CharField(label=_("Search names and sources"), required=False, max_length=100)


class IndicatorLinkForm(forms.Form):
    """Which existing indicator a result should use (one of those it does not use yet)."""

    indicator = forms.ModelChoiceField(label=_("Indicator"), queryset=Indicator.objects.none())

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].queryset = candidates


class IndicatorGridForm(VersionMixin):
    """The data grid: per (year, group) a value field v_<year>_<group id> and an optional margin of error
    m_<year>_<group id>."""

    new_year = forms.IntegerField(
        label=_("Add a year"),
        required=False,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
        help_text=_("Optional: a year to add as a new row."),
    )

    def __init__(
        self, *args, years: list[int], groups: list[RacialGroup], values: dict, margins: dict, places: int, **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.years, self.groups = years, groups
        self.rows = []
        for year in years:
            cells = []
            for group in groups:
                name, moe = f"v_{year}_{group.pk}", f"m_{year}_{group.pk}"
                self.fields[name] = forms.DecimalField(
                    label=f"{group.name} {year}",
                    required=False,
                    max_digits=16,
                    decimal_places=4,
                    initial=shown_value(values.get((year, group.pk)), places),
                    widget=forms.NumberInput(attrs={"step": "any", "class": "form-control form-control-sm"}),
                )
                self.fields[moe] = forms.DecimalField(
                    label=_("Margin of error, %(group)s %(year)s") % {"group": group.name, "year": year},
                    required=False,
                    max_digits=16,
                    decimal_places=4,
                    min_value=0,
                    initial=shown_value(margins.get((year, group.pk)), places),
                    widget=forms.NumberInput(
                        attrs={"step": "any", "min": 0, "class": "form-control form-control-sm moe", "placeholder": "±"}
                    ),
                )
                cells.append((self[name], self[moe]))
            self.rows.append((year, cells))

    def cell_values(self) -> dict[tuple[int, int], Decimal | None]:
        return {(y, g.pk): self.cleaned_data.get(f"v_{y}_{g.pk}") for y in self.years for g in self.groups}

    def cell_margins(self) -> dict[tuple[int, int], Decimal | None]:
        return {(y, g.pk): self.cleaned_data.get(f"m_{y}_{g.pk}") for y in self.years for g in self.groups}


class IndicatorUploadForm(HelperMixin, VersionMixin):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "Columns: year, group, value, and optionally moe (or margin_of_error) and note. At most 1 MB and 5,000 "
            "rows; checking stops after 10 seconds."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )
    source = forms.CharField(
        label=_("Data source"),
        required=False,
        max_length=300,
        help_text=_("Group names you match to groups are remembered for this source (at most 300 characters)."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._helper()


NEW_GROUP, LEAVE_OUT = "new", "leave-out"


class GroupMappingForm(VersionMixin):
    """One choice per group name the file uses that the portal does not know: a suggested or any group, a new group
    (the equity team only), or leaving its rows out; a new group's name and code are fields of their own."""

    bound_field_class = FilterBoundField  # form-select / form-control and is-invalid, as on the filter forms

    def __init__(self, *args, names: list, groups: list[RacialGroup], can_add_group: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.names, self.groups_by_pk = names, {str(g.pk): g for g in groups}
        self.can_add_group = can_add_group
        everyone = [(str(g.pk), g.name) for g in groups]
        self.blocks = []
        for i, name in enumerate(names):
            suggested = [(str(s.group.pk), f"{s.group.name} ({s.reason})") for s in name.suggestions]
            choices: list = [("", _("Choose…"))]
            if suggested:
                choices.append((_("Suggested"), suggested))
            choices.append((_("All groups"), everyone))
            other = [(LEAVE_OUT, _("Leave these rows out"))]
            if can_add_group:
                other.insert(0, (NEW_GROUP, _("Add a new group (below)")))
            choices.append((_("Other"), other))
            self.fields[f"g{i}"] = forms.ChoiceField(
                label=_("Group for “%(name)s”") % {"name": name.text},
                choices=choices,
                initial=suggested[0][0] if suggested else "",
                help_text=ngettext_lazy(
                    "%(n)d row, first on line %(line)d.", "%(n)d rows, the first on line %(line)d.", name.rows
                )
                % {"n": name.rows, "line": name.first_line},
            )
            fields = [f"g{i}"]
            if can_add_group:
                self.fields[f"n{i}"] = forms.CharField(
                    label=_("New group's name"),
                    required=False,
                    max_length=120,
                    initial=name.text[:120],
                    help_text=_("At most 120 characters."),
                )
                self.fields[f"c{i}"] = forms.SlugField(
                    label=_("New group's code"),
                    required=False,
                    max_length=40,
                    initial=slugify(name.text)[:40],
                    help_text=_("Letters, digits, hyphens; at most 40 characters. Used in CSV files."),
                )
                fields += [f"n{i}", f"c{i}"]
            self.blocks.append((name, [self[f] for f in fields]))

    def clean(self):
        cleaned = super().clean()
        taken_names = {n.casefold() for n in RacialGroup.objects.values_list("name", flat=True)}
        taken_codes = set(RacialGroup.objects.values_list("code", flat=True))
        for i in range(len(self.names)):
            if cleaned.get(f"g{i}") != NEW_GROUP:
                continue
            name, code = (cleaned.get(f"n{i}") or "").strip(), cleaned.get(f"c{i}") or ""
            if not name:
                self.add_error(f"n{i}", _("Give the new group a name."))
            elif name.casefold() in taken_names:
                self.add_error(f"n{i}", _("A group with this name exists: choose it in the list instead."))
            if not code and f"c{i}" not in self.errors:
                self.add_error(f"c{i}", _("Give the new group a code."))
            elif code in taken_codes:
                self.add_error(f"c{i}", _("A group with this code exists."))
            taken_names.add(name.casefold())
            taken_codes.add(code)
        return cleaned

    def choices(self) -> dict:
        """The valid form as {name key: Choice} for the service."""
        out = {}
        for i, name in enumerate(self.names):
            picked = self.cleaned_data[f"g{i}"]
            if picked == NEW_GROUP:
                out[name.key] = Choice(new_name=self.cleaned_data[f"n{i}"].strip(), new_code=self.cleaned_data[f"c{i}"])
            elif picked == LEAVE_OUT:
                out[name.key] = Choice()
            else:
                out[name.key] = Choice(group=self.groups_by_pk[picked])
        return out


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
        departments = _departments_for(user)
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
    summary = forms.CharField(label=_("What happened"), widget=forms.Textarea(attrs={"rows": 4}))
    barriers = forms.CharField(label=_("Barriers"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    next_steps = forms.CharField(label=_("Next steps"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    status_reason = forms.CharField(
        label=_("Reason for the status change"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when the status changes."),
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
    )
    reason = forms.CharField(
        label=_("Reason for the status change"),
        required=False,
        max_length=1000,
        help_text=_("Required when changing the status. At most 1000 characters."),
    )
    lead_department = forms.ModelChoiceField(
        label=_("New lead department"), required=False, queryset=Department.objects.none(), empty_label=_("Keep")
    )
    due_date = forms.DateField(label=_("New due date"), required=False, widget=DATE)
    outcome = forms.ModelChoiceField(
        label=_("New outcome"), required=False, queryset=Outcome.objects.none(), empty_label=_("Keep")
    )

    prefix = "bulk"  # the page's filter form has a status field too

    def __init__(self, *args, user: User, plan: Plan, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["lead_department"]).queryset = _departments_for(user).order_by("name")
        cast(forms.ModelChoiceField, self.fields["outcome"]).queryset = Outcome.objects.filter(
            result__plan=plan
        ).select_related("result")
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
    department = forms.ModelChoiceField(label=_("Department"), queryset=Department.objects.none(), required=False)

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
