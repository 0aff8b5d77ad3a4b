"""City-wide indicator pages: the list, creating and linking, who edits, decimal places and margins of error, and
the upload's mapping step, per persona."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from plans.models import GroupAlias, Indicator, IndicatorUpload, Plan, RacialGroup
from tests.plans.factories import DataPointFactory, IndicatorFactory, PlanFactory, ResultFactory
from tests.plans.test_group_mapping import REAL
from tests.queries import assert_constant_queries

pytestmark = pytest.mark.django_db


def group(code: str) -> RacialGroup:
    return RacialGroup.objects.get(code=code)


def test_indicator_list_searches_names_and_sources_and_counts_results(client, personas, world):
    shared = IndicatorFactory(name="Reading proficiency", data_source="Minnesota Department of Education")
    shared.results.set([world.result, ResultFactory()])
    client.force_login(personas.other_staff)
    page = client.get(reverse("plans:indicator_list"), {"q": "minnesota"}).content.decode()
    assert "Reading proficiency" in page and world.indicator.name not in page
    assert "<td>2</td>" in page  # used by two results
    assert "Add an indicator" not in page  # only the equity team starts one here


def test_equity_team_creates_a_city_wide_indicator_with_display_and_group_set(client, personas):
    client.force_login(personas.equity)
    data = {
        "name": "Homeownership", "direction": "higher", "decimal_places": "0", "sort_order": "0",
        "groups": [group("black").pk, group("white").pk], "notes": "ACS 5-year estimates.",
    }  # fmt: skip
    response = client.post(reverse("plans:indicator_new"), data)
    indicator = Indicator.objects.get(name="Homeownership")
    assert response.status_code == 302 and not indicator.results.exists()
    assert indicator.decimal_places == 0 and indicator.notes == "ACS 5-year estimates."
    assert set(indicator.groups.values_list("code", flat=True)) == {"black", "white"}


def test_decimal_places_above_four_are_refused(client, personas, world):
    client.force_login(personas.manager)
    data = {"name": "x", "direction": "higher", "decimal_places": "5", "sort_order": "0", "version": "1"}
    response = client.post(reverse("plans:indicator_update", args=[world.indicator.pk]), data)
    assert response.status_code == 400 and "Ensure this value is less than or equal to 4" in response.content.decode()
    world.indicator.refresh_from_db()
    assert world.indicator.decimal_places == 1


def test_manager_links_an_existing_indicator_and_stops_using_it(client, personas, world):
    shared = IndicatorFactory(name="Kindergarten readiness")
    shared.results.clear()
    client.force_login(personas.manager)
    url = reverse("plans:indicator_link", args=[world.result.pk])
    assert "Kindergarten readiness" in client.get(url, {"q": "kinder"}).content.decode()
    assert client.post(url, {"indicator": shared.pk}).status_code == 302
    assert shared.results.filter(pk=world.result.pk).exists()
    latest = shared.history.order_by("-history_id").first()
    assert latest.history_user == personas.manager and world.result.pk in {r.result_id for r in latest.results.all()}
    # Already used: no longer offered, so a second link is refused with a message, not a 500.
    again = client.post(url, {"indicator": shared.pk})
    assert again.status_code == 400
    unlink = reverse("plans:indicator_unlink", args=[world.result.pk, shared.pk])
    assert client.post(unlink).status_code == 302
    assert not shared.results.exists() and Indicator.objects.filter(pk=shared.pk).exists()


def test_indicator_page_lists_only_the_uses_the_reader_may_see(client, personas, world):
    draft = PlanFactory(title="PW draft plan", status=Plan.Status.DRAFT, departments=[personas.other_dept])
    world.indicator.results.add(ResultFactory(plan=draft))
    url = reverse("plans:indicator_detail", args=[world.indicator.pk])
    client.force_login(personas.staff)  # CD staff: cannot read PW's draft
    page = client.get(url).content.decode()
    assert "CD housing plan" in page and "PW draft plan" not in page
    client.force_login(personas.other_staff)
    assert "PW draft plan" in client.get(url).content.decode()


def test_indicator_page_shows_values_with_decimal_places_and_margins(client, personas, world):
    indicator = world.indicator
    indicator.decimal_places = 2
    indicator.save()
    DataPointFactory(indicator=indicator, year=2023, group=group("black"), value=Decimal("28.4"), margin_of_error=2)
    client.force_login(personas.staff)
    page = client.get(reverse("plans:indicator_detail", args=[indicator.pk])).content.decode()
    assert "<td>28.40 ± 2.00</td>" in page
    assert "(± margin of error at 90 % confidence)" in page


def test_data_grid_saves_margins_and_refuses_a_margin_without_a_value(client, personas, world):
    indicator = world.indicator
    client.force_login(personas.manager)
    url = reverse("plans:indicator_data", args=[indicator.pk])
    black = group("black").pk
    assert f'name="m_2020_{black}"' in client.get(url).content.decode()  # the baseline year's row
    data = {"version": indicator.version, f"v_2020_{black}": "31.5", f"m_2020_{black}": "1.2"}
    assert client.post(url, data).status_code == 302
    point = indicator.data_points.get(year=2020, group_id=black)
    assert (point.value, point.margin_of_error) == (Decimal("31.5"), Decimal("1.2"))
    indicator.refresh_from_db()
    bad = {"version": indicator.version, f"v_2020_{black}": "", f"m_2020_{black}": "1.2"}
    response = client.post(url, bad)
    assert response.status_code == 400 and "A margin of error needs its value." in response.content.decode()
    assert indicator.data_points.filter(year=2020, group_id=black).exists()  # nothing saved
    negative = {"version": indicator.version, f"v_2020_{black}": "31.5", f"m_2020_{black}": "-1"}
    assert client.post(url, negative).status_code == 400


def test_data_grid_columns_follow_the_group_set(client, personas, world):
    indicator = world.indicator
    indicator.groups.set([group("black"), group("white")])
    client.force_login(personas.manager)
    page = client.get(reverse("plans:indicator_data", args=[indicator.pk])).content.decode()
    assert "Black or African American 2020" in page and "Asian 2020" not in page


def _upload(client, indicator, text=REAL, source="Minnesota Department of Education"):
    file = SimpleUploadedFile("mde.csv", text.encode(), content_type="text/csv")
    url = reverse("plans:indicator_upload", args=[indicator.pk])
    return client.post(url, {"file": file, "source": source, "version": indicator.version})


def _mapping(names: int, **picks) -> dict:
    return {f"g{i}": picks.get(f"g{i}", "") for i in range(names)} | {k: v for k, v in picks.items()}


@pytest.mark.parametrize("persona", ["manager", "equity"])
def test_upload_goes_through_the_mapping_step_without_javascript(client, personas, world, persona):
    client.force_login(getattr(personas, persona))
    response = _upload(client, world.indicator)
    pending = IndicatorUpload.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/upload/{pending.pk}/groups/")
    page = client.get(response["Location"]).content.decode()
    for name in ("African American", "Asian American", "Hispanic/Latine", "All Students", "Households of color"):
        assert f"“{name}”" in page
    # The best suggestion is preselected; a new group is offered to the equity team only.
    assert f'<option value="{group("black").pk}" selected>' in page
    assert ("Add a new group" in page) == (persona == "equity")
    picks = {
        "g0": group("black").pk, "g1": group("asian").pk, "g2": group("hispanic").pk, "g3": group("all").pk,
        "g4": "leave-out", "version": world.indicator.version,
    }  # fmt: skip
    done = client.post(response["Location"], picks, follow=True)
    assert done.redirect_chain[-1][0] == reverse("plans:indicator_detail", args=[world.indicator.pk])
    assert "6 values were imported. 1 rows had no value" in done.content.decode()
    assert GroupAlias.objects.count() == 4 and not IndicatorUpload.objects.exists()


def test_a_manager_cannot_add_a_group_by_editing_the_form(client, personas, world):
    client.force_login(personas.manager)
    location = _upload(client, world.indicator)["Location"]
    picks = {"g0": "new", "n0": "Households of color", "c0": "poc", "version": world.indicator.version}
    response = client.post(location, picks)
    assert response.status_code == 400 and "Select a valid choice" in response.content.decode()
    assert (
        not RacialGroup.objects.filter(code="poc").exists()
        and not world.indicator.data_points.filter(year=2019).exists()
    )


def test_equity_new_group_needs_a_free_name_and_code(client, personas, world):
    client.force_login(personas.equity)
    location = _upload(client, world.indicator)["Location"]
    picks = _mapping(5, g0="new", n0="Asian", c0="black", g1="leave-out", g2="leave-out", g3="leave-out", g4="new",
                     n4="", c4="poc")  # fmt: skip
    response = client.post(location, picks | {"version": world.indicator.version})
    body = response.content.decode()
    assert response.status_code == 400
    assert "A group with this name exists" in body and "A group with this code exists" in body
    assert "Give the new group a name" in body
    assert not RacialGroup.objects.filter(code="poc").exists() and not GroupAlias.objects.exists()


def test_an_expired_upload_is_gone(client, personas, world):
    client.force_login(personas.manager)
    location = _upload(client, world.indicator)["Location"]
    IndicatorUpload.objects.update(created_at=timezone.now() - timedelta(days=2))
    assert client.get(location).status_code == 404


def test_mapping_page_constant_queries(client, personas, world):
    client.force_login(personas.manager)
    location = _upload(client, world.indicator)["Location"]
    pending = IndicatorUpload.objects.get()

    def grow():
        pending.content += "".join(f"{2000 + n},Source name {n},{n}\n" for n in range(20))
        pending.save()
        for n in range(10):
            GroupAlias.objects.create(source=f"S{n}", source_key=f"s{n}", alias=f"A{n}", alias_key=f"a{n}",
                                      group=group("asian"))  # fmt: skip

    print(f"QUERIES indicator_upload_map={assert_constant_queries(client, location, grow=grow, budget=12)}")


def test_indicator_list_constant_queries(client, personas, world):
    def grow():
        for _ in range(5):
            IndicatorFactory(result=world.result)

    client.force_login(personas.staff)
    url = reverse("plans:indicator_list")
    print(f"QUERIES indicator_list={assert_constant_queries(client, url, grow=grow, budget=10)}")


def test_indicator_link_constant_queries(client, personas, world):
    IndicatorFactory()  # one to offer: an empty page runs no row query

    def grow():
        for _ in range(5):
            IndicatorFactory()

    client.force_login(personas.manager)
    url = reverse("plans:indicator_link", args=[world.result.pk])
    print(f"QUERIES indicator_link={assert_constant_queries(client, url, grow=grow, budget=12)}")
