"""The access matrix: one table-driven check of every URL for every persona.

Each app lists its cases in `tests/<app>/access_cases.py` as `CASES = [AccessCase(...), ...]`; the matrix test runs
them all and fails when a URL pattern of the project has no case. Expectations name every persona in `PERSONAS`:
an HTTP status, or `LOGIN` for "redirected to the login page".
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from django.urls import reverse

LOGIN = "login"
PERSONAS = ("anonymous", "staff", "manager", "facilitator", "equity", "other_staff", "other_manager")


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


def everyone(status: int | str, **overrides: int | str) -> dict[str, int | str]:
    """Expectations with anonymous sent to login and every signed-in persona getting `status`, with overrides."""
    expect: dict[str, int | str] = {p: status for p in PERSONAS}
    expect["anonymous"] = LOGIN
    expect.update(overrides)
    return expect


def run_access_case(client, personas, case: AccessCase, persona: str):
    """Request the case's URL as `persona` and check the outcome; returns the response."""
    kwargs = case.setup(personas) if case.setup else {}
    url = reverse(case.url_name, kwargs=kwargs) + (f"?{case.query}" if case.query else "")
    user = personas.get(persona)
    if user is not None:
        client.force_login(user)
    data = case.data(personas, kwargs) if case.data else {}
    response = getattr(client, case.method)(url, data=data)
    expected = case.expect[persona]
    if expected == LOGIN:
        assert response.status_code == 302, f"{case.id} as {persona}: {response.status_code}, expected login redirect"
        assert response["Location"].startswith(reverse("login")), response["Location"]
    else:
        assert response.status_code == expected, (
            f"{case.id} as {persona}: got {response.status_code}, expected {expected}"
        )
    return response

