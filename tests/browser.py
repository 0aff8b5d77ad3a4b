"""Helpers for browser tests in real Chromium (Playwright) with axe-core accessibility checks."""

from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe

from tests.factories import TEST_PASSWORD

WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def login(page, live_server, username: str, password: str = TEST_PASSWORD) -> None:
    """Sign in through the login form, as a person would."""
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def assert_accessible(page) -> None:
    """Zero WCAG 2.1 A/AA violations on the page as it is now."""
    results = Axe().run(page, options=WCAG_21_AA)
    assert results.violations_count == 0, results.generate_report()
