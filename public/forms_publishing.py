"""Forms of the equity team's publishing pages: confirm a publication (web address, names, what changed, the
version it was reviewed on) and confirm taking one off the public site."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from equity.concurrency import revision_from_form
from public.models import NOTE_MAX
from public.services import SLUG_MAX

SLUG_RULE = RegexValidator(
    r"^[a-z0-9]+(-[a-z0-9]+)*$",
    _("Use lower-case letters, digits and single hyphens only (no spaces, no hyphen at either end)."),
    code="slug",
)


class VersionForm(forms.Form):
    """The publication's version the page was opened on (0: never published), posted back for the stale check."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0, max_value=2**31 - 1)

    def clean_version(self):
        return revision_from_form(self, "version", self.cleaned_data.get("version"))


class PublishForm(VersionForm):
    """The review step's confirmation. `show_people` exists for plans only."""

    slug = forms.CharField(
        label=_("Web address"),
        max_length=SLUG_MAX,
        required=False,
        validators=[SLUG_RULE],
    )
    show_people = forms.BooleanField(
        label=_("Show accountable persons' names"),
        required=False,
        help_text=_("Off: the public sees each action's lead department only."),
    )
    reviewed = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)
    note = forms.CharField(
        label=_("What changed"),
        max_length=NOTE_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": NOTE_MAX}),
    )

    def __init__(self, *args, with_people: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not with_people:
            del self.fields["show_people"]
        self.fields["slug"].widget.attrs.update({"autocomplete": "off", "spellcheck": "false"})
        self.fields["slug"].help_text = gettext(
            "The last part of the public address: lower-case letters, digits and hyphens, at most %(n)s characters. "
            "Leave it empty to make one from the title. Changing it changes the public address."
        ) % {"n": SLUG_MAX}
        self.fields["note"].help_text = gettext(
            "Optional, shown with this version on the public site: at most %(n)s characters."
        ) % {"n": NOTE_MAX}
        self.helper = FormHelper()
        self.helper.form_tag = False


class UnpublishForm(VersionForm):
    """Confirm taking a publication off the public site."""
