"""Forms for the portal's accounts (profile, user and department management), and the formset base every grid uses."""

from typing import cast

from crispy_forms.helper import FormHelper
from django import forms
from django.conf import settings
from django.contrib.auth.forms import PasswordResetForm
from django.forms.formsets import INITIAL_FORM_COUNT, TOTAL_FORM_COUNT
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from equity.i18n.languages import language_choices
from equity.models import Department, User
from equity.widgets import DatePicker, QuickSelect


class ProfileForm(forms.ModelForm):
    language = forms.ChoiceField(
        label=_("Language"),
        required=False,
        help_text=_("The portal, your e-mails and your reports in this language. Blank: your browser's."),
    )

    class Meta:
        model = User
        fields = ["preferred_name", "job_title", "language"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = language_choices(blank=_("Your browser's language"))
        # Bootstrap's classes on the widgets, rendered by includes/_field.html: the profile is the benchmark's floor
        # page, and crispy's field templates were a third of its CPU (ADR 0066); the markup is crispy's.
        for name, field in self.fields.items():
            field.widget.attrs["class"] = "select form-select" if name == "language" else "textinput form-control"

    def full_clean(self) -> None:
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                self.fields[name].widget.attrs["class"] += " is-invalid"


class UserForm(forms.ModelForm):
    """The equity team's form to invite or edit a user."""

    departments = forms.ModelMultipleChoiceField(
        queryset=Department.objects.filter(is_active=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Departments"),
    )
    send_invitation = forms.BooleanField(
        required=False,
        initial=True,
        label=_("Email an invitation to set a password"),
    )

    class Meta:
        model = User
        fields = [
            "full_name", "preferred_name", "username", "email", "employee_id", "job_title",
            "departments", "is_manager", "is_facilitator", "is_equity_team",
        ]  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["send_invitation"]
            self.fields["username"].disabled = True
            self.fields["departments"].queryset = Department.objects.filter(is_active=True) | Department.objects.filter(
                members=self.instance
            )
            for name in ("departments", "is_manager", "is_facilitator", "is_equity_team"):
                self.fields[name].help_text = _("Given in the portal. Access from groups is listed below the form.")
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean_email(self):
        email = self.cleaned_data["email"].lower()
        clash = User.objects.filter(email__iexact=email).exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError(_("A user with this email address already exists."))
        return email


class DepartmentForm(forms.ModelForm):
    class Meta:
        model = Department
        fields = ["name", "code", "is_active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean_code(self):
        code = self.cleaned_data["code"].strip().upper()
        if not code.replace("-", "").isalnum():
            raise forms.ValidationError(_("Use letters, digits and hyphens only."))
        return code


class UserFilterForm(forms.Form):
    q = forms.CharField(required=False, max_length=100, label=_("Search"))
    department = forms.ModelChoiceField(
        queryset=Department.objects.all(), required=False, label=_("Department"), widget=QuickSelect
    )
    role = forms.ChoiceField(
        required=False,
        label=_("Role"),
        choices=[
            ("", _("Any role")),
            ("manager", _("Manager")),
            ("facilitator", _("Facilitator")),
            ("equity_team", _("Equity team")),
        ],
        widget=QuickSelect,
    )
    active = forms.ChoiceField(
        required=False,
        label=_("Status"),
        choices=[("", _("Any")), ("yes", _("Active")), ("no", _("Deactivated"))],
        widget=QuickSelect,
    )


class StaffAttributesForm(forms.Form):
    """The equity team's form for one person's workforce attributes (choices come from the city's group list)."""

    race_ethnicity = forms.ChoiceField(label=_("Race/ethnicity (self-identified)"), required=False)
    job_class = forms.CharField(
        label=_("Job class"), max_length=80, required=False, help_text=_("At most 80 characters.")
    )
    hire_date = forms.DateField(label=_("Hire date"), required=False, widget=DatePicker())
    revision = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, choices: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["race_ethnicity"]).choices = choices
        self.helper = FormHelper()
        self.helper.form_tag = False


class SelfIdentificationForm(forms.Form):
    """A person's own answer: how they identify, or that they prefer not to say."""

    race_ethnicity = forms.ChoiceField(label=_("How do you identify?"), required=False, widget=forms.RadioSelect)
    revision = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, choices: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["race_ethnicity"]).choices = choices
        self.helper = FormHelper()
        self.helper.form_tag = False


class SsoAwarePasswordResetForm(PasswordResetForm):
    """Django's reset form; with SSO_REQUIRED it mails only the break-glass accounts (others sign in through the
    city's identity provider, so a portal password would not let them in)."""

    def get_users(self, email):
        users = super().get_users(email)
        if not settings.SSO_REQUIRED:
            return users
        return (user for user in users if user.get_username() in settings.SSO_BREAK_GLASS_USERS)


class CountedFormSet(forms.BaseFormSet):
    """A formset whose hidden counts (how many rows were sent, how many were there before) must not be negative.
    Django reads a negative count as "no rows" and the formset as valid, so a tampered form would save an empty grid
    and say nothing; here it is a formset error, shown in the form's error summary, and nothing is saved."""

    def full_clean(self) -> None:
        super().full_clean()
        if not self.is_bound or not self.management_form.is_valid():
            return  # Django's own "missing or tampered" error stands
        counts = self.management_form.cleaned_data
        if min(counts.get(TOTAL_FORM_COUNT) or 0, counts.get(INITIAL_FORM_COUNT) or 0) < 0:
            # The cause, in place of what follows from it ("Please submit at least 1 form.").
            tampered = gettext("The form was tampered with.")
            renderer = self.renderer  # type: ignore[attr-defined]  # set by formset_factory, not in the stubs
            self._non_form_errors = self.error_class([tampered], error_class="nonform", renderer=renderer)
