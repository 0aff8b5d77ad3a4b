"""/data.json: a DCAT-US 1.1 catalog of the published plans and indicators that validates against the vendored
schema (tests/public/dcat_us_1_1/), whose every distribution and data dictionary answers with its declared media
type; nothing unpublished or superseded in it; the JSON Schemas it points to are served."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from django.urls import reverse
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

from plans.models import Indicator, Plan
from public.cache import site_changed
from tests.public.open_data import (
    SCHEMAS,
    count_queries,
    make_indicator,
    make_plan,
    open_data,  # noqa: F401 - fixture
    published,
    withdrawn,
)

pytestmark = pytest.mark.usefixtures("open_data")

DCAT = Path(__file__).resolve().parent / "dcat_us_1_1"
BASE = "https://project-open-data.cio.gov/v1.1/schema/"
FEDERAL_ONLY = {"bureauCode", "programCode"}  # "should not be seen as required" for a city (README there)


def dcat_validator() -> jsonschema.Draft4Validator:
    """The vendored DCAT-US 1.1 schema, $refs resolved from the local files, federal-only fields not required."""
    files = {path.name: json.loads(path.read_text()) for path in DCAT.glob("*.json")}
    required = files["dataset.json"]["required"]
    files["dataset.json"]["required"] = [name for name in required if name not in FEDERAL_ONLY]
    assert set(required) - set(files["dataset.json"]["required"]) == FEDERAL_ONLY  # relaxed that much only
    registry = Registry().with_resources(
        (BASE + name, Resource.from_contents(contents, default_specification=DRAFT4))
        for name, contents in files.items()
    )
    return jsonschema.Draft4Validator(files["catalog.json"], registry=registry)


def non_federal_validator() -> jsonschema.Draft4Validator:
    """data.gov's DCAT-US 1.1 schema for non-federal publishers (vendored unchanged, see the README there)."""
    files = {path.name: json.loads(path.read_text()) for path in (DCAT / "non-federal").glob("*.json")}
    registry = Registry().with_resources(
        (BASE + name, Resource.from_contents(contents, default_specification=DRAFT4))
        for name, contents in files.items()
    )
    return jsonschema.Draft4Validator(files["catalog.json"], registry=registry)


def _catalog(client) -> dict:
    response = client.get(reverse("public:data_json"))
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    return response.json()


def _world(author, *, indicators: int = 1) -> None:
    published(author, make_plan())
    for n in range(indicators):
        published(author, make_indicator(name=f"Indicator {n}"))


