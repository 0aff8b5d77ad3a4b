"""Form fields and forms of a plan's structure: codes, timelines, links, scale levels and delete confirmations.

They validate input only; plans.services.structure and plans.services.deletion do the writes.
"""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from django import forms
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from plans.codes import CODE_MAX_LENGTH, CodeError, clean_code
from plans.models import ScaleLevel
from plans.models.links import LINK_LABEL_MAX_LENGTH, LINK_URL_MAX_LENGTH
from plans.models.scales import SCALE_LABEL_MAX_LENGTH
from plans.timelines import TIMELINE_MAX_LENGTH, TimelineError, parse_timeline


class CodeField(forms.CharField):
    """A reference code ("1.3.2", "A-4"): at most 20 characters, letters, digits and . - _ /."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Code"))
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", CODE_MAX_LENGTH)
        kwargs.setdefault("help_text", _("Optional, for example 1.3 or A-4; at most 20 characters."))
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        try:
            return clean_code(value)
        except CodeError as exc:
            raise forms.ValidationError(str(exc), code="code") from exc


class TimelineField(forms.CharField):
    """A timeline as written (2021, 2021–22, FY2023, FY2023 Q2, 2024 Q1–Q3, Ongoing); kept as typed, parsed by the
    service."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Timeline"))
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", TIMELINE_MAX_LENGTH)
        kwargs.setdefault(
            "help_text",
            _(
                "For example 2021, 2021–22, FY2023, FY2023 Q2, 2024 Q1–Q3 or Ongoing; at most 40 characters. "
                "With no due date, the due date is the timeline's end."
            ),
        )
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        try:
            parse_timeline(value)
        except TimelineError as exc:
            raise forms.ValidationError(str(exc), code="timeline") from exc
        return value


def _helper() -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    return helper


class ActionLinkForm(forms.Form):
    label = forms.CharField(
        label=_("Label"),
        max_length=LINK_LABEL_MAX_LENGTH,
        help_text=_("What the link is, for example: 2024 progress report. At most 200 characters."),
    )
    url = forms.URLField(
        label=_("Address (URL)"),
        max_length=LINK_URL_MAX_LENGTH,
        assume_scheme="https",
        validators=[URLValidator(schemes=["http", "https"], message=_("Enter an address starting with http(s)://."))],
        help_text=_("Starts with http:// or https://; at most 500 characters."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()


class ScaleLevelForm(forms.ModelForm):
    class Meta:
        model = ScaleLevel
        fields = ["label", "order"]
        help_texts = {"label": _("For example: Level 1. At most %(n)d characters.") % {"n": SCALE_LABEL_MAX_LENGTH}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()


class DeleteForm(forms.Form):
    """The confirmation of a delete: the version the page showed, so a changed record is not deleted blind."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
