"""The filters of a language's entry list on the translation status page."""

from django import forms
from django.utils.translation import gettext_lazy as _

from equity.i18n.catalogs import REVIEW_LABELS

SEARCH_MAX = 200


class EntryFilterForm(forms.Form):
    state = forms.ChoiceField(
        label=_("Review state"),
        required=False,
        choices=[("", _("Any"))] + [(state.value, label) for state, label in REVIEW_LABELS.items()],
    )
    public = forms.BooleanField(label=_("Shown on the public site"), required=False)
    q = forms.CharField(
        label=_("Text contains"),
        required=False,
        max_length=SEARCH_MAX,
        help_text=_("In the English or the translation; at most %(n)d characters.") % {"n": SEARCH_MAX},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs["class"] = (
                "form-check-input"
                if isinstance(field, forms.BooleanField)
                else "form-select"
                if isinstance(field, forms.ChoiceField)
                else "form-control"
            )
