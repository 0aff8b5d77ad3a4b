"""The one upload form for attachments: a title and a file, the limits stated on the form."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from equity.evidence.checks import attachment_validate, limits_text
from equity.evidence.services import MAX_TITLE_CHARS


class AttachmentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=MAX_TITLE_CHARS)
    file = forms.FileField(label=_("File"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].help_text = _("What the file shows, in a few words (at most %(n)d characters).") % {
            "n": MAX_TITLE_CHARS
        }
        self.fields["file"].help_text = limits_text()

    def clean_file(self):
        upload = self.cleaned_data["file"]
        attachment_validate(upload=upload)
        return upload


class AttachmentPanelForm(AttachmentForm):
    """The upload form as shown inside a record's attachment list, unbound: its fields are rendered by
    includes/_field.html (crispy's markup) with Bootstrap's classes set here, because a record page may show one per
    milestone and update and crispy's templates cost 0.75 ms a form against 0.31 (ADR 0066). A refused upload is shown
    again on its own page, by the plain form."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].widget.attrs["class"] = "textinput form-control"
        self.fields["file"].widget.attrs["class"] = "form-control"
