"""What the public pages show from a snapshot: the plan's filters, suppressed small numbers as text (the raw
figure nowhere), no accountable names unless chosen, the narrative, practices and the city's branding."""

from __future__ import annotations

import re

import pytest

from plans.models import Action, IndicatorDataPoint
from plans.numbers import format_value
from public.cache import site_changed
from tests.public.site_helpers import citywide, publish_demo, survey

# Every test here reads the demo city: seeded once for the module (tests/public/conftest.py).
pytestmark = pytest.mark.usefixtures("demo_city")


@pytest.fixture(autouse=True)
def _fresh_cache():
    site_changed()


@pytest.fixture
def pubs(demo):
    return publish_demo(demo)


def _actions(html: str) -> list[str]:
    found = re.findall(r'<p class="fw-semibold mb-1">(.*?)</p>', html, flags=re.S)
    return [re.sub(r"<[^>]+>", "", item) for item in found]  # the title's <span lang> when it is in English


def test_plan_filters_by_status_department_and_area(client, pubs):
    url = f"/public/plans/{pubs['plan'].slug}/"
    everything = _actions(client.get(url).content.decode())
    plan = citywide()
    completed = Action.objects.filter(plan=plan, status="completed")
    html = client.get(url, {"status": "completed"}).content.decode()
    shown = _actions(html)
    assert shown and len(shown) < len(everything)
    assert {s.split(" ", 1)[1].strip() for s in shown} == {a.title for a in completed}
    assert '<option value="completed" selected>' in html

    department = Action.objects.filter(plan=plan).select_related("lead_department").first().lead_department
    html = client.get(url, {"department": department.name}).content.decode()
    titles = {s.split(" ", 1)[1].strip() for s in _actions(html)}
    assert titles == set(Action.objects.filter(plan=plan, lead_department=department).values_list("title", flat=True))

    html = client.get(url, {"area": "workforce"}).content.decode()
    assert "Internal: workforce" in html and "All residents have stable, affordable housing</h3>" not in html


def test_an_unknown_filter_value_is_ignored_with_a_message(client, pubs):
    url = f"/public/plans/{pubs['plan'].slug}/"
    everything = _actions(client.get(url).content.decode())
    for query in ({"status": "bogus"}, {"department": "<b>Nope</b>"}, {"area": "x" * 500}, {"page": "-3"}):
        response = client.get(url, query)
        assert response.status_code == 200, query
        html = response.content.decode()
        assert _actions(html) == everything, query
        if "page" not in query:
            assert "it was ignored" in html, query
    assert "<b>Nope</b>" not in client.get(url, {"department": "<b>Nope</b>"}).content.decode()


def test_suppressed_figures_are_shown_as_text_and_the_raw_value_is_absent(client, pubs):
    small = list(IndicatorDataPoint.objects.filter(indicator=survey(), people__lt=10).select_related("group"))
    assert small
    group = small[0].group.name
    for url in (f"/public/indicators/{pubs['survey'].slug}/", "/public/"):
        html = client.get(url).content.decode()
        if url == "/public/":  # the survey's article only: other indicators publish this group's figures
            html = html.split(f'href="/public/indicators/{pubs["survey"].slug}/"', 1)[1].split("</article>", 1)[0]
        rows = re.findall(rf"<tr><th scope=\"row\">{re.escape(group)}</th>(.*?)</tr>", html, flags=re.S)
        assert rows, url
        for row in rows:
            assert "Suppressed: fewer than 10 people" in row, url
            for point in small:
                assert format_value(point.value, survey().decimal_places) not in row, url
        for point in small:
            assert f">{format(point.value, 'f')}<" not in html, url


def test_accountable_names_are_absent_by_default(client, demo):
    pubs = publish_demo(demo)
    names = {
        a.accountable.full_name
        for a in Action.objects.filter(plan=citywide()).select_related("accountable")
        if a.accountable
    }
    assert names
    html = client.get(f"/public/plans/{pubs['plan'].slug}/").content.decode()
    assert not any(name in html for name in names)
    assert "Accountable:" not in html


def test_accountable_names_when_the_publication_shows_them(client, demo):
    pubs = publish_demo(demo, show_people=True)
    html = client.get(f"/public/plans/{pubs['plan'].slug}/").content.decode()
    assert "Accountable:" in html


def test_the_home_page_shows_narrative_plans_and_indicators(client, pubs):
    html = client.get("/public/").content.decode()
    narrative = pubs["narrative"].current.payload
    assert narrative["title"] in html and narrative["sections"][0]["body_html"] in html
    assert f'href="/public/plans/{pubs["plan"].slug}/"' in html
    assert f'href="/public/indicators/{pubs["survey"].slug}/"' in html
    assert "Completed" in html and "(26%)" in html  # roll-up as text
    assert 'href="/public/practices/"' in html and 'href="/data.json"' in html
    assert f"/public/plans/{pubs['plan'].slug}/actions.csv" in html


def test_narrative_and_practice_pages(client, pubs):
    html = client.get(f"/public/narrative/{pubs['narrative'].slug}/").content.decode()
    for section in pubs["narrative"].current.payload["sections"]:
        assert section["body_html"] in html
    practice = pubs["practice"].current.payload
    assert practice["title"] in client.get("/public/practices/").content.decode()
    assert practice["title"] in client.get(f"/public/practices/{pubs['practice'].slug}/").content.decode()
    assert client.get("/public/practices/", {"page": "999"}).status_code == 200


def test_the_indicator_page_has_chart_table_gaps_and_sources(client, pubs):
    payload = pubs["survey"].current.payload
    html = client.get(f"/public/indicators/{pubs['survey'].slug}/").content.decode()
    assert "<svg" in html and "by group and year</caption>" in html
    assert "Gaps between groups" in html and payload["data_source"] in html
    latest = payload["gaps"]["years"][-1]["year"]
    first_caption = re.search(r"<caption>(\d{4}): reference", html)
    assert first_caption and int(first_caption.group(1)) == latest  # latest year first


def test_branding_from_settings(client, pubs, settings):
    settings.EQUITY_CITY_LOGO_URL = "/static/city-logo.svg"
    settings.EQUITY_PUBLIC_ACCENT = "#5a1e6e"
    site_changed()
    html = client.get("/public/").content.decode()
    assert '<img class="city-logo me-2" src="/static/city-logo.svg" alt="">' in html
    assert "--public-accent: #5a1e6e" in html
    settings.EQUITY_PUBLIC_ACCENT = "#ffff00"  # too light on white: the default instead
    settings.EQUITY_CITY_LOGO_URL = ""
    site_changed()
    html = client.get("/public/").content.decode()
    assert "--public-accent: #1d3d6e" in html and "city-logo" not in html
