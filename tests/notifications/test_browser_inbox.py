"""The inbox in real Chromium with axe on every page: the header's count, mark read (htmx), following a link,
preferences with an error and a save, unsubscribe without signing in, and a visible keyboard focus."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from equity.models import NotificationPreference
from equity.notifications.unsubscribe import unsubscribe_token
from reports.notices import FAILED, READY
from tests.browser import assert_accessible, login
from tests.factories import DepartmentFactory, UserFactory
from tests.notifications.factories import report_ready

pytestmark = [pytest.mark.needs_chromium, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def dana():
    department = DepartmentFactory(name="Community Development", code="CD")
    return UserFactory(username="dana", full_name="Dana Okafor", departments=[department])


def _focus_ring(locator) -> str:
    return locator.evaluate("el => getComputedStyle(el).outlineStyle + ' ' + getComputedStyle(el).outlineWidth")


def test_browser_inbox_count_mark_read_follow_and_preferences(page, live_server, dana):
    first = report_ready(dana, title="Roster one")
    report_ready(dana, title="Roster two")
    report_ready(dana, title="Roster three")
    login(page, live_server, "dana")

    count = page.get_by_role("link", name="Notifications, 3 unread")
    expect(count).to_be_visible()
    assert_accessible(page)
    for _ in range(20):  # reach the count with the keyboard, as a person without a mouse does
        page.keyboard.press("Tab")
        if count.evaluate("el => el === document.activeElement"):
            break
    expect(count).to_be_focused()
    assert _focus_ring(count) == "solid 3px"  # the keyboard focus is visible on the dark header

    count.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Notifications")
    expect(page.locator("#notifications tbody tr")).to_have_count(3)
    assert_accessible(page)

    row = page.locator("#notifications tbody tr", has_text="Roster two")
    named = re.compile(r"^Mark read ?: Your report is ready: Roster two$")
    expect(row.get_by_role("button")).to_have_accessible_name(named)
    row.get_by_role("button").click()
    expect(page.get_by_role("link", name="Notifications, 2 unread")).to_be_visible()
    expect(row).to_contain_text("Read")
    expect(row.get_by_role("button")).to_have_count(0)
    expect(row.get_by_role("link", name="Your report is ready: Roster two")).to_be_focused()  # focus not lost
    assert_accessible(page)

    page.get_by_role("link", name="Your report is ready: Roster one").click()
    expect(page).to_have_url(f"{live_server.url}{first.url}")
    expect(page.get_by_role("link", name="Notifications, 1 unread")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Notifications, 1 unread").click()
    page.get_by_role("link", name="Unread (1)").click()
    expect(page.locator("#notifications tbody tr")).to_have_count(1)
    page.get_by_role("button", name="Mark all read").click()
    expect(page.get_by_text("1 notification marked read.")).to_be_visible()
    expect(page.get_by_text("You have no unread notifications.")).to_be_visible()
    expect(page.get_by_role("link", name="Notifications", exact=True)).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Choose how you hear about each kind of event").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Notification preferences")
    assert_accessible(page)
    page.locator(f"select[name='{FAILED}']").evaluate("el => el.options[0].value = 'fax'")  # a tampered value
    page.get_by_role("button", name="Save preferences").click()
    expect(page.locator("[data-error-summary]")).to_be_focused()
    assert_accessible(page)
    assert not NotificationPreference.objects.exists()
    page.get_by_label("A report you asked for is ready").select_option(label="Weekly digest e-mail")
    page.get_by_label("A report you asked for could not be made").select_option(label="Daily digest e-mail")
    page.get_by_role("button", name="Save preferences").click()
    expect(page.get_by_text("Your notification preferences are saved.")).to_be_visible()
    assert_accessible(page)
    chosen = dict(NotificationPreference.objects.values_list("kind", "delivery"))
    assert chosen == {READY: "weekly", FAILED: "daily"}


def test_browser_unsubscribe_without_signing_in(page, live_server, dana):
    token = unsubscribe_token(user=dana, kind=FAILED)
    page.goto(live_server.url + reverse("notification_unsubscribe", args=[token]))
    expect(page.get_by_role("heading", level=1)).to_have_text("Unsubscribe from e-mails")
    expect(page.get_by_role("link", name="Notifications")).to_have_count(0)  # no header count for visitors
    assert_accessible(page)
    page.get_by_role("button", name="Unsubscribe").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Unsubscribed")
    assert_accessible(page)
    assert NotificationPreference.objects.get(user=dana).delivery == "inbox"
    page.goto(live_server.url + reverse("notification_unsubscribe", args=[token[:-2] + "zz"]))
    expect(page.get_by_role("heading", level=1)).to_have_text("This unsubscribe link is not valid")
    assert_accessible(page)
