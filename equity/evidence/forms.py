"""The one upload form for attachments: a title and a file, the limits stated on the form."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from equity.evidence.checks import attachment_validate, limits_text
from equity.evidence.services import MAX_TITLE_CHARS


def title_help_text() -> str:
    return _("What the file shows, in a few words (at most %(n)d characters).") % {"n": MAX_TITLE_CHARS}


class AttachmentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=MAX_TITLE_CHARS)
    file = forms.FileField(label=_("File"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].help_text = title_help_text()
        self.fields["file"].help_text = limits_text()

    def clean_file(self):
        upload = self.cleaned_data["file"]
        attachment_validate(upload=upload)
        return upload
