"""Issue 16 in real Chromium with axe on every page: the equity team reviews and publishes the demo's citywide plan
and two indicators through the publishing pages (a bad web address first: the error summary takes the focus),
reads the plan's versions and history, then unpublishes the plan."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from equity.demo import DEMO_PASSWORD
from plans.demo import CITYWIDE_TITLE
from public.models import Publication
from tests.browser import assert_accessible, login

pytestmark = [pytest.mark.needs_chromium, pytest.mark.django_db(transaction=True)]

INDICATORS = ("Residents who trust the city to do what is right", "Homeownership rate")


def _open_publish(page, live_server, title: str) -> None:
    page.goto(f"{live_server.url}/publishing/")
    page.get_by_role("link", name=f"Publish {title}", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Publish {title}")
    assert_accessible(page)


PUBLISH_TIMEOUT_MS = 180_000  # without Redis the public PDFs (one per language) are built inside the request


def _confirm(page) -> None:
    page.get_by_role("button", name="Confirm and publish").click(timeout=PUBLISH_TIMEOUT_MS)
    expect(page.get_by_role("status")).to_contain_text(
        "Published: the public site now shows version 1.", timeout=PUBLISH_TIMEOUT_MS
    )
    assert_accessible(page)


def test_browser_the_equity_team_publishes_the_plan_and_two_indicators_then_unpublishes(page, live_server, demo):
    login(page, live_server, "equity", DEMO_PASSWORD)
    page.get_by_role("link", name="Public site", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Public site")
    assert_accessible(page)

    _open_publish(page, live_server, CITYWIDE_TITLE)
    preview = page.get_by_role("region", name="Preview: exactly what the public will see")
    expect(preview).to_contain_text("Map displacement risk by census tract")
    expect(page.get_by_text("Accountable persons' names: hidden")).to_be_visible()
    expect(page.get_by_label("Show accountable persons' names")).not_to_be_checked()
    page.get_by_label("Web address").fill("Citywide Plan!")
    page.get_by_label("What changed").fill("Adopted by the city council.")
    page.get_by_role("button", name="Confirm and publish").click()
    expect(page.locator("[data-error-summary]")).to_be_focused()
    expect(page.locator("[data-error-summary]")).to_contain_text("lower-case letters")
    assert_accessible(page)
    page.get_by_label("Web address").fill("citywide-plan")
    _confirm(page)
    expect(page.get_by_role("link", name="/public/plans/citywide-plan/versions/1/")).to_be_visible()
    expect(page.get_by_role("cell", name="Adopted by the city council.")).to_be_visible()

    for name in INDICATORS:
        _open_publish(page, live_server, name)
        expect(page.get_by_label("Show accountable persons' names")).to_have_count(0)
        if name.startswith("Residents"):
            expect(page.get_by_text("values are suppressed (fewer than 10 people)")).to_be_visible()
            expect(page.get_by_role("region", name="Preview: exactly what the public will see")).to_contain_text(
                "Suppressed: fewer than 10 people"
            )
        _confirm(page)

    page.goto(f"{live_server.url}/publishing/")
    expect(page.get_by_role("link", name=f"Publish again {CITYWIDE_TITLE}", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="/public/plans/citywide-plan/")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name=f"Versions {CITYWIDE_TITLE}", exact=True).click()
    page.get_by_role("link", name="History").click()
    expect(page.get_by_text("Published snapshot 1")).to_be_visible()
    assert_accessible(page)
    page.go_back()
    page.get_by_role("link", name="Unpublish", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Unpublish {CITYWIDE_TITLE}")
    assert_accessible(page)
    page.get_by_role("button", name="Unpublish now").click()
    expect(page.get_by_role("status")).to_contain_text("is no longer on the public site")
    assert_accessible(page)

    published = dict(Publication.objects.values_list("title", "is_published"))
    assert published == {CITYWIDE_TITLE: False, INDICATORS[0]: True, INDICATORS[1]: True}
