"""Forms of the library app: they validate input only; the services do the writing."""

from __future__ import annotations

from typing import cast

from django import forms
from django.conf import settings
from django.contrib.humanize.templatetags.humanize import intcomma
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from equity.evidence.checks import attachment_validate, limits_text
from equity.forms import CountedFormSet
from equity.models import Department
from equity.widgets import FilterBoundField, QuickSelect, department_filter_field
from library import exchange
from library.exchange import ExchangeError, exchange_parse
from library.models import EquityArea, Narrative, NarrativeSection, Practice
from plans.models import Action
from tools.models import Assessment


class NarrativeCreateForm(forms.Form):
    department = forms.ModelChoiceField(
        label=_("Department"),
        queryset=Department.objects.none(),
        required=False,
        empty_label=_("The whole city (city-wide narrative)"),
        help_text=_("A department may add its own narrative beside the city's."),
    )
    title = forms.CharField(label=_("Title"), max_length=200, initial=_("Why we lead with race"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.filter(is_active=True).exclude(narratives__isnull=False)

    def clean_department(self):
        department = self.cleaned_data["department"]
        if Narrative.objects.filter(department=department).exists():
            raise ValidationError(_("This narrative already exists: edit it instead."))
        return department


class NarrativeVersionForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    revision = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)


class NarrativeSectionForm(forms.Form):
    heading = forms.CharField(
        label=_("Section heading"), max_length=NarrativeSection._meta.get_field("heading").max_length
    )
    body = forms.CharField(
        label=_("Section text"),
        required=False,
        max_length=50000,
        widget=forms.Textarea(attrs={"rows": 10, "class": "font-monospace", "data-rich-text": "true"}),
        help_text=_(
            "HTML tags allowed: p (paragraph), h3 and h4 (sub-headings), ul, ol and li (lists), a href (links), "
            "strong, em and blockquote. The buttons above the box add them. Anything else is removed when you save."
        ),
    )


NarrativeSectionFormSet = forms.formset_factory(
    NarrativeSectionForm,
    formset=CountedFormSet,
    extra=1,
    can_delete=True,
    min_num=1,
    validate_min=True,
    max_num=40,
    validate_max=True,
)


class PracticeForm(forms.ModelForm):
    """A practice; every limit is the model's (the exchange schema reads the same ones) and is stated on the form."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)
    source_url = forms.URLField(
        label=_("Source link"),
        max_length=Practice._meta.get_field("source_url").max_length,
        required=False,
        assume_scheme="https",
        validators=[URLValidator(schemes=["http", "https"])],  # what the exchange format accepts
        help_text=_("Where others can read about it: the policy text, a report or a news story (http or https)."),
    )

    class Meta:
        model = Practice
        fields = [
            "title",
            "summary",
            "kind",
            "equity_areas",
            "departments",
            "jurisdiction",
            "jurisdiction_name",
            "source_url",
            "evidence",
            "status",
            "tags",
        ]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 5}),
            "evidence": forms.Textarea(attrs={"rows": 4}),
            "equity_areas": forms.CheckboxSelectMultiple,
            "departments": forms.CheckboxSelectMultiple,
            "kind": forms.RadioSelect,
            "jurisdiction": forms.RadioSelect,
        }

    def __init__(self, *args, can_set_status: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelMultipleChoiceField, self.fields["equity_areas"]).queryset = EquityArea.objects.all()
        cast(forms.ModelMultipleChoiceField, self.fields["departments"]).queryset = Department.objects.filter(
            is_active=True
        )
        if not self.instance.pk:
            self.fields["jurisdiction_name"].initial = settings.CITY_NAME
        if not can_set_status:
            del self.fields["status"]
        for name in ("title", "summary", "jurisdiction_name", "source_url", "evidence"):
            field = cast(forms.CharField, self.fields[name])
            field.help_text = format_lazy(
                "{} {}", field.help_text, _("Up to %(n)s characters.") % {"n": intcomma(field.max_length)}
            ).strip()
        tag_limits = {
            "count": Practice.TAG_MAX_COUNT,
            "length": Practice.TAG_MAX_LENGTH,
            "total": cast(forms.CharField, self.fields["tags"]).max_length,
        }
        self.fields["tags"].help_text = (
            _(
                "Separate tags with commas: up to %(count)s tags of up to %(length)s characters each, %(total)s "
                "characters in all."
            )
            % tag_limits
        )
        self.fields["departments"].help_text = _("Up to %(n)s departments.") % {"n": Practice.DEPARTMENT_MAX_COUNT}

    def clean_tags(self):
        tags = {" ".join(tag.split()).lower(): " ".join(tag.split()) for tag in self.cleaned_data["tags"].split(",")}
        tags.pop("", None)
        too_long = [tag for tag in tags.values() if len(tag) > Practice.TAG_MAX_LENGTH]
        if too_long:
            raise ValidationError(
                _("A tag can be up to %(limit)s characters; “%(tag)s…” has %(n)s.")
                % {"limit": Practice.TAG_MAX_LENGTH, "tag": too_long[0][:30], "n": len(too_long[0])}
            )
        if len(tags) > Practice.TAG_MAX_COUNT:
            raise ValidationError(
                _("Up to %(limit)s tags; this has %(n)s.") % {"limit": Practice.TAG_MAX_COUNT, "n": len(tags)}
            )
        return self.cleaned_data["tags"]

    def clean_departments(self):
        departments = self.cleaned_data["departments"]
        if len(departments) > Practice.DEPARTMENT_MAX_COUNT:
            raise ValidationError(
                _("Choose up to %(limit)s departments; %(n)s are ticked.")
                % {"limit": Practice.DEPARTMENT_MAX_COUNT, "n": len(departments)}
            )
        return departments

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("jurisdiction") == Practice.Jurisdiction.OTHER and (
            cleaned.get("jurisdiction_name", "").strip().lower() == settings.CITY_NAME.lower()
        ):
            self.add_error("jurisdiction_name", _("Name the other jurisdiction the practice comes from."))
        return cleaned


class PracticeReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("publish", _("Publish to the library")), ("decline", _("Decline"))],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Note to the person who suggested it"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when declining."),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == "decline" and not cleaned.get("note", "").strip():
            self.add_error("note", _("Say why the suggestion is declined."))
        return cleaned


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("File"))
    description = forms.CharField(label=_("Description"), max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = limits_text()  # the core's limits, stated in the reader's language

    def clean_file(self):
        upload = self.cleaned_data["file"]
        attachment_validate(upload=upload)
        return upload


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Exchange file (JSON)"),
        help_text=_("A file in the Equity Portal exchange format, version 1, up to 1 MB."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > exchange.MAX_IMPORT_BYTES:
            raise ValidationError(
                _("The file is too large (%(size)s bytes); the limit is %(limit)s bytes.")
                % {"size": upload.size, "limit": exchange.MAX_IMPORT_BYTES}
            )
        raw = upload.read()
        try:
            self.document = exchange_parse(raw=raw)
        except ExchangeError as exc:
            raise ValidationError(exc.problems) from None
        self.raw = raw
        return upload


class PracticeFilterForm(forms.Form):
    """The library's search and filters (GET); invalid values are ignored rather than refused."""

    bound_field_class = FilterBoundField

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("Any kind")), *Practice.Kind.choices], widget=QuickSelect
    )
    area = forms.ChoiceField(label=_("Equity area"), required=False, widget=QuickSelect)
    department = department_filter_field(queryset=Department.objects.none())
    jurisdiction = forms.ChoiceField(
        label=_("Jurisdiction"),
        required=False,
        choices=[("", _("Anywhere")), *Practice.Jurisdiction.choices],
        widget=QuickSelect,
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Any status")), *Practice.Status.choices], widget=QuickSelect
    )

    def __init__(self, *args, areas: list[EquityArea], departments: list[Department], **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["area"]).choices = [("", _("Any area")), *[(a.code, a.name) for a in areas]]
        department = cast(forms.ModelChoiceField, self.fields["department"])
        department.queryset = Department.objects.filter(pk__in=[d.pk for d in departments])
        department.choices = [("", _("Any department")), *[(d.pk, d.name) for d in departments]]


class AdoptionForm(forms.Form):
    action = forms.ModelChoiceField(
        label=_("Plan action"),
        queryset=Action.objects.none(),
        help_text=_("The action of a racial equity action plan that adopts this practice."),
    )
    note = forms.CharField(
        label=_("Note"), max_length=300, required=False, help_text=_("Optional: how it is adapted here.")
    )

    def __init__(self, *args, actions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].queryset = actions
        self.fields["action"].label_from_instance = lambda a: f"{a.plan.title} · {a.title} ({a.lead_department.code})"


class StrategyForm(forms.Form):
    assessment = forms.ModelChoiceField(
        label=_("Equity tool assessment"),
        queryset=Assessment.objects.none(),
        help_text=_("The Racial Equity Tool assessment whose strategies draw on this practice."),
    )
    note = forms.CharField(label=_("Note"), max_length=300, required=False, help_text=_("Optional: which strategy."))

    def __init__(self, *args, assessments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assessment"].queryset = assessments
        self.fields["assessment"].label_from_instance = lambda a: f"{a.title} ({a.department.code})"
