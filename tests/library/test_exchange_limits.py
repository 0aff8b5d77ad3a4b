"""One set of limits per practice field: the form states and enforces the model's, the exchange schema reads the
same ones, so the largest practice the form accepts leaves by the export and comes back by the import unchanged."""

import copy
import json
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from library.exchange import SCHEMA_PATH, ExchangeError, exchange_parse, practice_limits, schema_with_model_limits
from library.models import EquityArea, Practice
from tests.factories import DepartmentFactory

pytestmark = pytest.mark.django_db

# The form's largest legal practice: every text at its limit, five 50-character tags and one of 40 (300 in all).
TAGS = ", ".join([*(f"{i}" * 50 for i in range(5)), "z" * 40])
URL = "https://example.org/" + "p" * (500 - len("https://example.org/"))


def _largest(departments) -> dict:
    return {
        "title": "T" * 200,
        "summary": "S" * 19_999 + "\u00e9",  # the limit counts characters, not bytes
        "kind": "budget",
        "jurisdiction": "other",
        "jurisdiction_name": "J" * 150,
        "source_url": URL,
        "evidence": "E" * 20_000,
        "status": "adopted",
        "tags": TAGS,
        "equity_areas": [a.pk for a in EquityArea.objects.all()],
        "departments": [d.pk for d in departments],
    }


def _fields(practice: Practice) -> tuple:
    return (
        str(practice.uid),
        practice.title,
        practice.summary,
        practice.kind,
        practice.jurisdiction,
        practice.jurisdiction_name,
        practice.source_url,
        practice.evidence,
        practice.status,
        practice.tags,
        sorted(a.code for a in practice.equity_areas.all()),
        sorted(d.name for d in practice.departments.all()),
    )


def test_the_committed_schema_states_the_model_limits():
    committed = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    assert schema_with_model_limits(copy.deepcopy(committed)) == committed
    assert practice_limits()["summary"] == Practice._meta.get_field("summary").max_length == 20_000


def test_the_form_states_every_limit(client, personas):
    client.force_login(personas.equity)
    content = client.get(reverse("library:practice_create")).content.decode()
    for text in ("Up to 200 characters.", "Up to 20,000 characters.", "Up to 150 characters.", "Up to 500 characters."):
        assert text in content
    assert "up to 30 tags of up to 50 characters each, 300 characters in all" in content
    assert "Up to 50 departments." in content


def test_the_largest_legal_practice_leaves_and_comes_back_unchanged(client, personas):
    departments = [personas.dept, *(DepartmentFactory(name=f"{'D' * 110} {i:03}") for i in range(49))]
    client.force_login(personas.equity)
    created = client.post(reverse("library:practice_create"), _largest(departments))
    assert created.status_code == 302, created.context["form"].errors
    before = _fields(Practice.objects.get())
    exported = client.get(reverse("library:exchange_export")).content
    Practice.objects.all().delete()  # the city restores its own file into an empty library

    preview = client.post(reverse("library:exchange_import"), {"file": SimpleUploadedFile("practices.json", exported)})
    assert preview.status_code == 200, preview.context["form"].errors
    client.post(reverse("library:exchange_import_confirm"), {"token": preview.context["token"]})
    assert _fields(Practice.objects.get()) == before


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("summary", "S" * 20_001, "at most 20000 characters"),
        ("evidence", "E" * 20_001, "at most 20000 characters"),
        ("tags", "t" * 51, "A tag can be up to 50 characters"),
        ("tags", ", ".join(f"t{i}" for i in range(31)), "Up to 30 tags; this has 31."),
        ("source_url", "ftp://example.org/file", "Enter a valid URL."),
    ],
)
def test_the_form_refuses_what_the_exchange_format_would(client, personas, field, value, message):
    client.force_login(personas.equity)
    response = client.post(reverse("library:practice_create"), {**_largest([personas.dept]), field: value})
    assert response.status_code == 200
    assert any(message in error for error in response.context["form"].errors[field])
    assert not Practice.objects.exists()


def test_the_form_refuses_more_departments_than_a_file_can_carry(client, personas):
    departments = [personas.dept, *(DepartmentFactory() for _ in range(50))]
    client.force_login(personas.equity)
    response = client.post(reverse("library:practice_create"), _largest(departments))
    assert "Choose up to 50 departments; 51 are ticked." in response.context["form"].errors["departments"]


def test_the_import_refuses_tags_longer_together_than_the_field():
    record = {"uid": str(uuid.uuid4()), "title": "T", "summary": "S", "kind": "policy", "jurisdiction": "X"}
    document = {
        "format": "equity-portal-exchange",
        "schema_version": 1,
        "exported_at": "2026-11-28T12:00:00+00:00",
        "source": {"jurisdiction": "X"},
        "practices": [{**record, "tags": ["t" * 50] * 6}],  # each legal, 310 characters written as one list
    }
    with pytest.raises(ExchangeError) as info:
        exchange_parse(raw=json.dumps(document).encode())
    assert info.value.problems == ["practices[1].tags: 310 characters written as one list; the limit is 300"]
