"""The public site in real Chromium, as an anonymous visitor (the pages carry no script): the overview, a plan (filtered
with the form) and an indicator are axe-clean, and readable on a phone (no sideways scrolling)."""

import pytest
from playwright.sync_api import expect

from public.cache import site_changed
from tests.browser import assert_accessible
from tests.public.site_helpers import publish_demo

pytestmark = [pytest.mark.needs_chromium, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 375, "height": 740}


def _fits(page) -> None:
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{page.url} scrolls sideways by {overflow}px on a phone"


def test_browser_public_overview_plan_and_indicator(page, live_server, demo):
    site_changed()
    pubs = publish_demo(demo)
    page.goto(f"{live_server.url}/public/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Racial equity in City of St. Louis Park")
    assert_accessible(page)

    page.get_by_role("link", name=pubs["plan"].title).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(pubs["plan"].title)
    assert_accessible(page)
    page.get_by_label("Status", exact=True).select_option("completed")
    page.get_by_role("button", name="Show actions").click()
    page.wait_for_load_state()
    assert "status=completed" in page.url
    expect(page.get_by_label("Status", exact=True)).to_have_value("completed")
    assert_accessible(page)

    page.goto(f"{live_server.url}/public/indicators/{pubs['survey'].slug}/")
    expect(
        page.get_by_role("table", name="Residents who trust the city to do what is right by group and year")
    ).to_contain_text("Suppressed: fewer than 10 people")
    assert_accessible(page)


def test_browser_public_pages_on_a_phone(page, live_server, demo):
    site_changed()
    pubs = publish_demo(demo)
    page.set_viewport_size(PHONE)
    for path in ("/public/", f"/public/plans/{pubs['plan'].slug}/", f"/public/indicators/{pubs['survey'].slug}/"):
        page.goto(f"{live_server.url}{path}")
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        _fits(page)
        assert_accessible(page)
