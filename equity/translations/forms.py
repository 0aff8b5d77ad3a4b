"""The side-by-side form: for each piece, the translation (in the target language), its review state, and hidden
fields carrying the translation's version and the English the page was opened with."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from equity.contributions import TextPart
from equity.translations.models import ContentTranslation, source_hash
from equity.translations.services import MAX_TEXT_CHARS, PieceInput


class TranslationForm(forms.Form):
    """One textarea and one review state per piece of the record; validation of content is the service's."""

    def __init__(
        self, *args, parts: list[TextPart], existing: dict, language: str, language_name: str, **kwargs
    ) -> None:
        super().__init__(*args, **kwargs)
        self.parts = parts
        for index, part in enumerate(parts):
            translation = existing.get(index)
            limit = min(part.max_length or MAX_TEXT_CHARS, MAX_TEXT_CHARS)
            self.fields[f"text_{index}"] = forms.CharField(
                label=_("%(field)s in %(language)s") % {"field": part.label, "language": language_name},
                required=False,
                max_length=limit,
                initial=translation.text if translation else "",
                help_text=_("Up to %(n)d characters.") % {"n": limit}
                + (" " + _("HTML as in the English; it is cleaned when saved.") if part.html else ""),
                widget=forms.Textarea(attrs={"rows": 6 if part.html else 3, "lang": language}),
            )
            self.fields[f"state_{index}"] = forms.ChoiceField(
                label=_("Review state of %(field)s") % {"field": part.label},
                choices=ContentTranslation.State.choices,
                initial=translation.state if translation else ContentTranslation.State.DRAFT,
            )
            self.fields[f"version_{index}"] = forms.IntegerField(
                required=False, widget=forms.HiddenInput, initial=translation.version if translation else None
            )
            self.fields[f"english_{index}"] = forms.CharField(
                required=False, widget=forms.HiddenInput, initial=source_hash(part.english)
            )

    def pieces(self) -> list[PieceInput]:
        """The posted pieces, for the service."""
        data = self.cleaned_data
        return [
            PieceInput(
                part=part,
                text=data.get(f"text_{index}") or "",
                state=data.get(f"state_{index}") or "",
                version=data.get(f"version_{index}"),
                english_hash=data.get(f"english_{index}") or None,
            )
            for index, part in enumerate(self.parts)
        ]

    def rows(self) -> list[dict]:
        """Each piece with its bound fields, for the template's side-by-side rows."""
        return [
            {"part": part, "text": self[f"text_{index}"], "state": self[f"state_{index}"], "index": index}
            for index, part in enumerate(self.parts)
        ]


STATE_HELP = gettext_lazy(
    "Machine-assisted: drafted with a translation tool, not yet checked. Draft: written by a person, not yet "
    "reviewed. Reviewed: checked by a second translator; only then is the public note about unreviewed "
    "translation not shown."
)
