"""The indicator page's gaps: signed against all residents, years without a gap say why, years to close, the
"do nothing different" trend, figures with the indicator's decimal places, one colour per group."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from plans.charts import GROUP_PALETTE, TOTAL_COLOUR
from plans.models import RacialGroup
from plans.selectors_indicators import group_chart_colours
from tests.plans.factories import DataPointFactory, IndicatorFactory, RacialGroupFactory

pytestmark = pytest.mark.django_db

# Homeownership (%), higher is better. 2019 has one group (and the total) only.
DATA = {
    2019: {"all": "50", "black": "31"},
    2020: {"all": "68", "white": "74", "black": "24", "hispanic": "38"},
    2024: {"all": "70", "white": "75", "black": "30", "hispanic": "50"},
}


@pytest.fixture
def indicator(world):
    groups = {g.code: g for g in RacialGroup.objects.filter(code__in=["all", "white", "black", "hispanic"])}
    indicator = IndicatorFactory(result=world.result, name="Homeownership rate", target_year=2030)
    for year, values in DATA.items():
        for code, value in values.items():
            DataPointFactory(indicator=indicator, year=year, group=groups[code], value=Decimal(value))
    return indicator


def _page(client, personas, indicator, query=""):
    client.force_login(personas.staff)
    response = client.get(reverse("plans:indicator_detail", args=[indicator.pk]) + query)
    assert response.status_code == 200
    return re.sub(r"\s+", " ", response.content.decode())


def _caption_table(page: str, caption: str) -> str:
    start = page.index(caption)
    return page[start : page.index("</table>", start)]


def test_indicator_page_gaps_against_all_residents_are_signed(client, personas, indicator):
    page = _page(client, personas, indicator, "?compare=total")
    table = _caption_table(page, "2020: reference All residents (68.0)")
    # White is 6 above the average: -6.0, not 0. Black is 44 behind: +44.0.
    assert re.search(r"White \(not Hispanic\)</th><td>74\.0</td><td>-6\.0</td>", table)
    assert re.search(r"Black or African American</th><td>24\.0</td><td>\+44\.0</td>", table)
    # 2019 has the total and one group: a real comparison with all residents (50 - 31 = 19).
    assert re.search(r"Black or African American</th><td>31\.0</td><td>\+19\.0</td>", page)
    # The trend's change is signed: White -6 -> -5 is +1.0, Black 19 -> 40 is +21.0.
    assert re.search(r"White \(not Hispanic\)</th><td>2020–2024</td><td>-6\.0</td><td>-5\.0</td><td>\+1\.0</td>", page)


def test_indicator_page_says_why_a_year_has_no_gap(client, personas, indicator):
    page = _page(client, personas, indicator)
    assert "2019: no gap." in page
    assert "Only one group has data for this year; a group is never compared with itself" in page
    assert "2019: reference" not in page  # Black is never its own reference
    table = _caption_table(page, "2020: reference White (not Hispanic) (74.0)")
    assert re.search(r"White \(not Hispanic\) \(reference\)</th><td>74\.0</td><td>0\.0</td>", table)


def test_indicator_page_years_to_close_and_the_trend_if_nothing_changes(client, personas, indicator):
    page = _page(client, personas, indicator)
    table = _caption_table(page, "At the current rate")
    # Hispanic: gaps 36 (2020) -> 25 (2024), -2.75 a year: 25 / 2.75 = 9.1 years, by 2024 + 10 = 2034.
    hispanic = r"Hispanic or Latino \(any race\)</th>"
    assert re.search(hispanic + r"<td>25\.0 \(2024\)</td><td>-2\.8</td><td>9\.1 \(by 2034\)", table)
    # Black: 50 -> 45, -1.25 a year: 36.0 years.
    assert "36.0 (by 2060)" in table
    forecast = _caption_table(page, "Each group's value carried forward")
    # Hispanic 38 (2020) -> 50 (2024): +3.0 a year, so 50 + 6 × 3 = 68.0 in the target year 2030.
    assert re.search(hispanic + r"<td>50\.0 \(2024\)</td><td>\+3\.0</td><td>68\.0</td>", forecast)
    assert "If nothing changes: 2030" in page and "Dashed lines:" in page


def test_indicator_page_widening_gap_is_not_closing(client, personas, world):
    white, black = (RacialGroup.objects.get(code=c) for c in ("white", "black"))
    indicator = IndicatorFactory(result=world.result)
    for year, (w, b) in {2020: (70, 40), 2021: (71, 39)}.items():
        DataPointFactory(indicator=indicator, year=year, group=white, value=Decimal(w))
        DataPointFactory(indicator=indicator, year=year, group=black, value=Decimal(b))
    page = _page(client, personas, indicator)
    assert re.search(r"Black or African American</th><td>32\.0 \(2021\)</td><td>\+2\.0</td><td>—</td>"
                     r"<td>Not closing at the current rate</td>", page)  # fmt: skip


def test_group_colours_follow_the_group_list_not_the_chart(personas):
    colours = group_chart_colours()
    groups = list(RacialGroup.objects.order_by("sort_order", "name", "pk"))
    assert colours[groups[0].pk] == TOTAL_COLOUR and groups[0].is_total  # "All residents" comes first
    assert colours[groups[1].pk] == GROUP_PALETTE[0]
    late = RacialGroupFactory(sort_order=999)
    assert group_chart_colours()[late.pk] == GROUP_PALETTE[(len(groups) - 1) % len(GROUP_PALETTE)]
    assert {k: v for k, v in group_chart_colours().items() if k != late.pk} == colours  # the others keep theirs


def test_indicator_chart_uses_each_groups_colour(client, personas, indicator):
    client.force_login(personas.staff)
    svg = client.get(reverse("plans:indicator_chart", args=[indicator.pk])).content.decode()
    black = RacialGroup.objects.get(code="black")
    legend = dict(re.findall(r'class="color-(\d+) reactive"/><text[^>]*>([^<]*)<', svg))
    index = next(i for i, name in legend.items() if name == black.name)
    assert re.search(rf"\.color-{index},[^{{]*\{{stroke:{group_chart_colours()[black.pk]}", svg)
    assert "<title>Homeownership rate</title>" in svg


def test_indicator_page_marks_gaps_within_the_margins_of_error(client, personas, world):
    # ACS-style homeownership, value ± MOE, shown with no decimals.
    groups = {g.code: g for g in RacialGroup.objects.filter(code__in=["all", "white", "black", "asian"])}
    indicator = IndicatorFactory(result=world.result, decimal_places=0)
    for code, value, moe in (("all", 70, 1), ("white", 75, "1.5"), ("black", 30, 3), ("asian", 72, 4)):
        DataPointFactory(
            indicator=indicator, year=2024, group=groups[code], value=Decimal(value), margin_of_error=Decimal(moe)
        )
    page = _page(client, personas, indicator)
    assert "(± margin of error at 90 % confidence)" in page and "Significance (90 %)" in page
    table = _caption_table(page, "2024: reference White (not Hispanic) (75)")
    # Asian: 75 - 72 = 3, within √(4² + 1.5²) = 4.27: not significant. Black: 45 against 3.35: significant.
    assert re.search(r"Asian</th><td>72 ± 4</td><td>3 ± 4</td><td>0\.96</td><td><strong>not significant<", table)
    black = r"Black or African American</th><td>30 ± 3</td><td>45 ± 3</td><td>0\.40</td><td>significant</td>"
    assert re.search(black, table)
    total = _caption_table(_page(client, personas, indicator, "?compare=total"), "2024: reference All residents (70)")
    # Against all residents: Asian -2 within √(4² + 1²) = 4.12; White -5 beyond √(1.5² + 1²) = 1.80.
    assert re.search(r"Asian</th><td>72 ± 4</td><td>-2 ± 4</td><td>1\.03</td><td><strong>not significant", total)
    white = r"White \(not Hispanic\)</th><td>75 ± 2</td><td>-5 ± 2</td><td>1\.07</td><td>significant</td>"
    assert re.search(white, total)


def test_indicator_page_shows_values_with_the_indicators_decimal_places(client, personas, world):
    white, black = (RacialGroup.objects.get(code=c) for c in ("white", "black"))
    indicator = IndicatorFactory(result=world.result, decimal_places=2, baseline_value=Decimal("50"))
    DataPointFactory(indicator=indicator, year=2022, group=white, value=Decimal("74.456"))
    DataPointFactory(indicator=indicator, year=2022, group=black, value=Decimal("24.1"))
    page = _page(client, personas, indicator)
    assert "50.00 (2020)" in page  # the baseline
    assert re.search(r"Black or African American</th><td>24\.10</td><td>50\.36</td>", page)  # 74.456 - 24.1
    assert "74.46" in page and "74.456" not in page
    assert "Significance (90 %)" not in page  # no margins: no column
