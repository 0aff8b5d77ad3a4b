"""A worksheet's data-by-race table becomes one year of a plan indicator: choose, preview, map names, send."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from equity.concurrency import StaleEdit
from plans.models import GroupAlias, IndicatorDataPoint, RacialGroup
from plans.services.indicator_uploads import Choice
from tests.plans.factories import DataPointFactory, IndicatorFactory, PlanFactory, ResultFactory
from tools.models import Answer, Question
from tools.services.indicator_sends import SendRequest, send_preview, table_send_to_indicator

pytestmark = pytest.mark.django_db

ROWS = [
    {"indicator": "Homeownership rate", "group": "Asian", "value": "52.5 %", "year": "2024", "source": "ACS"},
    {"indicator": "Homeownership rate", "group": "Black or African American", "value": "about 24", "year": "2024"},
    {"indicator": "Homeownership rate", "group": "Hispanic or Latino", "value": "31", "year": "2024", "source": "ACS"},
    {"indicator": "Homeownership rate", "group": "Two or more races", "value": {"not_stated": True}, "year": "2024"},
    {"indicator": "Homeownership rate", "group": "All residents", "value": "60-62", "year": "2024"},
    {"indicator": "Median income", "group": "Asian", "value": "81,000", "year": "2024"},
]


@pytest.fixture
def data_table(full_draft, personas):
    question = Question.objects.get(step__template=full_draft.template, code="2.3")
    Answer.objects.create(assessment=full_draft, question=question, value=ROWS, version=3)
    return question


@pytest.fixture
def indicator(personas):
    """An indicator used by a Community Development plan (its manager may edit it)."""
    result = ResultFactory(plan=PlanFactory(departments=[personas.dept]))
    return IndicatorFactory(name="Homeownership rate", data_source="ACS 5-year", result=result)


def group(code):
    return RacialGroup.objects.get(code=code)


def request_for(question, indicator, **kw):
    fields = {"column": "value", "year": 2024, "label": "Homeownership rate", "answer_version": 3}
    fields.update(kw)
    return SendRequest(question=question, indicator=indicator, indicator_version=indicator.version, **fields)


def test_preview_maps_known_names_lists_unknown_and_skips_with_reasons(full_draft, data_table, indicator):
    preview = send_preview(assessment=full_draft, request=request_for(data_table, indicator), rows=ROWS)
    assert preview.values == {group("asian").pk: Decimal("52.5"), group("black").pk: Decimal("24")}
    assert list(preview.unknown) == ["hispanic or latino"]
    assert preview.unknown["hispanic or latino"].suggestions[0].group == group("hispanic")
    reasons = {row.number: row.reason for row in preview.skipped}
    assert reasons[4] == "Not stated."
    assert "not one number" in reasons[5] and "60-62" in reasons[5]
    assert "another indicator" in reasons[6]


def test_a_row_whose_group_is_not_stated_is_skipped_not_offered_for_mapping(full_draft, data_table, indicator):
    rows = [{"indicator": "Homeownership rate", "group": {"not_stated": True}, "value": "44", "year": "2024"}]
    preview = send_preview(assessment=full_draft, request=request_for(data_table, indicator), rows=rows)
    assert not preview.unknown and not preview.values
    assert [row.reason for row in preview.skipped] == ["Group not stated."]


def test_send_saves_values_remembers_alias_and_records_both_histories(full_draft, data_table, indicator, personas):
    DataPointFactory(indicator=indicator, year=2024, group=group("asian"), value=Decimal("40"), note="ACS table")
    version = indicator.version
    sent = table_send_to_indicator(
        assessment=full_draft,
        author=personas.manager,
        request=request_for(data_table, indicator),
        choices={"hispanic or latino": Choice(group=group("hispanic"))},
    )
    assert len(sent.values) == 3
    points = {p.group.code: p for p in IndicatorDataPoint.objects.filter(indicator=indicator, year=2024)}
    assert {code: p.value for code, p in points.items()} == {
        "asian": Decimal("52.5"),
        "black": Decimal("24"),
        "hispanic": Decimal("31"),
    }
    assert points["asian"].note == "ACS table"  # a replaced value keeps its note
    assert GroupAlias.objects.get(alias="Hispanic or Latino", source="ACS 5-year").group == group("hispanic")
    indicator.refresh_from_db()
    assert indicator.version == version + 1
    assert set(indicator.groups.values_list("code", flat=True)) >= {"asian", "black", "hispanic"}
    indicator_row = indicator.history.first()
    assert "Community Development" in indicator_row.history_change_reason
    assert full_draft.title not in indicator_row.history_change_reason  # may be confidential
    worksheet_row = full_draft.history.first()
    assert worksheet_row.history_user == personas.manager
    assert "2.3" in worksheet_row.history_change_reason and "Homeownership rate" in worksheet_row.history_change_reason


def test_send_refuses_unmapped_name_and_saves_nothing(full_draft, data_table, indicator, personas):
    with pytest.raises(ValidationError, match="Choose the city's group for: Hispanic or Latino"):
        table_send_to_indicator(
            assessment=full_draft, author=personas.manager, request=request_for(data_table, indicator), choices={}
        )
    assert not IndicatorDataPoint.objects.filter(indicator=indicator).exists()


def test_send_refuses_two_rows_for_one_group(full_draft, data_table, indicator, personas):
    Answer.objects.filter(question=data_table).update(value=ROWS + [{"group": "Asian", "value": "50", "year": "2024"}])
    with pytest.raises(ValidationError, match="Row 1 gives Asian already"):
        table_send_to_indicator(
            assessment=full_draft,
            author=personas.manager,
            request=request_for(data_table, indicator, label=""),
            choices={"hispanic or latino": Choice()},
        )
    assert not IndicatorDataPoint.objects.exists()


def test_send_refuses_stale_table_and_stale_indicator(full_draft, data_table, indicator, personas):
    choices = {"hispanic or latino": Choice()}
    with pytest.raises(StaleEdit):
        table_send_to_indicator(
            assessment=full_draft,
            author=personas.manager,
            request=request_for(data_table, indicator, answer_version=2),
            choices=choices,
        )
    stale = SendRequest(
        question=data_table, indicator=indicator, indicator_version=indicator.version - 1 or 99, column="value",
        year=2024, label="Homeownership rate", answer_version=3,
    )  # fmt: skip
    with pytest.raises(StaleEdit):
        table_send_to_indicator(assessment=full_draft, author=personas.manager, request=stale, choices=choices)
    assert not IndicatorDataPoint.objects.exists()


@pytest.mark.parametrize("persona", ["staff", "other_manager"])
def test_send_refused_without_rights_on_indicator_or_worksheet(full_draft, data_table, indicator, personas, persona):
    with pytest.raises(PermissionDenied):
        table_send_to_indicator(
            assessment=full_draft,
            author=personas.get(persona),
            request=request_for(data_table, indicator),
            choices={"hispanic or latino": Choice()},
        )
    assert not IndicatorDataPoint.objects.exists()


def test_equity_team_sends_to_any_indicator(full_draft, data_table, personas):
    city_wide = IndicatorFactory(name="Homeownership rate", result=ResultFactory(plan=PlanFactory()))
    sent = table_send_to_indicator(
        assessment=full_draft,
        author=personas.equity,
        request=request_for(data_table, city_wide),
        choices={"hispanic or latino": Choice()},
    )
    assert len(sent.values) == 2


def test_page_preview_then_send_as_manager(client, full_draft, data_table, indicator, personas):
    client.force_login(personas.manager)
    url = reverse("tools:table_send", args=[full_draft.pk, data_table.pk])
    query = {"indicator": indicator.pk, "year": 2024, "column": "value", "label": "Homeownership rate"}
    page = client.get(url, query).content.decode()
    assert "2 values will be saved for 2024" in page and "Not stated" in page and "“Hispanic or Latino”" in page
    post = dict(query, answer_version=3, version=indicator.version, g0=str(group("hispanic").pk))
    page = client.post(url, dict(post, step="preview")).content.decode()
    assert "3 values will be saved for 2024" in page
    assert not IndicatorDataPoint.objects.exists()
    response = client.post(url, dict(post, step="send"))
    assert response.status_code == 302
    assert IndicatorDataPoint.objects.filter(indicator=indicator, year=2024).count() == 3
    stale = client.post(url, dict(post, step="send"))
    assert stale.status_code == 409 and "changed" in stale.content.decode()


def test_page_refuses_bad_input_with_messages(client, full_draft, data_table, indicator, personas):
    client.force_login(personas.manager)
    url = reverse("tools:table_send", args=[full_draft.pk, data_table.pk])
    response = client.get(url, {"indicator": indicator.pk, "year": 1200, "column": "value"})
    assert response.status_code == 400 and "greater than or equal to 1900" in response.content.decode()
    response = client.post(url, {"indicator": indicator.pk, "year": 2024, "column": "value", "step": "send"})
    assert response.status_code == 400 and not IndicatorDataPoint.objects.exists()  # "Hispanic or Latino" not chosen
    other = Question.objects.get(step__template=full_draft.template, code="4.4")
    assert client.get(reverse("tools:table_send", args=[full_draft.pk, other.pk])).status_code == 400


def test_page_offers_only_editable_indicators(client, full_draft, data_table, indicator, personas):
    elsewhere = IndicatorFactory(name="Road condition index")
    client.force_login(personas.manager)
    page = client.get(reverse("tools:table_send", args=[full_draft.pk, data_table.pk])).content.decode()
    assert "Homeownership rate" in page and elsewhere.name not in page
    client.force_login(personas.staff)
    page = client.get(reverse("tools:table_send", args=[full_draft.pk, data_table.pk])).content.decode()
    assert "You cannot change any indicator" in page


def test_step_page_offers_sending_data_tables_only(client, full_draft, data_table, personas):
    client.force_login(personas.manager)
    page = client.get(reverse("tools:step_fill", args=[full_draft.pk, 2])).content.decode()
    assert "Send table 2.3 to a plan indicator" in page
    page = client.get(reverse("tools:step_fill", args=[full_draft.pk, 4])).content.decode()
    assert "to a plan indicator" not in page
