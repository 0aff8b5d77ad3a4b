"""The plan page loads indicator charts as lazy SVG images instead of rendering each chart into the page."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_indicator_chart_is_an_svg_image_linked_lazily_from_the_plan_page(client, personas, world):
    client.force_login(personas.staff)
    chart_url = reverse("plans:indicator_chart", args=[world.indicator.pk])
    page = client.get(reverse("plans:plan_detail", args=[world.plan.pk])).content.decode()
    assert f'src="{chart_url}" loading="lazy"' in page and "alt=" in page
    response = client.get(chart_url)
    assert response.status_code == 200 and response["Content-Type"] == "image/svg+xml"
    assert response.content.lstrip().startswith(b"<?xml") or b"<svg" in response.content[:500]


def test_indicator_chart_is_drawn_again_when_its_target_changes(client, personas, world):
    from plans.services.indicators import indicator_update

    client.force_login(personas.equity)
    chart_url = reverse("plans:indicator_chart", args=[world.indicator.pk])
    before = client.get(chart_url).content
    assert client.get(chart_url).content == before
    indicator = world.indicator
    indicator_update(
        author=personas.equity, indicator=indicator, version=None, target_value=(indicator.target_value or 0) + 7
    )
    after = client.get(chart_url).content
    assert after != before
