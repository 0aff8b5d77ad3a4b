"""The exchange format: export, the import's bad files (nothing changes), and the round trip into an empty library."""

import json
import uuid

import jsonschema
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from library import exchange
from library.exchange import ExchangeError, exchange_parse, exchange_schema
from library.models import EquityArea, Practice
from tests.library.factories import PracticeFactory

pytestmark = pytest.mark.django_db


def _record(**overrides):
    record = {
        "uid": str(uuid.uuid4()),
        "title": "Participatory budgeting",
        "summary": "Residents decide on part of the capital budget.",
        "kind": "program",
        "equity_areas": ["community-development"],
        "departments": ["Community Development", "Parks Department"],
        "jurisdiction": "City of Minneapolis",
        "source_url": "https://example.org/pb",
        "evidence": "More renters voted.",
        "status": "adopted",
        "tags": ["budget", "engagement"],
    }
    record.update(overrides)
    return record


def _document(*records, **overrides):
    document = {
        "format": "equity-portal-exchange",
        "schema_version": 1,
        "exported_at": "2026-11-28T12:00:00+00:00",
        "source": {"jurisdiction": "City of Minneapolis"},
        "practices": list(records),
    }
    document.update(overrides)
    return document


def _upload(client, content: bytes, name="practices.json"):
    return client.post(reverse("library:exchange_import"), {"file": SimpleUploadedFile(name, content)})


def _problems(response) -> list[str]:
    return list(response.context["form"].errors.get("file", []))


BAD_FILES = [
    (b"this is not json {", "not valid JSON"),
    (b"\xff\xfe\x00binary", "not UTF-8"),
    (b"   ", "empty"),
    (b"[1, 2, 3]", "JSON object"),
    (json.dumps({"format": "something-else"}).encode(), "not an Equity Portal exchange file"),
    (json.dumps(_document(schema_version=2)).encode(), "Schema version 2 is not supported"),
    (json.dumps(_document(schema_version="1")).encode(), 'Schema version "1" is not supported'),
    (json.dumps(_document(_record(colour="red"))).encode(), "practices[1]: unknown field(s): 'colour'"),
    (json.dumps(_document(_record(), extra=1)).encode(), "unknown field(s): 'extra'"),
    (json.dumps(_document(_record(kind="law"))).encode(), "practices[1].kind: 'law' is not one of"),
    (json.dumps(_document(_record(uid="not-a-uuid"))).encode(), "practices[1].uid"),
    (json.dumps(_document(_record(title=""))).encode(), "practices[1].title"),
    (json.dumps(_document(_record(source_url="javascript:alert(1)"))).encode(), "practices[1].source_url"),
    (json.dumps(_document(_record(equity_areas=["space"]))).encode(), "practices[1].equity_areas[1]"),
    (json.dumps(_document({k: v for k, v in _record().items() if k != "summary"})).encode(), "'summary' is missing"),
    (
        json.dumps(
            _document(
                _record(uid="0b0c4a52-5a2e-4b0a-8f0e-0d1c2b3a4f5e"), _record(uid="0B0C4A52-5A2E-4B0A-8F0E-0D1C2B3A4F5E")
            )
        ).encode(),
        "appears more than once",
    ),
]


@pytest.mark.parametrize(("content", "problem"), BAD_FILES)
def test_import_bad_files_list_problems_and_change_nothing(client, personas, content, problem):
    client.force_login(personas.equity)
    response = _upload(client, content)
    assert response.status_code == 400
    problems = _problems(response)
    assert any(problem in p for p in problems), problems
    assert b"There is a problem" in response.content
    assert not Practice.objects.exists()
    assert "library_import" not in client.session


def test_import_lists_every_problem_of_the_file(client, personas):
    client.force_login(personas.equity)
    document = _document(_record(kind="law"), _record(title="", status="won"), _record(tags="x"))
    problems = _problems(_upload(client, json.dumps(document).encode()))
    assert len(problems) == 4
    assert any("practices[1].kind" in p for p in problems) and any("practices[3].tags" in p for p in problems)


def test_import_refuses_files_over_the_limit(client, personas, monkeypatch):
    monkeypatch.setattr(exchange, "MAX_IMPORT_BYTES", 500)
    client.force_login(personas.equity)
    problems = _problems(_upload(client, json.dumps(_document(_record(), _record())).encode()))
    assert any("too large" in p for p in problems)
    assert not Practice.objects.exists()


def test_export_validates_against_the_committed_schema(client, personas):
    PracticeFactory(equity_areas=[EquityArea.objects.get(code="housing")], departments=[personas.dept])
    PracticeFactory(review_state="suggested", title="Not exported")
    client.force_login(personas.staff)
    response = client.get(reverse("library:exchange_export"))
    assert response.status_code == 200 and response["Content-Type"].startswith("application/json")
    assert "attachment;" in response["Content-Disposition"]
    document = json.loads(response.content)
    jsonschema.validate(document, exchange_schema())
    assert [p["title"] for p in document["practices"]] == ["Practice 0"] or len(document["practices"]) == 1
    assert document["practices"][0]["equity_areas"] == ["housing"]
    assert document["practices"][0]["departments"] == ["Community Development"]


