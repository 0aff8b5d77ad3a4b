"""Helpers for browser tests in real Chromium (Playwright) with axe-core accessibility checks."""

from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Error as PlaywrightError

from tests.factories import TEST_PASSWORD
from tests.html_validity import save_page

# Only the violations come back: axe's passes and inapplicable rules, with a snippet of every node they looked at, are
# what made a check cost twice as much (0.79 s against 0.43 s a page, measured on the plan browser tests).
WCAG_21_AA = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}


def login(page, live_server, username: str, password: str = TEST_PASSWORD) -> None:
    """Sign in through the login form, as a person would."""
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in", exact=True).click()  # not "Sign in with <provider>"
    page.wait_for_load_state()


NAVIGATION_ERRORS = ("documentElement", "Execution context was destroyed", "navigation")


def assert_accessible(page) -> None:
    """Zero WCAG 2.1 A/AA violations on the page as it is now; its HTML is kept for the Nu HTML Checker run at the
    end of the session (tests/html_validity.py).

    A click on a link starts a navigation that may not have finished when the check begins; axe then finds no
    document (or its context is destroyed). The check waits for the page to load and runs again, at most three
    times, so it always judges the page the click led to.
    """
    for attempt in range(3):
        page.wait_for_load_state("load")
        try:
            save_page(page)
            results = Axe().run(page, options=WCAG_21_AA)
        except PlaywrightError as error:
            if attempt == 2 or not any(marker in str(error) for marker in NAVIGATION_ERRORS):
                raise
            page.wait_for_timeout(200)
            continue
        assert results.violations_count == 0, results.generate_report()
        return
