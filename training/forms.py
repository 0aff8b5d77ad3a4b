"""Forms of the training app: they validate input only; the rules live in training.services."""

from __future__ import annotations

import html
from collections.abc import Iterable
from typing import cast

from crispy_forms.helper import FormHelper
from django import forms
from django.forms.utils import flatatt
from django.utils.choices import BaseChoiceIterator
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from equity.concurrency import revision_from_form
from equity.forms import CountedFormSet
from equity.models import Department, User
from equity.widgets import DatePicker, FilterBoundField, QuickSelect, department_filter_field
from training.models import Attendance, Evaluation, Facilitator, Module, Session
from training.roster_check import NAME_MAX_CHARS
from training.roster_import import FIELDS, IDENTITY_FIELDS


def _helper() -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    return helper


class RevisionMixin(forms.Form):
    """Carries the record's revision so a stale edit is refused instead of overwriting someone else's."""

    revision = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def clean_revision(self):
        return revision_from_form(self, "revision", self.cleaned_data.get("revision"))


class ModuleForm(RevisionMixin, forms.ModelForm):
    class Meta:
        model = Module
        fields = ["title", "tier", "summary", "topics", "hours", "curriculum_version", "required_for", "is_active"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 3}), "topics": forms.Textarea(attrs={"rows": 5})}
        help_texts = {
            "required_for": _(
                "Who the completion report counts this module as required for. To set a due date (for example within "
                "90 days of hire) and see who is overdue, add a requirement under Required training."
            )
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["hours"].widget.attrs["min"] = "0"
        if self.instance.pk:
            self.fields["revision"].initial = self.instance.revision
        self.helper = _helper()


class FacilitatorForm(RevisionMixin, forms.ModelForm):
    class Meta:
        model = Facilitator
        fields = ["user", "status", "trained_on", "modules", "is_active", "notes"]
        widgets = {
            "trained_on": DatePicker(),
            "modules": forms.CheckboxSelectMultiple,
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        taken = Facilitator.objects.exclude(pk=self.instance.pk).values("user_id")
        self.fields["user"].queryset = User.objects.filter(is_active=True).exclude(pk__in=taken).order_by("full_name")
        self.fields["modules"].queryset = Module.objects.filter(is_active=True).order_by("title")
        if self.instance.pk:
            self.fields["revision"].initial = self.instance.revision
            self.fields["user"].disabled = True
        self.helper = _helper()


class SessionForm(RevisionMixin, forms.ModelForm):
    class Meta:
        model = Session
        fields = [
            "module", "date", "start_time", "end_time", "hours_credited", "format", "location",
            "lead_facilitator", "co_facilitators", "facilitator_override", "audience", "department", "capacity",
            "registration_open", "registration_closes_at", "notes",
        ]  # fmt: skip
        widgets = {
            "date": DatePicker(),
            "start_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "end_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "registration_closes_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
            "co_facilitators": forms.CheckboxSelectMultiple,
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, can_override: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["module"]).queryset = Module.objects.filter(is_active=True).order_by(
            "title"
        )
        facilitators = Facilitator.objects.filter(is_active=True).select_related("user").order_by("user__full_name")
        cast(forms.ModelChoiceField, self.fields["lead_facilitator"]).queryset = facilitators
        cast(forms.ModelMultipleChoiceField, self.fields["co_facilitators"]).queryset = facilitators
        departments = Department.objects.filter(is_active=True).order_by("name")
        cast(forms.ModelChoiceField, self.fields["department"]).queryset = departments
        self.fields["hours_credited"].widget.attrs["min"] = "0"
        self.fields["capacity"].widget.attrs["min"] = "0"
        if not can_override:
            del self.fields["facilitator_override"]
        if self.instance.pk:
            self.fields["revision"].initial = self.instance.revision
        self.helper = _helper()


EXTERNAL_NEEDS_ORGANISATION = _(
    "Enter the external participant's organisation, or tick “Individual” if they came on their own behalf."
)


class StaffChoices(BaseChoiceIterator):
    """ "Choose…" and every active staff member, built once for all the grid's empty rows: Django takes a
    BaseChoiceIterator as it is instead of copying the list into each row, and StaffSelect renders the options
    once and reuses them (a city-sized staff list in six empty rows cost seconds)."""

    def __init__(self, choices: list[tuple[int, str]]):
        self.choices = [("", _("Choose…")), *choices]
        self.options_html: dict[str, str] = {}  # the rendered <option> list, for the one empty value

    def __iter__(self):
        return iter(self.choices)


class StaffSelect(QuickSelect):
    """QuickSelect that renders a shared StaffChoices' options once per page when nothing is chosen."""

    def render(self, name, value, attrs=None, renderer=None) -> SafeString:
        choices = self.choices
        if not isinstance(choices, StaffChoices) or value not in (None, ""):
            return super().render(name, value, attrs, renderer)
        if "" not in choices.options_html:
            # html.escape and one join: format_html per option cost 0.3 s for 20,000 people.
            esc = html.escape
            choices.options_html[""] = "\n".join(
                f'<option value="{esc(str(v))}">{esc(str(label))}</option>' for v, label in choices.choices
            )
        return format_html(
            '<select name="{}"{}>\n{}\n</select>',
            name,
            flatatt(self.build_attrs(self.attrs, attrs)),
            mark_safe(choices.options_html[""]),  # noqa: S308  (escaped by format_html_join above)
        )


UP_TO_150 = _("Up to 150 characters.")  # NAME_MAX_CHARS, the attendance columns' own limit


class RosterRowForm(forms.Form):
    """One row of the roster grid."""

    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    user = forms.TypedChoiceField(
        label=_("Staff member"), required=False, coerce=int, empty_value=None, widget=StaffSelect
    )
    external_name = forms.CharField(
        label=_("or external participant"), max_length=NAME_MAX_CHARS, required=False, help_text=UP_TO_150
    )
    external_organisation = forms.CharField(
        label=_("Organisation"), max_length=NAME_MAX_CHARS, required=False, help_text=UP_TO_150
    )
    external_individual = forms.BooleanField(label=_("Individual (no organisation)"), required=False)
    status = forms.ChoiceField(label=_("Status"), choices=Attendance.Status.choices, initial=Attendance.Status.ATTENDED)
    minutes = forms.IntegerField(label=_("Minutes"), required=False, min_value=0, max_value=24 * 60)
    completed = forms.BooleanField(label=_("Completed"), required=False, initial=True)

    def __init__(self, *args, staff_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        if isinstance(staff_choices, StaffChoices):
            self.fields["user"].choices = staff_choices  # shared by the rows, taken as is (no copy per row)
        else:
            self.fields["user"].choices = [("", _("Choose…")), *staff_choices]

    def clean(self):
        data = super().clean()
        if data.get("user") and (data.get("external_name") or "").strip():
            self.add_error("external_name", _("Choose a staff member or name an external participant, not both."))
        elif (data.get("external_name") or "").strip():
            organisation = (data.get("external_organisation") or "").strip()
            if not organisation and not data.get("external_individual"):
                self.add_error("external_organisation", EXTERNAL_NEEDS_ORGANISATION)
            elif organisation and data.get("external_individual"):
                self.add_error("external_individual", _("Give an organisation or tick “Individual”, not both."))
        return data

    def is_blank(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return not data.get("id") and not data.get("user") and not (data.get("external_name") or "").strip()


RosterFormSet = forms.formset_factory(
    RosterRowForm, formset=CountedFormSet, extra=6, can_delete=True, max_num=1000, validate_max=True
)


class _RosterPage(CountedFormSet):
    """One page of an existing roster: a row holding an attendance offers only that attendance's person
    (`own_choices[attendance id]`), an empty row every staff member (`staff_choices`)."""

    def __init__(self, *args, own_choices: dict[int, list], staff_choices: Iterable, **kwargs):
        self.own_choices, self.all_staff = own_choices, staff_choices
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        if index is None:
            return {"staff_choices": self.all_staff}
        if self.is_bound:
            raw = self.data.get(f"{self.prefix}-{index}-id", "")
            pk = int(raw) if str(raw).isdigit() else None
        else:
            pk = self.initial[index]["id"] if index < len(self.initial or []) else None
        return {"staff_choices": self.own_choices.get(pk, self.all_staff) if pk else self.all_staff}


RosterPageFormSet = cast(
    type[_RosterPage],
    forms.formset_factory(RosterRowForm, formset=_RosterPage, extra=6, can_delete=True, max_num=100, validate_max=True),
)


def staff_choices() -> list[tuple[int, str]]:
    """Every active staff member, as choices for the roster grid (one query, shared by all rows)."""
    return [
        (pk, f"{name} ({email})")
        for pk, name, email in User.objects.filter(is_active=True)
        .order_by("full_name")
        .values_list("pk", "full_name", "email")
    ]


class CapacityConfirmForm(forms.Form):
    confirm_over_capacity = forms.BooleanField(
        required=False, label=_("Save anyway: more people attended than the session's capacity")
    )


class SessionFilterForm(forms.Form):
    module = forms.ModelChoiceField(
        queryset=Module.objects.order_by("title"), required=False, label=_("Module"), widget=QuickSelect
    )
    department = forms.ModelChoiceField(
        queryset=Department.objects.filter(is_active=True).order_by("name"),
        required=False,
        label=_("Department"),
        widget=QuickSelect,
    )
    date_from = forms.DateField(required=False, label=_("From"), widget=DatePicker())
    date_to = forms.DateField(required=False, label=_("To"), widget=DatePicker())
    format = forms.ChoiceField(
        required=False, label=_("Format"), choices=[("", _("Any")), *Session.Format.choices], widget=QuickSelect
    )


class CompletionFilterForm(forms.Form):
    module = forms.ModelChoiceField(
        queryset=Module.objects.filter(is_active=True).order_by("title"),
        required=False,
        label=_("Module"),
        empty_label=_("All required modules"),
        widget=QuickSelect,
    )
    department = department_filter_field(
        queryset=Department.objects.filter(is_active=True).order_by("name"), empty_label=_("All my departments")
    )
    date_from = forms.DateField(required=False, label=_("Completed from"), widget=DatePicker())
    date_to = forms.DateField(required=False, label=_("Completed to"), widget=DatePicker())

    def __init__(self, *args, departments=None, modules: list[Module] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if modules is not None:
            # The active modules the view has read already, by title (the queryset's order): the select then costs
            # no query of its own (Django's choice iterator reads the queryset with a server-side cursor).
            module = cast(forms.ModelChoiceField, self.fields["module"])
            module.choices = [("", module.empty_label), *((m.pk, module.label_from_instance(m)) for m in modules)]
        if departments is not None:
            field = cast(forms.ModelChoiceField, self.fields["department"])
            field.queryset = Department.objects.filter(pk__in=[d.pk for d in departments])
            # The options come from the departments the view has read already (by name, as the queryset orders
            # them): the select then costs no query of its own; a submitted value is still checked by the queryset.
            field.choices = [("", field.empty_label), *((d.pk, d.name) for d in departments)]

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_to"] < data["date_from"]:
            self.add_error("date_to", _("The end of the period is before its start."))
        return data


class RosterUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Roster file (CSV)"),
        help_text=_("A .csv file saved as “CSV UTF-8”, up to 5 MB, 5,000 rows and 50 columns."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()


class ColumnMappingForm(forms.Form):
    """Which column of the file holds each field (videoconference exports name them their own way)."""

    def __init__(self, *args, header: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", _("(not in this file)")), *[(h, h) for h in header]]
        for name, label in FIELDS.items():
            self.fields[name] = forms.ChoiceField(label=label, choices=choices, required=False)
        self.helper = _helper()

    def clean(self):
        data = super().clean()
        used = [v for v in data.values() if v]
        if len(used) != len(set(used)):
            raise forms.ValidationError(_("Each column can be used for one field only."))
        if not any(data.get(f) for f in IDENTITY_FIELDS):
            raise forms.ValidationError(_("Map at least one of the e-mail address, employee ID or name columns."))
        return data


class EvaluationForm(forms.ModelForm):
    # Shown on every session page, under the roster: rendered field by field (templates/training/session_detail.html)
    # with the widget classes crispy's Bootstrap 5 pack gave, and one <option> per participant without a template
    # include each (QuickSelect).
    bound_field_class = FilterBoundField

    class Meta:
        model = Evaluation
        fields = ["attendance", "respondents", "pre_score", "post_score"]
        widgets = {"attendance": QuickSelect}

    def __init__(self, *args, session: Session, on_page: list[Attendance] | None = None, **kwargs):
        """`on_page`: offer only these attendances (the roster page shown, read with `evaluation_pk` by
        `session_roster_for_user(with_evaluations=True)`), so a 20,000-person roster does not put 20,000 options on
        the page; a posted form (no `on_page`) accepts any participant of the session."""
        super().__init__(*args, **kwargs)
        attendance = cast(forms.ModelChoiceField, self.fields["attendance"])
        attendance.queryset = session.attendances.filter(evaluation__isnull=True).select_related("user")
        if on_page is not None:
            attendance.queryset = attendance.queryset.filter(pk__in=[a.pk for a in on_page])
            attendance.help_text = _("One of the participants on the roster page shown above.")
        attendance.required = False
        attendance.empty_label = _("Aggregated (several respondents)")
        if on_page is not None:
            # The options from the page's rows, read already (those without scores, in the queryset's order: by id
            # within a session): Django's choice iterator would read the queryset with .iterator(), a server-side
            # cursor on PostgreSQL (three round trips), and a plain query still cost one.
            rows = sorted((a for a in on_page if a.evaluation_pk is None), key=lambda a: a.pk)  # type: ignore[attr-defined]
            attendance.choices = [("", attendance.empty_label)] + [
                (a.pk, attendance.label_from_instance(a)) for a in rows
            ]
