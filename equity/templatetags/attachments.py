"""The upload form inside a record's attachment list (includes/_attachments.html), written in Python.

The form is never bound there (a refused upload is shown again on its own page, by `AttachmentForm`), so it is two
fields with fixed labels, limits and ids: the markup crispy's bootstrap5 field gives them (label, widget, help text),
at a tenth of the cost of rendering the form's widgets through templates (0.45 ms of every record page its editors
saw). tests/evidence/test_upload_form_markup.py checks it against the form's own rendering."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from equity.evidence.checks import limits_text
from equity.evidence.forms import AttachmentForm, title_help_text
from equity.evidence.services import MAX_TITLE_CHARS
from equity.markup import csrf_input, format_html, url_pattern

register = template.Library()

FIELD = (
    '<div id="div_{id}" class="mb-3"> <label for="{id}" class="form-label requiredField">{label}'
    '<span class="asteriskField">*</span></label> {widget} <div id="{id}_helptext" class="form-text">{help}</div>'
    " </div>"
)
TITLE = (
    '<input type="text" name="title" maxlength="{max}" class="textinput form-control" required '
    'aria-describedby="{id}_helptext" id="{id}">'
)
FILE = '<input type="file" name="file" class="form-control" required aria-describedby="{id}_helptext" id="{id}">'
FORM = (
    '<form method="post" enctype="multipart/form-data" action="{action}" class="border rounded p-2 mb-2">{csrf}\n'
    '    {title}\n{file}\n\n    <button type="submit" class="btn btn-sm btn-primary">{upload}</button>\n  </form>'
)


def _field(field_id: str, name: str, widget: SafeString, help_text: str) -> SafeString:
    label = AttachmentForm.base_fields[name].label
    return format_html(FIELD, id=field_id, label=label, widget=widget, help=help_text)


@register.simple_tag(takes_context=True)
def upload_form(context, panel) -> SafeString:
    """The panel's upload form (a title and a file, the limits stated), posting to the record's upload page."""
    prefix = f"id_{panel.dom_id}_"
    title = format_html(TITLE, max=MAX_TITLE_CHARS, id=f"{prefix}title")
    file = format_html(FILE, id=f"{prefix}file")
    action = url_pattern("attachment_create", panel.owner_key)(panel.owner_pk)
    return format_html(
        FORM,
        action=action,
        csrf=mark_safe(csrf_input(context)),  # noqa: S308  # the hidden field csrf_input writes
        title=_field(f"{prefix}title", "title", title, title_help_text()),
        file=_field(f"{prefix}file", "file", file, limits_text()),
        upload=gettext("Upload"),
    )
