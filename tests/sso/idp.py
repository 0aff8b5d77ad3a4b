"""The test identity provider (tests/sso/provider/server.mjs, ADR 0058) as the tests see it: its process, started and
stopped by PID, its control API (accounts, faults, reset), and a person's side of a sign-in at it (its login and
consent pages, driven with `requests`)."""

from __future__ import annotations

import base64
import hashlib
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import time
from html import unescape
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urljoin, urlparse

import requests

PROVIDER_DIR = Path(__file__).resolve().parent / "provider"
CALLBACK_PATH = "/accounts/oidc/city/login/callback/"
TEST_CALLBACK_URL = f"http://testserver{CALLBACK_PATH}"
DEFAULT_PASSWORD = "city-password-for-tests"
SCOPES = ["openid", "profile", "email", "groups"]
FAULTS = ("wrong_nonce", "expired", "bad_signature", "wrong_audience", "wrong_issuer")
START_TIMEOUT = 20  # seconds for node to answer discovery
TIMEOUT = 10  # seconds for any one request to the provider
MINIMUM_NODE = (20, 19)  # oidc-provider 9


class ProviderError(AssertionError):
    """The provider did not behave as a sign-in expects (a wrong password, an unexpected page)."""


def missing_tools() -> str:
    """What the provider needs and this machine lacks ("" when it can run)."""
    node = shutil.which("node")
    if not node:
        return "Node.js (apt-get install nodejs npm; then `npm ci` in tests/sso/provider)"
    version = subprocess.run([node, "--version"], capture_output=True, text=True, timeout=10).stdout.strip()
    if tuple(int(part) for part in re.findall(r"\d+", version)[:2]) < MINIMUM_NODE:
        return f"Node.js 20.19 or later (this one is {version or 'unknown'})"
    for package in ("oidc-provider", "jose"):
        if not (PROVIDER_DIR / "node_modules" / package / "package.json").exists():
            return "the provider's npm packages (run `npm ci` in tests/sso/provider, or `make install-dev`)"
    return ""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class IdentityProvider:
    """One running test provider: issuer http://127.0.0.1:<port>, one confidential client."""

    def __init__(self, *, log_path: Path, client_id: str = "equity-portal", client_secret: str = "") -> None:
        self.client_id = client_id
        self.client_secret = client_secret or secrets.token_urlsafe(24)
        self.log_path = log_path
        self.process: subprocess.Popen | None = None
        self.port = 0

    @property
    def issuer(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> IdentityProvider:
        """Start node on a free port (again on another if that one was taken) and wait for its discovery document."""
        for _ in range(3):
            self.port = _free_port()
            command = [
                "node",
                "server.mjs",
                str(self.port),
                "--client-id",
                self.client_id,
                "--watch-pid",
                str(os.getpid()),
            ]
            env = {**os.environ, "OIDC_TEST_CLIENT_SECRET": self.client_secret}
            with self.log_path.open("ab") as log:
                self.process = subprocess.Popen(
                    command, cwd=PROVIDER_DIR, env=env, stdin=subprocess.DEVNULL, stdout=log, stderr=log
                )
            if self._wait_for_discovery():
                return self
            self.stop()
        log_tail = self.log_path.read_text(errors="replace")[-2000:]
        raise RuntimeError(f"the test identity provider did not start within {START_TIMEOUT} s:\n{log_tail}")

    def _wait_for_discovery(self) -> bool:
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline and self.process and self.process.poll() is None:
            try:
                if requests.get(self.discovery_url, timeout=1).ok:
                    return True
            except requests.RequestException:
                pass
            time.sleep(0.1)
        return False

    def stop(self) -> None:
        """Stop the node process by its PID (SIGTERM, then SIGKILL after 5 s)."""
        process, self.process = self.process, None
        if process is None or process.poll() is not None:
            return
        os.kill(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            os.kill(process.pid, signal.SIGKILL)
            process.wait(timeout=5)

    # The control API (loopback only).
    def _control(self, path: str, payload: dict | None = None) -> dict:
        response = requests.post(f"{self.issuer}/__test__/{path}", json=payload or {}, timeout=TIMEOUT)
        if not response.ok:
            raise ProviderError(f"control {path}: {response.status_code} {response.text}")
        return response.json()

    def add_account(
        self,
        *,
        sub: str,
        password: str = DEFAULT_PASSWORD,
        email: str | None = None,
        email_verified: bool = True,
        name: str | None = None,
        given_name: str | None = None,
        family_name: str | None = None,
        preferred_username: str | None = None,
        groups: list[str] | tuple[str, ...] = (),
        job_title: str | None = None,
        employee_id: str | None = None,
    ) -> str:
        """Add (or replace) an account; it signs in with `preferred_username` (default: `sub`) and `password`."""
        claims = {
            "sub": sub, "password": password, "email": email, "email_verified": email_verified, "name": name,
            "given_name": given_name, "family_name": family_name, "preferred_username": preferred_username or sub,
            "groups": list(groups), "job_title": job_title, "employee_id": employee_id,
        }  # fmt: skip
        return self._control("accounts", claims)["sub"]

    def set_fault(self, fault: str | None) -> None:
        """Spoil every ID token the token endpoint gives from now on (one of FAULTS), or stop (None)."""
        if fault is not None and fault not in FAULTS:
            raise ValueError(f"unknown fault {fault!r}: one of {FAULTS}")
        self._control("fault", {"fault": fault})

    def set_token_auth_method(self, method: str) -> None:
        """How the client must authenticate at the token endpoint: client_secret_post (default) or _basic."""
        self._control("client", {"token_endpoint_auth_method": method})

    def reset(self) -> None:
        """No accounts, no fault, client_secret_post, no sessions or grants."""
        self._control("reset")

    # Documents.
    @property
    def discovery_url(self) -> str:
        return f"{self.issuer}/.well-known/openid-configuration"

    def discovery(self) -> dict:
        return requests.get(self.discovery_url, timeout=TIMEOUT).json()

    def jwks(self) -> dict:
        return requests.get(self.discovery()["jwks_uri"], timeout=TIMEOUT).json()

    # A person at the provider.
    def sign_in(
        self, authorize_url: str, *, username: str, password: str = DEFAULT_PASSWORD, allow: bool = True
    ) -> str:
        """Follow `authorize_url` through the provider's login and consent pages; return where it sends the browser
        back to (the client's callback URL, with `code` and `state`, or `error` when `allow` is False)."""
        session = requests.Session()
        response = session.get(authorize_url, allow_redirects=False, timeout=TIMEOUT)
        for _ in range(10):
            location = response.headers.get("Location")
            if location:
                target = urljoin(response.url, location)
                if not target.startswith(self.issuer + "/"):
                    return target
                response = session.get(target, allow_redirects=False, timeout=TIMEOUT)
            elif response.status_code == 200 and 'name="username"' in response.text:
                if 'role="alert"' in response.text:
                    raise ProviderError(f"the provider refused {username!r}: wrong username or password")
                form = {"username": username, "password": password}
                response = session.post(_action(response, "login"), data=form, allow_redirects=False, timeout=TIMEOUT)
            elif response.status_code == 200 and "/confirm" in response.text:
                action = _action(response, "confirm" if allow else "abort")
                response = session.post(action, allow_redirects=False, timeout=TIMEOUT)
            else:
                raise ProviderError(f"unexpected provider answer {response.status_code}: {response.text[:500]}")
        raise ProviderError("too many redirects at the provider")

    def issue_tokens(
        self, *, username: str, password: str = DEFAULT_PASSWORD, nonce: str = "", redirect_uri: str = TEST_CALLBACK_URL
    ) -> dict:
        """The token endpoint's answer for a whole authorization code flow (PKCE) run here as the client, without
        the portal: for tests of the ID token itself."""
        verifier = secrets.token_urlsafe(48)
        challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
        query = {
            "client_id": self.client_id, "response_type": "code", "scope": " ".join(SCOPES),
            "redirect_uri": redirect_uri, "state": secrets.token_urlsafe(16), "code_challenge": challenge,
            "code_challenge_method": "S256", **({"nonce": nonce} if nonce else {}),
        }  # fmt: skip
        authorize_url = f"{self.discovery()['authorization_endpoint']}?{urlencode(query)}"
        callback = parse_qs(urlparse(self.sign_in(authorize_url, username=username, password=password)).query)
        if callback.get("state") != [query["state"]] or "code" not in callback:
            raise ProviderError(f"no code in the callback: {callback}")
        response = requests.post(
            self.discovery()["token_endpoint"],
            data={
                "grant_type": "authorization_code", "code": callback["code"][0], "redirect_uri": redirect_uri,
                "code_verifier": verifier, "client_id": self.client_id, "client_secret": self.client_secret,
            },
            timeout=TIMEOUT,
        )  # fmt: skip
        if not response.ok:
            raise ProviderError(f"token endpoint: {response.status_code} {response.text}")
        return response.json()


def _action(response: requests.Response, name: str) -> str:
    """The absolute URL of the page's form posting to .../<name>."""
    match = re.search(rf'<form method="post" action="([^"]*/{name})"', response.text)
    if not match:
        raise ProviderError(f"no {name} form on the provider's page: {response.text[:500]}")
    return urljoin(response.url, unescape(match.group(1)))
