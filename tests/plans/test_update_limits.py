"""One limit per field (ADR 0018): a progress update's texts hold up to 5,000 characters, in the form and the
service alike; one more is refused with a message and nothing is saved (issue 15, finding 9)."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from plans.forms.actions import UpdateForm
from plans.models import ProgressUpdate
from plans.models.reporting import UPDATE_TEXT_MAX
from plans.services.actions import update_post
from plans.services.indicator_uploads import indicator_data_import
from plans.services.indicators import ImportRefused
from tests.plans.factories import ActionFactory, IndicatorFactory

pytestmark = pytest.mark.django_db


def _post(personas, action, **texts):
    return update_post(author=personas.staff, action=action, version=None, status="not_started",
                       percent_complete=None, **{"summary": "Started", **texts})  # fmt: skip


@pytest.mark.parametrize("field", ["summary", "barriers", "next_steps"])
def test_the_service_accepts_the_maximum_and_refuses_one_more(personas, field):
    action = ActionFactory(lead_department=personas.dept)
    assert UPDATE_TEXT_MAX == 5_000
    with pytest.raises(ValidationError) as info:
        _post(personas, action, **{field: "x" * (UPDATE_TEXT_MAX + 1)})
    assert info.value.message_dict[field] == ["At most 5,000 characters (this has 5,001)."]
    assert not ProgressUpdate.objects.exists()
    update = _post(personas, action, **{field: "x" * UPDATE_TEXT_MAX})
    update.refresh_from_db()
    assert len(getattr(update, field)) == UPDATE_TEXT_MAX  # stored whole, never cut


def test_two_million_characters_are_refused(personas):
    action = ActionFactory(lead_department=personas.dept)
    with pytest.raises(ValidationError, match="this has 2,000,000"):
        _post(personas, action, summary="x" * 2_000_000)
    assert not ProgressUpdate.objects.exists()


def test_the_form_states_the_limit_and_refuses_one_more(personas):
    action = ActionFactory(lead_department=personas.dept)
    data = {"status": "not_started", "summary": "x" * (UPDATE_TEXT_MAX + 1), "as_of": ""}
    form = UpdateForm(data, action=action)
    assert not form.is_valid()
    assert "at most 5000 characters (it has 5001)" in form.errors["summary"][0]
    assert form.fields["summary"].help_text == "Up to 5,000 characters."
    form = UpdateForm({**data, "summary": "x" * UPDATE_TEXT_MAX}, action=action)
    assert "summary" not in form.errors


def test_an_indicator_note_holds_200_characters_and_201_are_refused_by_row():
    indicator = IndicatorFactory()
    text = f"year,group,value,note\n2020,black,24,{'n' * 201}\n"
    with pytest.raises(ImportRefused) as info:
        indicator_data_import(author=None, indicator=indicator, version=None, upload=_csv(text))
    assert [(e.line, e.column, e.message) for e in info.value.errors] == [
        (2, "note", "The note has 201 characters; at most 200.")
    ]
    text = f"year,group,value,note\n2020,black,24,{'n' * 200}\n"
    assert indicator_data_import(author=None, indicator=indicator, version=None, upload=_csv(text)) == 1
    assert indicator.data_points.get().note == "n" * 200  # whole, never cut


def _csv(text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("data.csv", text.encode(), content_type="text/csv")
