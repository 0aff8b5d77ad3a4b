"""Forms of the mapping table: one line (group -> department and role), and the list's filter."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from django import forms
from django.utils.translation import gettext_lazy as _

from equity.concurrency import revision_from_form
from equity.models import GROUP_ROLES, Department, GroupMapping
from equity.widgets import QuickSelect


class GroupMappingForm(forms.ModelForm):
    """A group and what it gives; the model's constraints refuse an empty line or a duplicate."""

    revision = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = GroupMapping
        fields = ["group", "department", "role", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        active = Department.objects.filter(is_active=True)
        if self.instance.department_id:
            active = active | Department.objects.filter(pk=self.instance.department_id)
        department = self.fields["department"]
        department.queryset = active
        department.empty_label = _("No department")
        self.fields["role"].choices = [("", _("No role (staff)")), *GROUP_ROLES]
        if self.instance.pk:
            self.fields["revision"].initial = self.instance.revision
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean_group(self) -> str:
        return self.cleaned_data["group"].strip()

    def clean_revision(self):
        return revision_from_form(self, "revision", self.cleaned_data.get("revision"))


class GroupMappingFilterForm(forms.Form):
    q = forms.CharField(required=False, max_length=100, label=_("Search groups and notes"))
    department = forms.ModelChoiceField(
        queryset=Department.objects.all(), required=False, label=_("Department"), widget=QuickSelect
    )
    role = forms.ChoiceField(
        required=False, label=_("Role"), choices=[("", _("Any role")), *GROUP_ROLES], widget=QuickSelect
    )


class ConfirmDeleteForm(forms.Form):
    """The delete page's form: it carries the revision the page was opened on."""

    revision = forms.IntegerField(widget=forms.HiddenInput, required=False)
