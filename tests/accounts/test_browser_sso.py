"""Single sign-on pages in real Chromium, axe-clean: the login page led by the provider's button, a refusal page
reached through the real test provider (its ID token spoiled), and the other pages a refused sign-in can show."""

import pytest
from playwright.sync_api import expect

from equity.models import SecurityEvent, User
from tests.browser import assert_accessible
from tests.sso.fixtures import PROVIDER_NAME

pytestmark = [pytest.mark.needs_chromium, pytest.mark.django_db(transaction=True)]


def test_login_page_with_the_providers_button_and_a_refusal_page(page, live_server, sso_enabled):
    sso_enabled.add_account(sub="b-7", preferred_username="ada", email="ada@city.example.gov", password="pw-7")
    sso_enabled.set_fault("wrong_nonce")
    page.goto(f"{live_server.url}/login/")
    button = page.get_by_role("button", name=f"Sign in with {PROVIDER_NAME}")
    expect(button).to_be_visible()
    assert_accessible(page)
    button.click()
    page.get_by_label("Username").fill("ada")
    page.get_by_label("Password").fill("pw-7")
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("button", name="Allow").click()
    page.wait_for_url(f"{live_server.url}/**")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign-in refused")
    expect(page.get_by_text("belonged to a different sign-in")).to_be_visible()
    assert_accessible(page)
    assert not User.objects.exists()
    assert SecurityEvent.objects.filter(kind=SecurityEvent.Kind.SIGN_IN_REFUSED, detail__startswith="nonce").exists()
    page.get_by_role("link", name="Back to sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")


@pytest.mark.parametrize(
    ("path", "heading"),
    [
        ("/accounts/oidc/city/login/callback/?code=x&state=forged", "Sign-in refused"),
        ("/accounts/3rdparty/login/cancelled/", "Sign-in not finished"),
        ("/accounts/oidc/city/login/", f"Sign in with {PROVIDER_NAME}"),
    ],
)
def test_the_other_sign_in_pages_are_accessible(page, live_server, sso_enabled, path, heading):
    page.goto(f"{live_server.url}{path}")
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    assert_accessible(page)


def test_login_and_password_reset_pages_under_sso_required_are_accessible(page, live_server, sso_enabled, settings):
    settings.SSO_REQUIRED = True
    settings.SSO_BREAK_GLASS_USERS = ["rescue-admin"]
    page.goto(f"{live_server.url}/login/")
    expect(page.get_by_role("heading", name="Break-glass administrators")).to_be_visible()
    page.get_by_label("Username").fill("someone")
    page.get_by_label("Password").fill("a-password-that-is-long-enough")
    page.get_by_role("button", name="Sign in", exact=True).click()
    expect(page.get_by_text("The portal signs in through the city's identity provider").first).to_be_visible()
    assert_accessible(page)
    page.goto(f"{live_server.url}/password/reset/")
    expect(page.get_by_text("there is no portal password to reset")).to_be_visible()
    assert_accessible(page)