def test_export_of_a_selection_and_of_filtered_results(client, personas):
    a = PracticeFactory(title="Alpha", kind="policy")
    PracticeFactory(title="Beta", kind="program")
    c = PracticeFactory(title="Gamma", kind="program")
    client.force_login(personas.staff)
    chosen = json.loads(
        client.get(reverse("library:exchange_export") + f"?practice={a.pk}&practice={c.pk}&practice=x").content
    )
    assert [p["title"] for p in chosen["practices"]] == ["Alpha", "Gamma"]
    filtered = json.loads(client.get(reverse("library:exchange_export") + "?kind=program").content)
    assert [p["title"] for p in filtered["practices"]] == ["Beta", "Gamma"]


def test_round_trip_export_then_import_into_an_empty_library(client, personas):
    housing, jobs = EquityArea.objects.get(code="housing"), EquityArea.objects.get(code="jobs")
    PracticeFactory(title="Inclusionary housing", kind="policy", equity_areas=[housing], departments=[personas.dept])
    PracticeFactory(
        title="Fair chance hiring",
        kind="policy",
        jurisdiction="other",
        jurisdiction_name="State of Minnesota",
        equity_areas=[jobs],
        tags="hiring, records",
        source_url="https://mn.example/fair-chance",
    )
    PracticeFactory(title="Co-responders", kind="program", status="proposed")
    client.force_login(personas.equity)
    exported = client.get(reverse("library:exchange_export")).content
    before = {p.title: p for p in Practice.objects.prefetch_related("equity_areas", "departments")}
    before = {
        t: (
            str(p.uid),
            p.kind,
            p.status,
            p.jurisdiction,
            p.jurisdiction_name,
            p.tags,
            p.source_url,
            sorted(a.code for a in p.equity_areas.all()),
            sorted(d.name for d in p.departments.all()),
        )
        for t, p in before.items()
    }
    Practice.objects.all().delete()  # the other city's library is empty

    preview = _upload(client, exported)
    assert preview.status_code == 200
    plan = preview.context["plan"]
    assert sorted(p.title for p in plan.to_create) == sorted(before) and plan.duplicates == []
    assert not Practice.objects.exists()  # the preview changes nothing
    assert b"3 practices will be created" in preview.content

    confirm = client.post(reverse("library:exchange_import_confirm"), {"token": preview.context["token"]})
    assert confirm.status_code == 302
    after = {
        p.title: (
            str(p.uid),
            p.kind,
            p.status,
            p.jurisdiction,
            p.jurisdiction_name,
            p.tags,
            p.source_url,
            sorted(a.code for a in p.equity_areas.all()),
            sorted(d.name for d in p.departments.all()),
        )
        for p in Practice.objects.prefetch_related("equity_areas", "departments")
    }
    assert after == before
    assert all(p.review_state == "published" and p.history.exists() for p in Practice.objects.all())

    # Importing the same file again creates nothing: every practice is a duplicate by uid.
    again = _upload(client, exported)
    assert again.context["plan"].to_create == [] and len(again.context["plan"].duplicates) == 3
    assert b"3 practices skipped" in again.content


def test_import_from_another_city_marks_practices_proposed_here(client, personas):
    client.force_login(personas.equity)
    existing = PracticeFactory()
    document = _document(_record(), _record(uid=str(existing.uid), title="Same uid, other title"))
    preview = _upload(client, json.dumps(document).encode())
    plan = preview.context["plan"]
    assert [p.title for p in plan.to_create] == ["Participatory budgeting"]
    assert [p.duplicate_of for p in plan.duplicates] == [existing]
    assert plan.to_create[0].unmatched_departments == ["Parks Department"]
    client.post(reverse("library:exchange_import_confirm"), {"token": preview.context["token"]})
    created = Practice.objects.get(title="Participatory budgeting")
    assert created.jurisdiction == "other" and created.status == "proposed"  # adopted there, not here
    assert created.imported_from == "City of Minneapolis"
    assert [d.name for d in created.departments.all()] == ["Community Development"]


def test_confirm_with_a_wrong_token_changes_nothing(client, personas):
    client.force_login(personas.equity)
    _upload(client, json.dumps(_document(_record())).encode())
    response = client.post(reverse("library:exchange_import_confirm"), {"token": "forged"})
    assert response.status_code == 302 and response["Location"] == reverse("library:exchange_import")
    assert not Practice.objects.exists()


def test_exchange_parse_accepts_a_minimal_hand_written_file():
    document = _document(
        {"uid": str(uuid.uuid4()), "title": "T", "summary": "S", "kind": "policy", "jurisdiction": "X"}
    )
    assert exchange_parse(raw=json.dumps(document).encode())["practices"][0]["title"] == "T"
    with pytest.raises(ExchangeError):
        exchange_parse(raw=b"{}")
