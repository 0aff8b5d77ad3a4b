"""Input forms of the tools app. They validate input only; services do the writes."""

from __future__ import annotations

import datetime
from typing import cast

from crispy_forms.helper import FormHelper
from django import forms
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from equity.concurrency import revision_from_form
from equity.models import User
from equity.selectors import department_choices_for_user
from equity.widgets import DatePicker, FilterBoundField, QuickSelect, department_filter_field
from plans.models import Action, Indicator, Plan
from tools.answer_rules import COLUMN_TYPES
from tools.models import Assessment, Question, Step, Template
from tools.selectors import SEARCH_MAX_LENGTH, published_templates


def _helper() -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    return helper


class AssessmentForm(forms.ModelForm):
    """The header of an assessment: what decision, whose, when, and who works on it."""

    equity_areas = forms.MultipleChoiceField(
        label=_("Equity areas affected"),
        choices=Assessment.EquityArea.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Assessment
        fields = [
            "template",
            "title",
            "decision_type",
            "department",
            "lead",
            "team",
            "stage",
            "target_date",
            "deciding_body",
            "equity_areas",
            "geography",
            "confidential",
        ]
        widgets = {
            "target_date": DatePicker(),
            "team": forms.SelectMultiple(attrs={"size": 8}),
        }
        help_texts = {
            "team": _("Team members can edit the worksheet. Hold Ctrl (or Cmd) to choose several."),
            "geography": _("Citywide, or the neighborhoods affected."),
            "deciding_body": _("For example: City Council, or the department head."),
        }

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()
        people = User.objects.filter(is_active=True).order_by("full_name")
        cast(forms.ModelChoiceField, self.fields["lead"]).queryset = people
        cast(forms.ModelMultipleChoiceField, self.fields["team"]).queryset = people
        self.fields["team"].required = False
        departments = department_choices_for_user(user=user)
        cast(forms.ModelChoiceField, self.fields["department"]).queryset = departments
        if self.instance.pk:
            del self.fields["template"]
        else:
            cast(forms.ModelChoiceField, self.fields["template"]).queryset = published_templates()
            del self.fields["lead"]

    def clean_target_date(self):
        value = self.cleaned_data.get("target_date")
        if value and not datetime.date(1900, 1, 1) <= value <= datetime.date(2200, 1, 1):
            raise forms.ValidationError(_("Enter a date between 1900 and 2200."))
        return value


class AssessmentFilterForm(forms.Form):
    """Filters of the assessment lists; bad values are ignored rather than failing the page."""

    bound_field_class = FilterBoundField

    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=SEARCH_MAX_LENGTH,
        help_text=_(
            "Title, deciding body, type of decision, department or a team member's name (up to 200 characters)."
        ),
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    scope = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[("mine", _("My assessments")), ("department", _("My department's")), ("all", _("All I can see"))],
        widget=QuickSelect,
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Any"))] + Assessment.Status.choices, widget=QuickSelect
    )
    decision_type = forms.ChoiceField(
        label=_("Type"),
        required=False,
        choices=[("", _("Any"))] + Assessment.DecisionType.choices,
        widget=QuickSelect,
    )
    department = department_filter_field(empty_label=_("Any"))
    year = forms.IntegerField(label=_("Year started"), required=False, min_value=2000, max_value=2100)


class ReviewForm(forms.Form):
    """A reviewer's decision on an assessment in review."""

    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Approve and sign off")), ("return", _("Return to the team with comments"))],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Sign-off note or comments"), widget=forms.Textarea(attrs={"rows": 4}), max_length=4000
    )
    recommendations = forms.CharField(
        label=_("Recommendations"), widget=forms.Textarea(attrs={"rows": 4}), max_length=4000, required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Why reopen it?"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Add a comment on this step"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000
    )


class RevisionForm(forms.Form):
    """Carries the revision of the record the form was opened with, so a stale edit is refused (not overwriting)."""

    revision = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def clean_revision(self):
        return revision_from_form(self, "revision", self.cleaned_data.get("revision"))