def test_data_json_validates_against_dcat_us_1_1(client, personas):
    _world(personas.equity)
    catalog = _catalog(client)
    dcat_validator().validate(catalog)
    non_federal_validator().validate(catalog)
    assert catalog["conformsTo"] == "https://project-open-data.cio.gov/v1.1/schema"
    assert catalog["@id"] == "http://testserver/data.json"
    indicator, plan = sorted(catalog["dataset"], key=lambda dataset: len(dataset["distribution"]))
    assert plan["accessLevel"] == "public" and plan["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert plan["contactPoint"]["hasEmail"].startswith("mailto:") and plan["contactPoint"]["fn"]
    assert plan["temporal"] == "2025-01-01/2028-12-31" and indicator["temporal"] == "2016-01-01/2020-12-31"
    assert {d["mediaType"] for d in plan["distribution"]} == {"text/csv", "application/json", "application/pdf"}
    assert {d["mediaType"] for d in indicator["distribution"]} == {"text/csv", "application/json"}
    assert not FEDERAL_ONLY & set(plan)


def test_the_schema_check_is_real(client, personas):
    _world(personas.equity)
    catalog = _catalog(client)
    del catalog["dataset"][0]["contactPoint"]["hasEmail"]
    catalog["dataset"][1]["distribution"][0]["mediaType"] = "csv"
    errors = list(dcat_validator().iter_errors(catalog))
    assert len(errors) == 2
    del catalog["dataset"][0]["title"]
    assert len(list(non_federal_validator().iter_errors(catalog))) == 2  # no title; the media type is not one


def test_every_distribution_and_dictionary_answers_with_its_declared_media_type(client, personas):
    _world(personas.equity)
    links = []
    for dataset in _catalog(client)["dataset"]:
        links.append((dataset["describedBy"], dataset["describedByType"]))
        for distribution in dataset["distribution"]:
            links.append((distribution["downloadURL"], distribution["mediaType"]))
            if "describedBy" in distribution:
                links.append((distribution["describedBy"], distribution["describedByType"]))
    assert len(links) == 2 + 3 + 1 + 2 + 1  # per dataset: its dictionary, its files, the JSON file's dictionary
    failures = []
    for url, media_type in links:
        assert url.startswith("http://testserver/"), url
        response = client.get(url.removeprefix("http://testserver"))
        got = response.get("Content-Type", "").split(";")[0]
        if response.status_code != 200 or got != media_type:
            failures.append(f"{url}: {response.status_code} {got}, declared {media_type}")
    assert not failures, "\n".join(failures)


def test_the_demo_catalog_validates(client, demo, open_data):  # noqa: F811
    published(demo, Plan.objects.get(title__startswith="Citywide"))
    for indicator in Indicator.objects.filter(
        name__in=["Homeownership rate", "Residents who trust the city to do what is right"]
    ):
        published(demo, indicator)
    catalog = _catalog(client)
    dcat_validator().validate(catalog)
    non_federal_validator().validate(catalog)
    assert len(catalog["dataset"]) == 3
    assert all(dataset["keyword"] and dataset["description"] for dataset in catalog["dataset"])


def test_only_what_is_published_now_and_only_its_current_version(client, personas):
    plan = make_plan()
    first = published(personas.equity, plan)
    Plan.objects.filter(pk=plan.pk).update(narrative="Second statement, after the council's review.")
    plan.refresh_from_db()
    current = published(personas.equity, plan, version=first.version)
    gone = published(personas.equity, make_indicator(name="Withdrawn indicator"))
    withdrawn(personas.equity, gone)
    catalog = _catalog(client)
    (dataset,) = catalog["dataset"]
    assert dataset["description"] == "Second statement, after the council's review."
    assert dataset["modified"] == current.current.published_at.isoformat(timespec="seconds")
    assert dataset["issued"] == current.snapshots.get(number=1).published_at.isoformat(timespec="seconds")
    body = json.dumps(catalog)
    assert "Our plan for 2025" not in body and "Withdrawn indicator" not in body and gone.slug not in body


def test_the_licence_and_contact_are_settings(client, personas, settings):
    settings.EQUITY_PUBLIC_LICENCE_URL = "https://opendatacommons.org/licenses/pddl/1-0/"
    settings.EQUITY_PUBLIC_LICENCE_NAME = "PDDL 1.0"
    settings.EQUITY_PUBLIC_CONTACT_EMAIL = "opendata@stlouisparkmn.gov"
    publication = published(personas.equity, make_indicator())
    (dataset,) = _catalog(client)["dataset"]
    assert dataset["license"] == "https://opendatacommons.org/licenses/pddl/1-0/"
    assert dataset["contactPoint"]["hasEmail"] == "mailto:opendata@stlouisparkmn.gov"
    document = client.get(reverse("public:indicator_json", kwargs={"slug": publication.slug})).json()
    assert document["licence"] == {"name": "PDDL 1.0", "url": "https://opendatacommons.org/licenses/pddl/1-0/"}


def test_an_empty_catalog_is_valid(client, db):
    catalog = _catalog(client)
    assert catalog["dataset"] == []
    dcat_validator().validate(catalog)


def test_the_catalog_costs_the_same_queries_for_one_and_three_publications_and_none_when_cached(client, personas):
    _world(personas.equity, indicators=0)
    one = count_queries(client, reverse("public:data_json"))
    assert count_queries(client, reverse("public:data_json")) == 0
    published(personas.equity, make_indicator(name="Second"))
    published(personas.equity, make_indicator(name="Third"))
    site_changed()
    assert count_queries(client, reverse("public:data_json")) == one == 1
    assert len(_catalog(client)["dataset"]) == 3


@pytest.mark.parametrize("name", ["plan-actions-v1", "indicator-values-v1"])
def test_each_schema_is_served_as_schema_json_and_is_a_valid_schema(client, db, name):
    response = client.get(reverse("public:schema", kwargs={"name": name}))
    assert response.status_code == 200 and response["Content-Type"] == "application/schema+json"
    assert response.content == (SCHEMAS / f"{name}.json").read_bytes()
    document = response.json()
    jsonschema.Draft202012Validator.check_schema(document)
    assert document["x-schema-version"] == "1.0" and "licence" in document["description"]


@pytest.mark.parametrize("name", ["plan-actions-v2", "catalog", "README"])
def test_an_unknown_schema_is_404(client, db, name):
    assert client.get(reverse("public:schema", kwargs={"name": name})).status_code == 404
    assert client.get("/public/schemas/..%2Fmodels.json").status_code == 404
