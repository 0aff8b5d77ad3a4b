"""Fixtures and helpers for single sign-on tests against the real test identity provider (docs/accounts/testing-sso.md).

A pytest plugin (tests/conftest.py's `pytest_plugins`):

- `oidc_provider` (session): the running provider (tests.sso.idp.IdentityProvider), one per xdist worker;
- `sso_enabled` (function): the portal's settings pointed at it (its "city" app, the SSO_* settings), with no
  accounts and no fault at the start and end of the test; it yields the provider;
- `sso_sign_in(client, provider, username=..., password=...)`: a whole sign-in with Django's test client, and the
  lower-level `sso_authorize_url` and `sso_callback_url` for tests that tamper with the way back.
"""

from __future__ import annotations

import copy
import importlib.util
import os
import re
from collections.abc import Iterator
from unittest import mock
from urllib.parse import urlencode

import pytest
from django.test import Client
from django.urls import reverse

from tests.sso.idp import DEFAULT_PASSWORD, SCOPES, IdentityProvider, missing_tools

IN_CI = os.environ.get("CI", "").lower() == "true"
PROVIDER_NAME = "City test provider"


@pytest.fixture(scope="session")
def oidc_provider(tmp_path_factory) -> Iterator[IdentityProvider]:
    """The test identity provider on a free loopback port (its log: <basetemp>/oidc-provider*/node.log)."""
    missing = missing_tools()
    if missing:
        if IN_CI:
            pytest.fail(f"CI=true and a required service is missing: {missing}", pytrace=False)
        pytest.skip(f"needs {missing}")
    provider = IdentityProvider(log_path=tmp_path_factory.mktemp("oidc-provider") / "node.log").start()
    try:
        yield provider
    finally:
        provider.stop()


def sso_settings(settings, provider: IdentityProvider, **environment: str) -> None:
    """Point the portal at `provider` the way its environment would: equity/settings_sign_in.py is read again with
    SSO_ISSUER_URL, SSO_CLIENT_ID, SSO_CLIENT_SECRET, SSO_SCOPES (and `environment`, e.g. SSO_REQUIRED="true") set,
    and its SSO_* and SOCIALACCOUNT_PROVIDERS settings replace the test's (pytest-django's `settings`)."""
    variables = {
        "SSO_ISSUER_URL": provider.issuer,
        "SSO_CLIENT_ID": provider.client_id,
        "SSO_CLIENT_SECRET": provider.client_secret,
        "SSO_PROVIDER_NAME": PROVIDER_NAME,
        "SSO_SCOPES": ",".join(SCOPES),
        **environment,
    }
    spec = importlib.util.find_spec("equity.settings_sign_in")
    assert spec and spec.loader
    sign_in = importlib.util.module_from_spec(spec)  # a fresh copy, not the one in sys.modules
    with mock.patch.dict(os.environ, variables):
        spec.loader.exec_module(sign_in)
    for name, value in vars(sign_in).items():
        if name.startswith("SSO_") or name == "SOCIALACCOUNT_PROVIDERS":
            setattr(settings, name, copy.deepcopy(value))


@pytest.fixture
def sso_enabled(settings, oidc_provider: IdentityProvider) -> Iterator[IdentityProvider]:
    """Single sign-on on, through the test provider (no accounts, no fault); yields the provider."""
    oidc_provider.reset()
    sso_settings(settings, oidc_provider)
    yield oidc_provider
    oidc_provider.reset()


def _csrf_token(html: str) -> str:
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    if not match:
        raise AssertionError("no CSRF token on the page")
    return match.group(1)


def sso_authorize_url(client: Client, *, next: str | None = None, process: str = "login") -> str:
    """Press "Sign in with ..." on the portal (a POST with the page's CSRF token to the provider login URL, as the
    login page's button does); return the provider's authorization URL the portal redirects to."""
    login_url = reverse("openid_connect_login", kwargs={"provider_id": "city"})
    query = {"process": process, **({"next": next} if next else {})}
    action = f"{login_url}?{urlencode(query)}"
    page = client.get(reverse("login"))
    if page.status_code == 200:
        assert login_url in page.content.decode(), "no provider button on the login page"
    else:  # signed in already (connecting an account): allauth's own page for the provider has the token
        page = client.get(login_url)
    response = client.post(action, {"csrfmiddlewaretoken": _csrf_token(page.content.decode()), **query})
    if response.status_code != 302:
        raise AssertionError(f"the portal did not redirect to the provider: {response.status_code}")
    return response["Location"]


def sso_callback_url(
    client: Client,
    provider: IdentityProvider,
    *,
    username: str,
    password: str = DEFAULT_PASSWORD,
    next: str | None = None,
    allow: bool = True,
) -> str:
    """The portal's callback URL (with `code` and `state`) after signing in at the provider, not yet visited."""
    authorize_url = sso_authorize_url(client, next=next)
    return provider.sign_in(authorize_url, username=username, password=password, allow=allow)


def sso_sign_in(
    client: Client,
    provider: IdentityProvider,
    *,
    username: str,
    password: str = DEFAULT_PASSWORD,
    next: str | None = None,
    follow: bool = True,
):
    """A whole sign-in through the provider: the portal's button, the provider's login and consent pages, then the
    callback on `client`; returns the callback's response (followed to the final page unless `follow` is False)."""
    callback_url = sso_callback_url(client, provider, username=username, password=password, next=next)
    return client.get(callback_url, follow=follow)
