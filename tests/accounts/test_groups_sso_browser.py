"""Issue 17 end to end in real Chromium, through the real test identity provider: the login page's button, the
provider's login and consent pages, back to the portal's dashboard with an account made just in time, given the
department and role its group maps to; the people page shows they came from the group. axe on the portal's pages."""

import pytest
from allauth.socialaccount.models import SocialAccount
from playwright.sync_api import expect

from equity.models import GroupMapping, Role
from tests.browser import assert_accessible
from tests.factories import TEST_PASSWORD, DepartmentFactory, UserFactory
from tests.sso.idp import DEFAULT_PASSWORD

pytestmark = [pytest.mark.needs_chromium, pytest.mark.django_db(transaction=True)]

MANAGERS = "SLP-CommDev-Managers"


def test_browser_first_sign_in_through_the_provider_gives_the_mapped_access(page, live_server, sso_enabled):
    department = DepartmentFactory(name="Community Development", code="CD")
    GroupMapping.objects.create(group=MANAGERS, department=department, role=Role.MANAGER)
    UserFactory(username="elena", full_name="Elena Ramirez", is_equity_team=True)
    sso_enabled.add_account(
        sub="ada-1",
        preferred_username="ada",
        email="ada@city.example.gov",
        name="Ada Lovelace",
        given_name="Ada",
        family_name="Lovelace",
        groups=[MANAGERS, "SLP-Everyone"],
    )

    page.goto(f"{live_server.url}/login/")
    assert_accessible(page)
    page.get_by_role("button", name="Sign in with City test provider").click()
    page.get_by_label("Username").fill("ada")
    page.get_by_label("Password").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("button", name="Allow").click()
    page.wait_for_url(f"{live_server.url}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Welcome")
    assert_accessible(page)

    ada = SocialAccount.objects.get(provider="city", uid="ada-1").user
    assert ada.is_manager and list(ada.departments.all()) == [department]

    page.goto(f"{live_server.url}/account/security/")
    expect(page.locator("[data-linked-account]")).to_contain_text("City test provider")
    expect(page.locator("[data-access-by-source]")).to_contain_text(f"Manager (from group {MANAGERS})")
    assert_accessible(page)

    page.context.clear_cookies()
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Username").fill("elena")
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()  # beside "Sign in with City test provider"
    page.goto(f"{live_server.url}/people/{ada.pk}/edit/")
    sources = page.locator("[data-access-by-source]")
    expect(sources).to_contain_text(f"Manager (from group {MANAGERS})")
    expect(sources).to_contain_text(f"Community Development (from group {MANAGERS})")
    expect(page.get_by_label("Manager")).not_to_be_checked()  # the form edits hand-given access only
    assert_accessible(page)
