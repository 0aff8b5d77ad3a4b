"""The access matrix: one table-driven check of every URL for every persona.

Each app lists its cases in `tests/<app>/access_cases.py` as `CASES = [AccessCase(...), ...]` (the core's are in
`tests/access_cases.py`); the matrix test finds those modules by name, runs every case and fails when a URL pattern
of the project has no case. Expectations name every persona in `PERSONAS`: an HTTP status, or `LOGIN` for
"redirected to the login page". A case's world is built once and each persona's request runs in a savepoint that
is rolled back, so every persona sees the same world; a refused POST must leave the database as it found it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from django.db import transaction
from django.test import Client
from django.urls import reverse

from tests.db_state import changes, db_fingerprint

LOGIN = "login"
PERSONAS = ("anonymous", "staff", "manager", "facilitator", "equity", "other_staff", "other_manager")
REFUSED = {403, 404, LOGIN}


@dataclass(frozen=True)
class AccessCase:
    """One URL (and method) with the outcome each persona should get."""

    url_name: str
    expect: Mapping[str, int | str]
    setup: Callable[..., dict] | None = None  # personas -> URL kwargs (creates the objects it needs)
    method: str = "get"
    data: Callable[..., dict] | None = None  # (personas, kwargs) -> POST data
    label: str = ""
    query: str = ""

    def __post_init__(self):
        missing = set(PERSONAS) - set(self.expect)
        if missing:
            raise ValueError(f"{self.url_name}: expectations missing for {sorted(missing)}")

    @property
    def id(self) -> str:
        return f"{self.url_name}[{self.method}{'-' + self.label if self.label else ''}]"

    def refused(self, persona: str) -> bool:
        """Whether `persona`'s request is turned away (403, 404 or sent to the login page)."""
        return self.expect[persona] in REFUSED


def everyone(status: int | str, **overrides: int | str) -> dict[str, int | str]:
    """Expectations with anonymous sent to login and every signed-in persona getting `status`, with overrides."""
    expect: dict[str, int | str] = {p: status for p in PERSONAS}
    expect["anonymous"] = LOGIN
    expect.update(overrides)
    return expect


def _check(case: AccessCase, persona: str, user, url: str, data: dict) -> str:
    """Request `url` as `persona` (`user`); returns what went wrong, or "" when the outcome is the expected one."""
    client = Client()
    if user is not None:
        client.force_login(user)
    before = db_fingerprint() if case.method == "post" and case.refused(persona) else None
    response = getattr(client, case.method)(url, data=data)
    expected = case.expect[persona]
    if expected == LOGIN:
        if response.status_code != 302 or not response["Location"].startswith(reverse("login")):
            return f"{case.id} as {persona}: {response.status_code} {response.get('Location', '')}, expected login"
    elif response.status_code != expected:
        return f"{case.id} as {persona}: got {response.status_code}, expected {expected}"
    if before is not None:
        changed = changes(before, db_fingerprint())
        if changed:
            return f"{case.id} as {persona}: refused with {response.status_code} but changed {changed}"
    return ""


def run_access_case(personas, case: AccessCase) -> int:
    """Build the case's world once, request its URL as every persona (each in a rolled-back savepoint); returns
    the number of checks made. Fails listing every persona whose outcome was not the expected one."""
    kwargs = case.setup(personas) if case.setup else {}
    url = reverse(case.url_name, kwargs=kwargs) + (f"?{case.query}" if case.query else "")
    failures = []
    checks = 0
    for persona in PERSONAS:
        with transaction.atomic():
            data = case.data(personas, kwargs) if case.data else {}
            failures.append(_check(case, persona, personas.get(persona), url, data))
            transaction.set_rollback(True)
        checks += 2 if case.method == "post" and case.refused(persona) else 1
    failures = [failure for failure in failures if failure]
    assert not failures, "\n".join(failures)
    return checks
