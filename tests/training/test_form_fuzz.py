"""Hostile text in every field of the training forms is refused with the form shown again and nothing saved,
when one field can never be valid; no form gives a 500."""

import pytest
from django.urls import reverse

from tests.db_state import nothing_saved
from tests.fuzz import assert_form_refuses_hostile_text, form_errors

pytestmark = pytest.mark.django_db

TRAINING_MODELS = [
    "training.Module", "training.Facilitator", "training.Session", "training.Attendance", "training.Evaluation",
    "training.CompletionRollup", "training.HistoricalModule", "training.HistoricalSession",
    "training.HistoricalAttendance",
]  # fmt: skip
SESSION_FIELDS = ["module", "date", "start_time", "end_time", "hours_credited", "location", "lead_facilitator",
                  "co_facilitators", "facilitator_override", "audience", "department", "capacity", "notes",
                  "revision"]  # fmt: skip
ROSTER_FIELDS = ["roster-TOTAL_FORMS", "roster-INITIAL_FORMS", "roster-0-user", "roster-0-external_name",
                 "roster-0-external_organisation", "roster-0-minutes", "roster-0-completed"]  # fmt: skip

POST_ONLY = {"evaluation_create"}  # its form is on the session page, which shows its errors

# (url name, who posts, target, fields given hostile text, the field and value that can never be valid)
FORMS = [
    ("module_create", "equity", None, ["title", "summary", "topics", "hours", "curriculum_version", "required_for",
                                       "is_active", "revision"], ("tier", "no-such-tier")),
    ("module_update", "equity", "module", ["title", "summary", "topics", "hours", "curriculum_version",
                                           "required_for", "is_active", "revision"], ("tier", "no-such-tier")),
    ("facilitator_create", "equity", None, ["user", "trained_on", "modules", "is_active", "notes", "revision"],
     ("status", "no-such-status")),
    ("session_create", "facilitator", None, SESSION_FIELDS, ("format", "no-such-format")),
    ("session_update", "facilitator", "session", SESSION_FIELDS, ("format", "no-such-format")),
    ("roster_edit", "facilitator", "session", ROSTER_FIELDS, ("roster-0-status", "no-such-status")),
    ("evaluation_create", "facilitator", "session", ["attendance", "respondents", "post_score"],
     ("pre_score", "101")),
]  # fmt: skip


@pytest.mark.parametrize(("name", "persona", "target", "fields", "invalid"), FORMS, ids=[f[0] for f in FORMS])
def test_every_form_field_refuses_hostile_text_without_saving(
    client, personas, module, session, name, persona, target, fields, invalid
):
    client.force_login(getattr(personas, persona))
    args = {None: [], "module": [module.pk], "session": [session.pk]}[target]
    url = reverse(f"training:{name}", args=args)
    assert client.get(url).status_code == (405 if name in POST_ONLY else 200)

    # A refused post shows the form again; the session page's evaluation form goes back there with the errors.
    refused = (302,) if name in POST_ONLY else (200, 400)
    assert_form_refuses_hostile_text(
        client, url, fields=fields, invalid=invalid, models=TRAINING_MODELS, refused=refused
    )


def test_a_roster_post_with_no_rows_and_no_stamp_is_refused_with_a_message(client, personas, session):
    """Found by the fuzz test above: a post whose management form says "no rows" and carries no roster stamp is a
    valid empty formset, so the refusal is the roster service's (shown in the grid's error summary), not a field's."""
    client.force_login(personas.facilitator)
    url = reverse("training:roster_edit", args=[session.pk])
    data = {"roster-TOTAL_FORMS": "0", "roster-INITIAL_FORMS": "0", "roster-0-user": "' OR 1=1 --"}
    with nothing_saved(TRAINING_MODELS):
        response = client.post(url, data)
    assert response.status_code == 200
    assert response.context["roster_errors"] and form_errors(response)
    assert response.context["roster_errors"][0] in response.content.decode()
