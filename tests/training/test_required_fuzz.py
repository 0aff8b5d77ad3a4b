"""Hostile text in every field of issue 14's forms: refused with the form shown again, nothing saved, no 500."""

import pytest
from django.urls import reverse

from tests.fuzz import assert_form_refuses_hostile_text
from training.models import CertificationRequest

pytestmark = pytest.mark.django_db

MODELS = [
    "training.TrainingRequirement", "training.CertificationRequest", "training.Facilitator",
    "equity.StaffAttributes", "training.HistoricalTrainingRequirement", "training.HistoricalCertificationRequest",
]  # fmt: skip


def _request(personas, facilitator_record, module):
    return CertificationRequest.objects.create(facilitator=facilitator_record, module=module, reason="r").pk


# (url name, who posts, target, fields given hostile text, the field and value that can never be valid)
FORMS = [
    ("training:requirement_create", "equity", None,
     ["module", "role", "department", "due_days", "effective_from", "notes", "revision"], ("scope", "no-such-scope")),
    ("training:certification_request_create", "facilitator", None, ["reason"], ("module", "no-such-module")),
    ("training:certification_request_detail", "equity", "request", ["note"], ("decision", "maybe")),
    ("staff_attributes", "equity", "staff", ["job_class", "hire_date", "revision"], ("race_ethnicity", "martian")),
    ("self_identification", "staff", None, ["revision"], ("race_ethnicity", "martian")),
]  # fmt: skip


@pytest.mark.parametrize(("name", "persona", "target", "fields", "invalid"), FORMS, ids=[f[0] for f in FORMS])
def test_issue_14_forms_refuse_hostile_text_without_saving(
    client, personas, module, facilitator_record, name, persona, target, fields, invalid
):
    client.force_login(getattr(personas, persona))
    args = {
        None: [],
        "request": lambda: [_request(personas, facilitator_record, module)],
        "staff": lambda: [personas.staff.pk],
    }[target]
    url = reverse(name, args=args() if callable(args) else args)
    assert client.get(url).status_code == 200
    assert_form_refuses_hostile_text(client, url, fields=fields, invalid=invalid, models=MODELS)
