"""Hostile text in every field of the training forms is refused with the form shown again and nothing saved,
when one field can never be valid; no form gives a 500."""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.fuzz import assert_never_fails, hostile_text, row_counts

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.data_too_large, HealthCheck.too_slow],
)
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

    @FUZZ
    @given(values=st.fixed_dictionaries({field: hostile_text() for field in fields}))
    def check(values):
        before = row_counts(TRAINING_MODELS)
        response = client.post(url, {**values, invalid[0]: invalid[1]})
        assert_never_fails(response)
        # A refused post shows the form again; the session page's evaluation form goes back there with the errors.
        assert response.status_code in ((302,) if name in POST_ONLY else (200, 400))
        assert row_counts(TRAINING_MODELS) == before

    check()
