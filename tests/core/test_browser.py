"""The foundation in real Chromium: sign in, reach the dashboard, sign out; axe on every page on the way."""

import pytest
from playwright.sync_api import expect

from tests.browser import assert_accessible, login
from tests.factories import DepartmentFactory, UserFactory

pytestmark = [pytest.mark.needs_chromium, pytest.mark.django_db(transaction=True)]


def test_browser_login_dashboard_logout(page, live_server):
    department = DepartmentFactory(name="Community Development", code="CD")
    UserFactory(username="dana", full_name="Dana Okafor", departments=[department])

    page.goto(f"{live_server.url}/")
    expect(page).to_have_title("Sign in · Equity Portal · City of St. Louis Park")
    assert_accessible(page)

    login(page, live_server, "dana")
    expect(page.get_by_role("heading", level=1)).to_have_text("Welcome, Dana Okafor")
    expect(page.get_by_text("Community Development")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Dana Okafor").click()
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("You have signed out")
    page.goto(f"{live_server.url}/")
    expect(page).to_have_url(f"{live_server.url}/login/?next=/")


def test_browser_login_error_summary_is_accessible(page, live_server):
    UserFactory(username="dana")
    login(page, live_server, "dana", password="not-the-right-password")
    summary = page.locator("[data-error-summary]")
    expect(summary).to_contain_text("The username or password is not correct")
    expect(summary).to_be_focused()
    assert_accessible(page)


def test_browser_profile_and_people_pages_are_accessible(page, live_server):
    department = DepartmentFactory()
    UserFactory(username="elena", departments=[department], is_equity_team=True)
    login(page, live_server, "elena")
    for path in ("/profile/", "/people/", "/people/new/", "/departments/", "/password/change/"):
        page.goto(f"{live_server.url}{path}")
        assert_accessible(page)
    page.goto(f"{live_server.url}/people/new/")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("[data-error-summary]")).to_be_focused()
    assert_accessible(page)
