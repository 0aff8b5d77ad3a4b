"""The mapping table and the people page in real Chromium, axe-clean on every page on the way."""

import pytest
from playwright.sync_api import expect

from equity.accounts.sso.access import access_from_groups
from equity.models import GroupMapping
from tests.browser import assert_accessible, login
from tests.factories import DepartmentFactory, UserFactory

pytestmark = [pytest.mark.needs_chromium, pytest.mark.django_db(transaction=True)]


def test_browser_mapping_table_and_people_page(page, live_server):
    DepartmentFactory(name="Community Development", code="CD")
    UserFactory(username="elena", full_name="Elena Ramirez", is_equity_team=True)
    person = UserFactory(username="gia", full_name="Gia Group")
    login(page, live_server, "elena")

    page.goto(f"{live_server.url}/people/")
    page.get_by_role("link", name="Groups from the identity provider").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Groups from the identity provider")
    assert_accessible(page)

    page.get_by_role("link", name="Add a mapping").click()
    page.get_by_label("Group").fill("SLP-CommDev-Managers")
    page.get_by_role("button", name="Save").click()
    summary = page.locator("[data-error-summary]")
    expect(summary).to_contain_text("Choose a department, a role, or both.")
    expect(summary).to_be_focused()
    assert_accessible(page)

    page.get_by_label("Department").select_option(label="Community Development")
    page.get_by_label("Role").select_option(label="Manager")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("table")).to_contain_text("SLP-CommDev-Managers")
    assert_accessible(page)

    page.get_by_role("link", name="Edit SLP-CommDev-Managers").click()
    page.get_by_label("Note").fill("Community Development's managers")
    page.get_by_role("button", name="Save").click()
    page.get_by_role("link", name="History SLP-CommDev-Managers").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("History of SLP-CommDev-Managers")
    assert_accessible(page)

    access_from_groups(user=person, claims={"groups": ["SLP-CommDev-Managers"]}, request=None)
    page.goto(f"{live_server.url}/people/{person.pk}/edit/")
    sources = page.locator("[data-access-by-source]")
    expect(sources).to_contain_text("Manager (from group SLP-CommDev-Managers)")
    expect(sources).to_contain_text("Community Development (from group SLP-CommDev-Managers)")
    assert_accessible(page)

    page.goto(f"{live_server.url}/people/groups/")
    page.get_by_role("link", name="Remove SLP-CommDev-Managers").click()
    assert_accessible(page)
    page.get_by_role("button", name="Remove the mapping").click()
    expect(page.get_by_role("table")).to_contain_text("No mappings yet")
    assert not GroupMapping.objects.exists()
