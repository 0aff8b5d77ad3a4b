"""/account/security/'s sessions and sign-ins in real Chromium, ending another device's session; the equity team's
security events page and sign-out confirmation; axe on every page."""

import pytest
from playwright.sync_api import expect

from tests.accounts.sessions_helpers import SAFARI_IPHONE
from tests.browser import assert_accessible, login
from tests.factories import UserFactory

pytestmark = [pytest.mark.needs_chromium, pytest.mark.django_db(transaction=True)]


def test_browser_security_page_ends_another_session(page, browser, live_server):
    UserFactory(username="dana", full_name="Dana Okafor")
    phone_context = browser.new_context(user_agent=SAFARI_IPHONE)
    phone = phone_context.new_page()
    login(phone, live_server, "dana")
    login(page, live_server, "dana", password="not-the-right-password")
    login(page, live_server, "dana")

    page.goto(f"{live_server.url}/account/security/")
    sessions = page.locator("#sessions")
    expect(sessions).to_contain_text("This session")
    expect(sessions).to_contain_text("Safari on iPhone")
    sign_ins = page.locator("#sign-ins")
    expect(sign_ins).to_contain_text("Sign-in failed")
    expect(sign_ins.get_by_text("Signed in")).to_have_count(2)
    assert_accessible(page)

    page.get_by_role("button", name="Sign out this session").click()
    expect(page.get_by_text("That session has been signed out.")).to_be_visible()
    expect(sessions).not_to_contain_text("Safari on iPhone")
    assert_accessible(page)

    phone.goto(f"{live_server.url}/")
    expect(phone).to_have_url(f"{live_server.url}/login/?next=/")
    phone_context.close()


def test_browser_security_events_and_sign_out_everywhere(page, live_server):
    UserFactory(username="elena", full_name="Elena Ruiz", is_equity_team=True)
    dana = UserFactory(username="dana", full_name="Dana Okafor")
    login(page, live_server, "dana", password="not-the-right-password")
    login(page, live_server, "elena")

    page.goto(f"{live_server.url}/people/{dana.pk}/edit/")
    page.get_by_role("link", name="Sign-ins and security events of Dana Okafor").click()
    expect(page.get_by_text("Showing the events of Dana Okafor.")).to_be_visible()
    expect(page.locator("table")).to_contain_text("Sign-in failed")
    assert_accessible(page)

    page.get_by_label("From").fill("2026-05-02")
    page.get_by_label("To").fill("2026-05-01")
    page.get_by_role("button", name="Filter").click()
    expect(page.locator("[data-error-summary]")).to_be_focused()
    assert_accessible(page)

    page.goto(f"{live_server.url}/people/{dana.pk}/edit/")
    page.get_by_role("link", name="Sign Dana Okafor out everywhere").click()
    assert_accessible(page)
    page.get_by_role("button", name="Sign out everywhere").click()
    expect(page.get_by_text("Dana Okafor has been signed out everywhere.")).to_be_visible()
