"""Forms of required training and approval requests: they validate input only (rules: training.requirement_services,
training.approvals)."""

from __future__ import annotations

from typing import cast

from crispy_forms.helper import FormHelper
from django import forms
from django.utils.translation import gettext_lazy as _

from equity.models import Department
from equity.widgets import DatePicker
from training.approvals import REASON_MAX
from training.forms import RevisionMixin
from training.models import CertificationRequest, Module, TrainingRequirement


def _helper() -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    return helper


class RequirementForm(RevisionMixin, forms.ModelForm):
    class Meta:
        model = TrainingRequirement
        fields = ["module", "scope", "role", "department", "due_days", "effective_from", "notes"]
        widgets = {
            "scope": forms.RadioSelect,
            "effective_from": DatePicker(),
            "notes": forms.Textarea(attrs={"rows": 3, "maxlength": 2000}),
        }
        help_texts = {"notes": _("At most 2,000 characters.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        modules = Module.objects.filter(is_active=True).order_by("title")
        if self.instance.pk:
            modules = Module.objects.filter(pk=self.instance.module_id) | modules
            self.fields["revision"].initial = self.instance.revision
        cast(forms.ModelChoiceField, self.fields["module"]).queryset = modules
        departments = Department.objects.filter(is_active=True).order_by("name")
        cast(forms.ModelChoiceField, self.fields["department"]).queryset = departments
        self.fields["due_days"].widget.attrs.update({"min": "1", "max": "3650"})
        self.helper = _helper()


class RetireForm(RevisionMixin):
    pass


class CertificationRequestForm(forms.Form):
    module = forms.ModelChoiceField(label=_("Module"), queryset=Module.objects.none())
    reason = forms.CharField(
        label=_("Why do you need to deliver it?"),
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "For example the session you are planning and your experience with the material. At most 2,000 characters."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        queryset = Module.objects.filter(is_active=True).order_by("title")
        cast(forms.ModelChoiceField, self.fields["module"]).queryset = queryset
        self.helper = _helper()


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        widget=forms.RadioSelect,
        choices=[
            (CertificationRequest.Status.APPROVED, _("Approve: certify them for this module")),
            (CertificationRequest.Status.DECLINED, _("Decline")),
        ],
    )
    note = forms.CharField(
        label=_("Note to the facilitator"),
        required=False,
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when you decline. At most 2,000 characters."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()


class RequestFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Any")), *CertificationRequest.Status.choices]
    )
