"""The upload form of a record's attachment list is written in Python (equity/templatetags/attachments.py): it must
be exactly what the form renders through Django's widgets and includes/_field.html (crispy's bootstrap5 markup), in
every language, with the form's own limits."""

from __future__ import annotations

import re

import pytest
from django.template import Context, Template
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from equity.evidence.forms import AttachmentForm
from equity.evidence.selectors import AttachmentPanel

TOKEN = "t0ken"


def _squeezed(html: str) -> str:
    return re.sub(r">\s+<", "><", re.sub(r"\s+", " ", html)).strip()


def _through_widgets(panel: AttachmentPanel) -> str:
    form = AttachmentForm(auto_id=f"id_{panel.dom_id}_%s")
    form.fields["title"].widget.attrs["class"] = "textinput form-control"
    form.fields["file"].widget.attrs["class"] = "form-control"
    fields = "".join(render_to_string("includes/_field.html", {"field": field}) for field in form)
    action = reverse("attachment_create", args=[panel.owner_key, panel.owner_pk])
    csrf = f'<input type="hidden" name="csrfmiddlewaretoken" value="{TOKEN}">'
    button = f'<button type="submit" class="btn btn-sm btn-primary">{translation.gettext("Upload")}</button>'
    return (
        f'<form method="post" enctype="multipart/form-data" action="{action}" class="border rounded p-2 mb-2">'
        f"{csrf}{fields}{button}</form>"
    )


@pytest.mark.parametrize("language", ["en", "es", "so", "hmn"])
def test_the_upload_form_is_the_forms_own_markup(language):
    panel = AttachmentPanel(owner_key="plans.action", owner_pk=42, can_edit=True)
    with translation.override(language):
        written = Template("{% load attachments %}{% upload_form panel %}").render(
            Context({"panel": panel, "csrf_token": TOKEN})
        )
        assert _squeezed(written) == _squeezed(_through_widgets(panel))
    assert 'maxlength="200"' in written and "required" in written and re.search(r"10[.,]0", written)  # limits stated


def test_only_editors_get_the_form():
    panel = AttachmentPanel(owner_key="plans.action", owner_pk=42, can_edit=False)
    html = render_to_string("includes/_attachments.html", {"panel": panel, "level": 2})
    assert "<form" not in html and "No files attached." in html
