"""Issue 15, finding 8 across apps: an edit form opened on a record carries its revision, and a post without it is
refused with the stale-edit message (nothing changes) instead of silently overwriting a colleague's edit."""

import pytest
from django.urls import reverse

from tests.forms_html import form_data
from tests.tools.factories import short_template
from tests.training.factories import ModuleFactory
from tools.services.templates import template_copy

pytestmark = pytest.mark.django_db


def _post_without(client, url: str, field: str, change: dict) -> tuple[int, str]:
    data = form_data(client.get(url).content.decode())
    assert field in data
    data.pop(field)
    data.update(change)
    response = client.post(url, data)
    return response.status_code, response.content.decode()


def test_training_module_form_without_revision_is_refused(client, personas):
    module = ModuleFactory(title="Racial equity 101")
    client.force_login(personas.equity)
    status, body = _post_without(
        client, reverse("training:module_update", args=[module.pk]), "revision", {"title": "Overwritten"}
    )
    assert status != 302 and "did not say which version" in body
    module.refresh_from_db()
    assert module.title == "Racial equity 101"


def test_tools_template_form_without_revision_is_refused(client, personas):
    template = template_copy(template=short_template(), author=personas.equity)
    client.force_login(personas.equity)
    status, body = _post_without(
        client, reverse("tools:template_update", args=[template.pk]), "revision", {"name": "Overwritten"}
    )
    assert status != 302 and "did not say which version" in body
    template.refresh_from_db()
    assert template.name != "Overwritten"
