"""The test identity provider in real Chromium: from the portal's login page through the provider's own login and
consent pages and back to the portal (pytest-django's live_server at http://localhost:<port>), signed in."""

import pytest
from allauth.socialaccount.models import SocialAccount
from playwright.sync_api import expect

pytestmark = [pytest.mark.needs_chromium, pytest.mark.django_db(transaction=True)]


def test_browser_sign_in_through_the_provider_pages(page, live_server, sso_enabled):
    sso_enabled.add_account(sub="b-1", preferred_username="grace", email="grace@city.example.gov", password="pw-1")
    page.goto(f"{live_server.url}/login/")
    page.get_by_role("button", name="Sign in with City test provider").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in to the city")
    assert page.url.startswith(sso_enabled.issuer)
    page.get_by_label("Username").fill("grace")
    page.get_by_label("Password").fill("wrong")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("alert")).to_have_text("The username or password is not correct.")
    page.get_by_label("Username").fill("grace")
    page.get_by_label("Password").fill("pw-1")
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("button", name="Allow").click()
    page.wait_for_url(f"{live_server.url}/**")
    expect(page.get_by_role("heading", level=1)).not_to_have_text("Sign in")
    assert SocialAccount.objects.get(provider="city", uid="b-1").user.email == "grace@city.example.gov"
