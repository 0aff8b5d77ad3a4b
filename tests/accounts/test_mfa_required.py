"""Second factors required per role (MFA_REQUIRED_ROLES, ADR 0056): an equity-team member without one reaches no
page but adding one; staff are not asked; sessions signed in through the identity provider are exempt; no query is
added to a page once the person has a factor."""

import importlib

import pytest
from allauth.account.internal.flows.login import AUTHENTICATION_METHODS_SESSION_KEY
from allauth.mfa.models import Authenticator
from django.core.exceptions import ImproperlyConfigured
from django.test import Client, override_settings
from django.urls import reverse

from equity.accounts.middleware import MFARequiredMiddleware
from tests.accounts.mfa import confirm_with_password, with_authenticator_app
from tests.factories import UserFactory
from tests.queries import assert_constant_queries, count_queries

pytestmark = pytest.mark.django_db

REQUIRED = override_settings(MFA_REQUIRED_ROLES=["equity_team", "admin"])


def _pages(personas) -> list[str]:
    """Pages of every part of the portal, as the equity team sees them."""
    return [
        reverse("dashboard"),
        reverse("plans:plan_list"),
        reverse("user_list"),
        reverse("user_update", args=[personas.staff.pk]),
        reverse("department_list"),
        reverse("reports:job_list"),
        reverse("tools:assessment_list"),
        reverse("training:session_list"),
        reverse("library:practice_list"),
        reverse("profile"),
        reverse("password_change"),
        reverse("public:manage"),
        "/admin/",
    ]


def _signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _sent_to_enrol(response) -> bool:
    return response.status_code == 302 and response["Location"] == reverse("account_security")


def test_the_production_default_requires_the_equity_team_and_admins(monkeypatch):
    from equity import settings_sign_in

    monkeypatch.delenv("MFA_REQUIRED_ROLES", raising=False)
    assert importlib.reload(settings_sign_in).MFA_REQUIRED_ROLES == ["equity_team", "admin"]


@REQUIRED
def test_an_equity_team_member_reaches_no_page_before_adding_a_factor(personas):
    client = _signed_in(personas.equity)
    for url in _pages(personas):
        assert _sent_to_enrol(client.get(url)), url
    assert _sent_to_enrol(client.post(reverse("user_set_active", args=[personas.staff.pk]), {"active": "0"}))
    personas.staff.refresh_from_db()
    assert personas.staff.is_active
    security = client.get(reverse("account_security"))
    assert security.status_code == 200
    html = security.content.decode()
    assert "Your role in the portal requires a second factor" in html and "Action needed" in html


@REQUIRED
def test_the_pages_that_enrolment_needs_stay_open(personas):
    client = _signed_in(personas.equity)
    assert client.get(reverse("mfa_activate_totp"))["Location"].startswith(reverse("account_reauthenticate"))
    assert client.get(reverse("account_reauthenticate")).status_code == 200
    confirm_with_password(client)
    assert client.get(reverse("mfa_activate_totp")).status_code == 200
    assert client.get(reverse("mfa_add_webauthn")).status_code == 200
    assert client.get(reverse("healthz")).status_code == 200
    assert client.get(reverse("public:home")).status_code == 200
    assert client.post(reverse("logout")).status_code == 200


@REQUIRED
def test_once_a_factor_exists_every_page_opens(personas):
    client = _signed_in(personas.equity)
    assert _sent_to_enrol(client.get(reverse("dashboard")))
    with_authenticator_app(personas.equity)
    for url in _pages(personas)[:-1]:  # not /admin/: the equity team are not superusers
        assert client.get(url).status_code == 200, url


@REQUIRED
def test_staff_and_managers_are_offered_a_factor_not_required_to_add_one(personas):
    for persona in (personas.staff, personas.manager, personas.facilitator):
        client = _signed_in(persona)
        assert client.get(reverse("dashboard")).status_code == 200
        assert "Your role in the portal requires" not in client.get(reverse("account_security")).content.decode()


@REQUIRED
def test_a_superuser_is_required_as_admin(personas):
    admin_user = UserFactory(is_superuser=True, is_staff=True)
    client = _signed_in(admin_user)
    assert _sent_to_enrol(client.get("/admin/"))
    with_authenticator_app(admin_user)
    assert client.get("/admin/").status_code == 200


@override_settings(MFA_REQUIRED_ROLES=["manager"])
def test_the_required_roles_are_configurable(personas):
    assert _sent_to_enrol(_signed_in(personas.manager).get(reverse("dashboard")))
    assert _signed_in(personas.equity).get(reverse("dashboard")).status_code == 200


@REQUIRED
def test_a_session_signed_in_through_the_identity_provider_is_exempt(personas):
    client = _signed_in(personas.equity)
    session = client.session
    session[AUTHENTICATION_METHODS_SESSION_KEY] = [{"method": "socialaccount", "at": 0, "provider": "city"}]
    session["account_authentication_methods_user"] = str(personas.equity.pk)
    session.save()
    assert client.get(reverse("dashboard")).status_code == 200


@REQUIRED
def test_removing_the_last_factor_sends_the_person_to_enrol_again(personas):
    with_authenticator_app(personas.equity)
    client = _signed_in(personas.equity)
    assert client.get(reverse("dashboard")).status_code == 200
    confirm_with_password(client)
    assert client.post(reverse("mfa_deactivate_totp")).status_code == 302
    assert _sent_to_enrol(client.get(reverse("dashboard")))


def test_an_unknown_role_is_a_configuration_error(settings):
    settings.MFA_REQUIRED_ROLES = ["equity_team", "equity-team"]
    with pytest.raises(ImproperlyConfigured, match="equity-team"):
        MFARequiredMiddleware(lambda request: None)


def test_no_query_is_added_to_a_page_once_the_person_has_a_factor(personas, settings):
    with_authenticator_app(personas.equity)
    client = _signed_in(personas.equity)
    url = reverse("plans:plan_list")
    not_required = count_queries(client, url)
    settings.MFA_REQUIRED_ROLES = ["equity_team", "admin"]
    count_queries(client, url)  # the first page after the requirement came in asks once, and the session keeps it
    assert count_queries(client, url) == not_required
    assert count_queries(client, reverse("dashboard")) == count_queries(client, reverse("dashboard"))


def test_the_admin_site_signs_in_through_the_portal(client):
    response = client.get("/admin/login/")
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_the_security_page_costs_the_same_queries_with_more_factors(personas):
    client = _signed_in(personas.staff)

    def more_factors() -> None:
        with_authenticator_app(personas.staff)
        for name in ("Laptop", "Phone", "Blue key"):
            Authenticator.objects.create(
                user=personas.staff, type=Authenticator.Type.WEBAUTHN, data={"name": name, "credential": {}}
            )

    assert_constant_queries(client, reverse("account_security"), more_factors, budget=12)
    assert "Blue key" in client.get(reverse("account_security")).content.decode()


@REQUIRED
def test_a_page_fragment_request_sends_the_whole_page_to_enrol(personas):
    response = _signed_in(personas.equity).get(reverse("dashboard"), headers={"HX-Request": "true"})
    assert response.headers["HX-Redirect"] == reverse("account_security")
