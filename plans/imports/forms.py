"""The forms of the plan import pages: the file, the column chosen for each header, and the apply button's token."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from django import forms
from django.utils.translation import gettext_lazy as _

from equity.widgets import FilterBoundField
from plans.imports.columns import COLUMNS
from plans.imports.mapping import IGNORE
from plans.imports.reader import MAX_BYTES, MAX_COLUMNS, MAX_ROWS


class PlanImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Spreadsheet (.csv or .xlsx)"),
        help_text=_(
            "At most %(mb)d MB, %(rows)s rows and %(columns)d columns. CSV may be UTF-8 (with or without BOM), "
            "UTF-16 with BOM or Windows-1252; an Excel file is read from its first sheet."
        )
        % {"mb": MAX_BYTES // (1024 * 1024), "rows": f"{MAX_ROWS:,}", "columns": MAX_COLUMNS},
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,text/csv"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False


class ImportMappingForm(forms.Form):
    """One choice per header of the file: the registry column it fills, or ignore it."""

    bound_field_class = FilterBoundField
    remember = forms.BooleanField(
        label=_("Remember these choices for files with the same headers"), required=False, initial=True
    )

    def __init__(self, *args, headers: list[str], columns: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.headers = headers
        choices = [(IGNORE, _("Ignore this column")), *((c.key, c.header) for c in COLUMNS)]
        for i, (header, key) in enumerate(zip(headers, columns, strict=True)):
            self.fields[f"c{i}"] = forms.ChoiceField(
                label=_("Column “%(h)s”") % {"h": header or _("(no header)")},
                choices=choices,
                initial=key,
                required=False,
            )
        self.order_fields([f"c{i}" for i in range(len(headers))] + ["remember"])

    def columns(self) -> list[str]:
        return [self.cleaned_data.get(f"c{i}", IGNORE) or IGNORE for i in range(len(self.headers))]


class ImportApplyForm(forms.Form):
    token = forms.CharField(widget=forms.HiddenInput, max_length=64)
