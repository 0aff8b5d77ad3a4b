"""The numbers the public site's small-number suppression rests on: "values are counts of people" on the indicator
form, people counted on the data grid and in the CSV upload (with its header aliases), kept when not given."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from plans.models import RacialGroup
from plans.services.indicators import ImportRefused, indicator_data_save, indicator_values_record
from tests.plans.test_group_mapping import start

pytestmark = pytest.mark.django_db


def group(code: str) -> RacialGroup:
    return RacialGroup.objects.get(code=code)


def test_the_indicator_form_sets_values_are_counts(client, personas, world):
    indicator = world.indicator
    client.force_login(personas.manager)
    url = reverse("plans:indicator_update", args=[indicator.pk])
    assert 'name="values_are_counts"' in client.get(url).content.decode()
    data = {
        "name": indicator.name, "direction": "higher", "decimal_places": "0", "sort_order": "0",
        "values_are_counts": "on", "version": str(indicator.version),
    }  # fmt: skip
    assert client.post(url, data).status_code == 302
    indicator.refresh_from_db()
    assert indicator.values_are_counts
    assert indicator.history.latest().history_user == personas.manager


def test_the_grid_saves_people_counted_and_states_the_limits(client, personas, world):
    indicator = world.indicator
    black = group("black").pk
    client.force_login(personas.manager)
    url = reverse("plans:indicator_data", args=[indicator.pk])
    page = client.get(url).content.decode()
    assert f'name="p_2020_{black}"' in page and "1,000,000,000" in page and "fewer than 10 people" in page
    data = {"version": indicator.version, f"v_2020_{black}": "31.5", f"p_2020_{black}": "180"}
    assert client.post(url, data).status_code == 302
    assert indicator.data_points.get(year=2020, group_id=black).people == 180
    assert 'value="180"' in client.get(url).content.decode()


@pytest.mark.parametrize(
    ("people", "value", "message"),
    [
        ("-1", "31.5", "greater than or equal to 0"),
        ("2.5", "31.5", "Enter a whole number"),
        ("1000000001", "31.5", "less than or equal to 1000000000"),
        ("12", "", "A number of people counted needs its value."),
    ],
)
def test_the_grid_refuses_bad_people_counts_and_saves_nothing(client, personas, world, people, value, message):
    indicator = world.indicator
    black = group("black").pk
    client.force_login(personas.manager)
    url = reverse("plans:indicator_data", args=[indicator.pk])
    before = list(indicator.data_points.values_list("year", "group", "value", "people"))
    response = client.post(url, {"version": indicator.version, f"v_2020_{black}": value, f"p_2020_{black}": people})
    assert response.status_code == 400 and message in response.content.decode()
    assert list(indicator.data_points.values_list("year", "group", "value", "people")) == before


@pytest.mark.parametrize("header", ["people", "n", "Count of people", "sample size", "Population"])
def test_the_upload_reads_people_under_each_alias(personas, world, header):
    indicator = world.indicator
    outcome = start(indicator, f'year,group,value,{header}\n2021,black,40,"1,450"\n2021,aian,35,6\n')
    assert outcome.saved == 2
    assert dict(indicator.data_points.filter(year=2021).values_list("group__code", "people")) == {
        "black": 1450,
        "aian": 6,
    }


@pytest.mark.parametrize(
    ("text", "column"),
    [
        ("year,group,value,people\n2021,black,40,many\n", "people"),
        ("year,group,value,n\n2021,black,40,-3\n", "n"),
        ("year,group,value,people\n2021,black,40,1000000001\n", "people"),
        ("year,group,value,people,n\n2021,black,40,1,1\n", "people, n"),
    ],
)
def test_the_upload_refuses_bad_people_and_imports_nothing(personas, world, text, column):
    indicator = world.indicator
    before = indicator.data_points.count()
    with pytest.raises(ImportRefused) as refused:
        start(indicator, text)
    assert [error.column for error in refused.value.errors] == [column]
    assert indicator.data_points.count() == before


def test_values_saved_without_people_keep_the_people_counted(personas, world):
    indicator = world.indicator
    start(indicator, "year,group,value,people\n2021,black,40,180\n")
    start(indicator, "year,group,value\n2021,black,41\n")  # a file without the column keeps them
    assert indicator.data_points.get(year=2021, group=group("black")).people == 180
    indicator.refresh_from_db()
    indicator_values_record(
        author=personas.manager, indicator=indicator, version=indicator.version, year=2021,
        values={group("black").pk: Decimal("42")}, reason="From a worksheet",
    )  # fmt: skip
    point = indicator.data_points.get(year=2021, group=group("black"))
    assert (point.value, point.people) == (Decimal("42"), 180)
    indicator.refresh_from_db()
    indicator_data_save(
        author=personas.manager, indicator=indicator, version=indicator.version,
        values={(2021, group("black").pk): Decimal("43")},
    )  # fmt: skip
    assert indicator.data_points.get(year=2021, group=group("black")).people == 180
    start(indicator, "year,group,value,people\n2021,black,43,\n")  # an empty cell in a people column clears it
    assert indicator.data_points.get(year=2021, group=group("black")).people is None


def test_the_service_refuses_people_without_a_value(personas, world):
    indicator = world.indicator
    with pytest.raises(ValidationError):
        indicator_data_save(
            author=personas.manager, indicator=indicator, version=indicator.version,
            values={(2021, group("black").pk): None}, people={(2021, group("black").pk): 5},
        )  # fmt: skip


def test_an_export_with_people_uploads_again_unchanged(client, personas, world):
    indicator = world.indicator
    start(indicator, "year,group,value,people\n2021,black,40,180\n2021,white,60,\n")
    client.force_login(personas.staff)
    exported = b"".join(client.get(f"/plans/indicators/{indicator.pk}/data.csv").streaming_content).decode()
    assert exported.lstrip("\ufeff").splitlines()[0] == "year,group,value,moe,note,people,group name,indicator,unit"
    before = list(indicator.data_points.order_by("pk").values_list("year", "group", "value", "people"))
    start(indicator, exported.replace("\r\n", "\n"))
    assert list(indicator.data_points.order_by("pk").values_list("year", "group", "value", "people")) == before
