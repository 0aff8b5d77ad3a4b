"""CSV and JSON downloads of a published plan and indicator: made from the snapshot only, valid against their
published JSON Schemas, readable by Excel, safe in a spreadsheet, suppressed numbers and hidden names absent."""

from __future__ import annotations

import csv
import io
import json

import jsonschema
import pytest
from django.urls import reverse

from plans.models import Action
from tests.public.open_data import (
    ACCOUNTABLE,
    ACCOUNTABLE_USERNAME,
    SMALL_VALUE,
    count_queries,
    make_indicator,
    make_plan,
    open_data,  # noqa: F401 - fixture
    published,
    schema,
    withdrawn,
)

pytestmark = pytest.mark.usefixtures("open_data")


def _url(name: str, publication) -> str:
    return reverse(f"public:{name}", kwargs={"slug": publication.slug})


def _csv_rows(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_plan_json_validates_against_its_schema_and_states_version_and_licence(client, personas):
    publication = published(personas.equity, make_plan())
    response = client.get(_url("plan_json", publication))
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"] == f'attachment; filename="{publication.slug}-actions.json"'
    document = json.loads(response.content)
    jsonschema.Draft202012Validator(schema("plan-actions-v1")).validate(document)
    assert document["schema"] == "http://testserver/public/schemas/plan-actions-v1.json"
    assert document["schema_version"] == "1.0"
    assert document["licence"] == {"name": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/"}
    first, second = document["actions"]
    assert (first["code"], first["result_codes"], first["outcome_codes"]) == ("A1", ["R1"], ["R1.1"])
    assert first["latest_update"]["summary"] == "@SUM(1+1) reviewed"
    assert (second["code"], second["outcome_codes"], second["latest_update"]) == ("A2", [], None)


def test_plan_csv_has_a_bom_the_documented_columns_and_neutralised_formulas(client, personas):
    plan = make_plan(title="Plan 2025–2028", action_title='=HYPERLINK("http://evil")')
    publication = published(personas.equity, plan)
    response = client.get(_url("plan_csv", publication))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="{publication.slug}-actions.csv"'
    assert response.content.startswith("\ufeff".encode())
    rows = _csv_rows(response)
    assert list(rows[0]) == [
        "action_code", "action_title", "description", "result_codes", "outcome_codes", "status", "status_label",
        "percent_complete", "lead_department", "co_lead_departments", "accountable", "timeline", "start_date",
        "due_date", "completed_on", "measure_of_success", "latest_update_as_of", "latest_update_summary",
    ]  # fmt: skip
    assert rows[0]["action_title"] == '\'=HYPERLINK("http://evil")'
    assert rows[0]["latest_update_summary"] == "'@SUM(1+1) reviewed"
    assert rows[0]["lead_department"] == "Housing & Renewal"
    assert rows[0]["latest_update_as_of"] == "2026-01-15"
    assert [row["action_code"] for row in rows] == ["A1", "A2"]


def test_accountable_names_only_when_the_equity_team_chose_to_show_them(client, personas):
    plan = make_plan()
    hidden = published(personas.equity, plan)
    for name in ("plan_csv", "plan_json"):
        body = client.get(_url(name, hidden)).content
        assert ACCOUNTABLE.encode() not in body and ACCOUNTABLE_USERNAME.encode() not in body
    shown = published(personas.equity, plan, show_people=True, version=hidden.version)
    named = {action["accountable"] for action in shown.current.payload["actions"]}
    assert named and None not in named
    assert {row["accountable"] for row in _csv_rows(client.get(_url("plan_csv", shown)))} == named


def test_the_files_show_the_published_snapshot_not_the_live_plan(client, personas):
    plan = make_plan()
    publication = published(personas.equity, plan)
    Action.objects.filter(plan=plan, code="A2").update(title="Live draft title")
    body = client.get(_url("plan_json", publication)).content.decode()
    assert "Live draft title" not in body and "Review fees" in body


def test_indicator_json_validates_and_suppressed_values_are_null_and_flagged(client, personas):
    publication = published(personas.equity, make_indicator())
    response = client.get(_url("indicator_json", publication))
    assert response["Content-Type"] == "application/json"
    document = json.loads(response.content)
    jsonschema.Draft202012Validator(schema("indicator-values-v1")).validate(document)
    small = [row for row in document["values"] if row["group"].startswith("American Indian")]
    assert len(small) == 2 and all(r["suppressed"] and r["value"] is None for r in small)
    assert document["indicator"]["suppress_below"] == 10
    assert document["gaps"]["years"] and document["licence"]["name"] == "CC BY 4.0"
    assert str(SMALL_VALUE).encode() not in response.content


def test_indicator_csv_leaves_suppressed_cells_empty_and_the_small_value_out(client, personas):
    publication = published(personas.equity, make_indicator())
    response = client.get(_url("indicator_csv", publication))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="{publication.slug}-values.csv"'
    assert response.content.startswith(b"\xef\xbb\xbf")
    assert str(SMALL_VALUE).encode() not in response.content
    rows = _csv_rows(response)
    assert len(rows) == 8
    small = [row for row in rows if row["group"].startswith("American Indian")]
    assert {(r["value"], r["margin_of_error"], r["suppressed"], r["gap"]) for r in small} == {("", "", "true", "")}
    black = next(r for r in rows if r["group"] == "Black or African American" and r["year"] == "2020")
    assert (black["value"], black["suppressed"], black["is_reference"]) == ("28.2000", "false", "false")
    assert (black["reference_group"], black["gap"]) == ("White (not Hispanic)", "45.8000")


def test_excel_reads_non_ascii_text_right(client, personas):
    indicator = make_indicator()
    indicator.data_points.filter(year=2016).update(note="ACS 2012–2016")
    publication = published(personas.equity, indicator)
    content = client.get(_url("indicator_csv", publication)).content
    assert content.startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8 only after a byte-order mark
    assert "ACS 2012–2016".encode() in content
    assert {r["note"] for r in _csv_rows(client.get(_url("indicator_csv", publication)))} == {"ACS 2012–2016", ""}


def test_the_demo_files_validate_and_suppress_the_small_survey_group(client, demo, open_data):  # noqa: F811
    from plans.models import Indicator, IndicatorDataPoint, Plan

    plan = published(demo, Plan.objects.get(title__startswith="Citywide"))
    document = client.get(_url("plan_json", plan)).json()
    jsonschema.Draft202012Validator(schema("plan-actions-v1")).validate(document)
    assert len(document["actions"]) == len(plan.current.payload["actions"]) > 10
    survey = Indicator.objects.get(name__startswith="Residents who trust")
    publication = published(demo, survey)
    small = IndicatorDataPoint.objects.filter(indicator=survey, group__name__startswith="American Indian")
    assert small.exists()
    rows = _csv_rows(client.get(_url("indicator_csv", publication)))
    flagged = [r for r in rows if r["group"].startswith("American Indian")]
    assert len(flagged) == small.count() and all(r["suppressed"] == "true" and not r["value"] for r in flagged)
    document = client.get(_url("indicator_json", publication)).json()
    jsonschema.Draft202012Validator(schema("indicator-values-v1")).validate(document)
    flagged = [v for v in document["values"] if v["group"].startswith("American Indian")]
    assert len(flagged) == small.count() and all(v["suppressed"] and v["value"] is None for v in flagged)


@pytest.mark.parametrize("name", ["plan_csv", "plan_json", "indicator_csv", "indicator_json"])
def test_unknown_and_unpublished_slugs_answer_404(client, personas, name):
    record = make_plan() if name.startswith("plan") else make_indicator()
    publication = published(personas.equity, record)
    assert client.get(reverse(f"public:{name}", kwargs={"slug": "no-such-slug"})).status_code == 404
    assert client.get(_url(name, publication)).status_code == 200
    withdrawn(personas.equity, publication)
    assert client.get(_url(name, publication)).status_code == 404


@pytest.mark.parametrize("name", ["plan_csv", "indicator_json"])
def test_downloads_are_get_only_cookie_free_and_cached(client, personas, name):
    record = make_plan() if name.startswith("plan") else make_indicator()
    url = _url(name, published(personas.equity, record))
    assert client.post(url).status_code == 405
    first = client.get(url)
    assert not first.cookies and first["Cache-Control"].startswith("public")
    assert count_queries(client, url) == 0
    assert client.get(url).content == first.content


def test_a_download_costs_the_same_queries_whatever_the_plan_size(client, personas, open_data):  # noqa: F811
    from public.cache import site_changed
    from tests.plans.factories import ActionFactory

    plan = make_plan()
    publication = published(personas.equity, plan)
    small = count_queries(client, _url("plan_csv", publication))
    ActionFactory.create_batch(5, plan=plan)
    publication = published(personas.equity, plan, version=publication.version)
    site_changed()
    assert count_queries(client, _url("plan_csv", publication)) == small == 1