class TemplateForm(RevisionForm, forms.ModelForm):
    class Meta:
        model = Template
        fields = ["name", "description"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["revision"].initial = self.instance.revision
        self.helper = _helper()


class StepForm(RevisionForm):
    title = forms.CharField(label=_("Step title"), max_length=160)
    intro = forms.CharField(label=_("Introduction"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, step: Step | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if step is not None:
            self.initial.update(title=step.title, intro=step.intro, revision=step.revision)
        self.helper = _helper()


class QuestionForm(RevisionForm, forms.ModelForm):
    """A question of a draft template; choices one per line, table columns one per line as `Label | type`."""

    choices_text = forms.CharField(
        label=_("Choices"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("For choice questions: one choice per line."),
    )
    columns_text = forms.CharField(
        label=_("Table columns"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "For tables: one column per line, as Label | type, where type is text, long_text, number, date, choice "
            "or group. A number column keeps numbers as written (20 %, 2012–2016); a group column offers the city's "
            "racial groups and takes any other group. For a choice column add the choices after another bar, "
            "separated by semicolons."
        ),
    )

    class Meta:
        model = Question
        fields = ["code", "text", "help_text", "type", "required", "follow_up", "follow_up_on", "links_actions"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2}), "help_text": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()
        self.fields["revision"].initial = self.instance.revision
        self.fields["follow_up_on"].required = False  # a form without it (or a non-yes/no question) keeps "after No"
        if self.instance.pk and not self.is_bound:
            self.initial["choices_text"] = "\n".join(self.instance.choices)
            self.initial["columns_text"] = "\n".join(
                " | ".join(filter(None, [c["label"], c.get("type", "text"), "; ".join(c.get("choices", []))]))
                for c in self.instance.columns
            )

    def clean_follow_up_on(self) -> str:
        return self.cleaned_data.get("follow_up_on") or Question.FollowUpOn.NO

    def clean_choices_text(self) -> list[str]:
        lines = [line.strip() for line in self.cleaned_data["choices_text"].splitlines() if line.strip()]
        if len(lines) != len(set(lines)):
            raise forms.ValidationError(_("Each choice must be different."))
        return lines

    def clean_columns_text(self) -> list[dict]:
        existing = {c["label"]: c["key"] for c in (self.instance.columns or [])}
        columns, keys = [], set()
        for number, line in enumerate(self.cleaned_data["columns_text"].splitlines(), start=1):
            if not line.strip():
                continue
            parts = [p.strip() for p in line.split("|")]
            label, kind = parts[0], (parts[1] if len(parts) > 1 and parts[1] else "text")
            if not label or kind not in COLUMN_TYPES:
                raise forms.ValidationError(
                    _("Line %(n)s: write Label | type, with type one of %(types)s.")
                    % {"n": number, "types": ", ".join(COLUMN_TYPES)}
                )
            key = existing.get(label) or slugify(label).replace("-", "_") or f"col{number}"
            if key in keys:
                raise forms.ValidationError(_("Line %(n)s: two columns have the same label.") % {"n": number})
            keys.add(key)
            column = {"key": key, "label": label, "type": kind}
            if kind == "choice":
                options = [o.strip() for o in (parts[2] if len(parts) > 2 else "").split(";") if o.strip()]
                if not options:
                    raise forms.ValidationError(_("Line %(n)s: a choice column needs its choices.") % {"n": number})
                column["choices"] = options
            columns.append(column)
        return columns

    def clean(self):
        data = super().clean()
        kind = data.get("type")
        if kind in (Question.Type.SINGLE_CHOICE, Question.Type.MULTIPLE_CHOICE) and not data.get("choices_text"):
            self.add_error("choices_text", _("A choice question needs at least one choice."))
        if kind == Question.Type.TABLE and not data.get("columns_text"):
            self.add_error("columns_text", _("A table needs at least one column."))
        return data

    def service_fields(self) -> dict:
        """The question's fields as `question_save` takes them (the revision is passed on its own)."""
        data = dict(self.cleaned_data)
        data.pop("revision", None)
        data["choices"] = data.pop("choices_text", [])
        data["columns"] = data.pop("columns_text", [])
        return data


class NewActionForm(forms.Form):
    """A new plan action from a strategy: which plan, what, who and by when."""

    plan = forms.ModelChoiceField(label=_("Plan"), queryset=Plan.objects.none())
    title = forms.CharField(label=_("Action title"), max_length=250)
    accountable = forms.ModelChoiceField(label=_("Accountable person"), queryset=User.objects.none(), required=False)
    start_date = forms.DateField(label=_("Start date"), required=False, widget=DatePicker())
    due_date = forms.DateField(label=_("Due date"), required=False, widget=DatePicker())

    def __init__(self, *args, plans, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = plans
        self.fields["accountable"].queryset = User.objects.filter(is_active=True).order_by("full_name")
        self.helper = _helper()

    def clean(self):
        data = super().clean()
        start, due = data.get("start_date"), data.get("due_date")
        if start and due and due < start:
            self.add_error("due_date", _("The due date cannot be before the start date."))
        return data


class LinkActionForm(forms.Form):
    action = forms.ModelChoiceField(label=_("Existing plan action"), queryset=Action.objects.none())

    def __init__(self, *args, actions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].queryset = actions
        self.fields["action"].label_from_instance = lambda a: f"{a.plan.title}: {a.title} ({a.lead_department.name})"
        self.helper = _helper()


class TableSendForm(forms.Form):
    """Sending a data table to an indicator: which indicator (ones the person may edit), year, number column and,
    when the table has an indicator column, whose rows; the confirm step also carries the table's version."""

    indicator = forms.ModelChoiceField(label=_("Indicator"), queryset=Indicator.objects.none())
    year = forms.IntegerField(
        label=_("Year of the data"), min_value=1900, max_value=2100, help_text=_("A year from 1900 to 2100.")
    )
    column = forms.ChoiceField(label=_("Column with the values"))
    label = forms.ChoiceField(label=_("Rows"), required=False)
    answer_version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0, max_value=2**31 - 1)

    def __init__(self, *args, indicators, columns: list[tuple[str, str]], labels: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["indicator"]).queryset = indicators
        cast(forms.ChoiceField, self.fields["column"]).choices = columns
        if labels:
            rows = [("", _("All rows"))] + [(name, name) for name in labels]
            cast(forms.ChoiceField, self.fields["label"]).choices = rows
            self.fields["label"].help_text = _("Only the rows of one indicator named in the table.")
        else:
            del self.fields["label"]
        self.helper = _helper()
