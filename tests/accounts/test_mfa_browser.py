"""Second factors in real Chromium: an authenticator app enrolled and used with real codes (pyotp), a passkey
enrolled and used with Chromium's virtual authenticator (CDP WebAuthn), the required enrolment for the equity team;
axe on every page on the way, error pages included."""

import pyotp
import pytest
from allauth.mfa.models import Authenticator
from playwright.sync_api import expect

from tests.accounts.mfa import code_valid_for_a_while, other_code, with_authenticator_app
from tests.browser import assert_accessible, login
from tests.factories import TEST_PASSWORD, UserFactory

pytestmark = [pytest.mark.needs_chromium, pytest.mark.django_db(transaction=True)]


def _confirm_with_password(page) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirm it is you")
    assert_accessible(page)
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Confirm").click()


def _sign_out(page) -> None:
    page.get_by_role("button", name=page.locator("#main-nav .dropdown-toggle").last.inner_text()).click()
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("You have signed out")


def test_browser_authenticator_app_enrolment_and_sign_in(page, live_server):
    user = UserFactory(username="dana", full_name="Dana Okafor")
    login(page, live_server, "dana")
    page.goto(f"{live_server.url}/account/security/")
    assert_accessible(page)
    page.get_by_role("link", name="Set up an authenticator app").click()
    _confirm_with_password(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Set up an authenticator app")
    expect(page.get_by_role("img", name="QR code for your authenticator app")).to_be_visible()
    assert_accessible(page)
    totp = pyotp.TOTP(page.locator("#totp-secret").inner_text().strip())

    page.get_by_label("Code from the app").fill(other_code(totp))
    page.get_by_role("button", name="Turn on the authenticator app").click()
    expect(page.locator("[data-error-summary]")).to_contain_text("not accepted")
    expect(page.locator("[data-error-summary]")).to_be_focused()
    assert_accessible(page)
    assert not Authenticator.objects.filter(user=user).exists()

    page.get_by_label("Code from the app").fill(code_valid_for_a_while(totp))
    page.get_by_role("button", name="Turn on the authenticator app").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Recovery codes")
    assert_accessible(page)
    recovery_code = page.locator(".mfa-recovery-codes li").first.inner_text().strip()
    for path in ("/account/security/", "/accounts/2fa/recovery-codes/generate/", "/accounts/2fa/totp/deactivate/"):
        page.goto(f"{live_server.url}{path}")
        assert_accessible(page)

    _sign_out(page)
    login(page, live_server, "dana")
    expect(page.get_by_role("heading", level=1)).to_have_text("Second factor")
    expect(page.get_by_role("button", name="Use a passkey")).to_have_count(0)  # Dana has no passkey
    assert_accessible(page)
    page.get_by_label("Code").fill("12345678")
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator("[data-error-summary]")).to_contain_text("not accepted")
    assert_accessible(page)
    page.get_by_label("Code").fill(recovery_code)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Welcome, Dana Okafor")
    page.goto(f"{live_server.url}/accounts/2fa/reauthenticate/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirm it is you")
    assert_accessible(page)


def _virtual_authenticator(page) -> None:
    """Chromium's virtual platform authenticator (a passkey on "this device", verified by its user)."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    options = {
        "protocol": "ctap2",
        "transport": "internal",
        "hasResidentKey": True,
        "hasUserVerification": True,
        "isUserVerified": True,
    }
    cdp.send("WebAuthn.addVirtualAuthenticator", {"options": options})


def test_browser_passkey_enrolment_and_second_factor_sign_in(page, live_server, settings):
    settings.MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = True  # the live server's origin is http://localhost:<port>
    user = UserFactory(username="dana", full_name="Dana Okafor")
    _virtual_authenticator(page)
    login(page, live_server, "dana")
    page.goto(f"{live_server.url}/account/security/")
    page.get_by_role("link", name="Add a passkey").click()
    _confirm_with_password(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a passkey")
    assert_accessible(page)
    # A credential the browser did not make (tampered with on the way) is refused with the error summary.
    page.evaluate("""() => {
        const credential = document.getElementById("id_credential");
        credential.value = '{"id": "forged", "type": "public-key"}';
        credential.form.submit();
    }""")
    expect(page.locator("[data-error-summary]")).to_contain_text("not accepted")
    assert_accessible(page)
    assert not Authenticator.objects.filter(user=user).exists()
    page.get_by_label("Name").fill("Work laptop")
    page.get_by_role("button", name="Add passkey").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Recovery codes")
    passkey = Authenticator.objects.get(user=user, type=Authenticator.Type.WEBAUTHN)
    assert passkey.wrap().name == "Work laptop" and passkey.last_used_at is None

    page.goto(f"{live_server.url}/account/security/")
    expect(page.get_by_role("cell", name="Work laptop", exact=True)).to_be_visible()
    assert_accessible(page)
    for path in ("/accounts/2fa/webauthn/", f"/accounts/2fa/webauthn/keys/{passkey.pk}/edit/"):
        page.goto(f"{live_server.url}{path}")
        assert_accessible(page)

    _sign_out(page)
    login(page, live_server, "dana")
    expect(page.get_by_role("heading", level=1)).to_have_text("Second factor")
    assert_accessible(page)
    page.get_by_role("button", name="Use a passkey").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Welcome, Dana Okafor")
    passkey.refresh_from_db()
    assert passkey.last_used_at is not None


def test_browser_equity_team_member_is_sent_to_enrol_first(page, live_server, settings):
    settings.MFA_REQUIRED_ROLES = ["equity_team", "admin"]
    UserFactory(username="elena", full_name="Elena Ruiz", is_equity_team=True)
    login(page, live_server, "elena")
    expect(page).to_have_url(f"{live_server.url}/account/security/")
    expect(page.get_by_role("status")).to_contain_text("Your role in the portal requires a second factor")
    assert_accessible(page)
    page.goto(f"{live_server.url}/people/")
    expect(page).to_have_url(f"{live_server.url}/account/security/")


def test_browser_factor_reset_by_the_equity_team(page, live_server):
    UserFactory(username="elena", full_name="Elena Ruiz", is_equity_team=True)
    staff = UserFactory(username="sam", full_name="Sam Staff")
    with_authenticator_app(staff)
    login(page, live_server, "elena")
    page.goto(f"{live_server.url}/people/{staff.pk}/edit/")
    assert_accessible(page)
    page.get_by_role("link", name="Reset second factors").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Reset the second factors of Sam Staff")
    assert_accessible(page)
    page.get_by_role("button", name="Reset second factors").click()
    expect(page.get_by_role("status")).to_contain_text("have been reset")
    assert_accessible(page)
    assert not Authenticator.objects.filter(user=staff).exists()
