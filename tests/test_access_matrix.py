"""Every URL of the project, for every persona: the access matrix (see tests/access.py)."""

import importlib

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from tests.access import PERSONAS, run_access_case

CASE_MODULES = [
    "tests.access_cases",
    "tests.plans.access_cases",
    "tests.tools.access_cases",
    "tests.training.access_cases",
    "tests.library.access_cases",
    "tests.reports.access_cases",
]
# URL namespaces outside the matrix: Django's own admin site (superusers only, tested by Django).
EXEMPT_NAMESPACES = {"admin"}


def _load_cases():
    cases = []
    for name in CASE_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name not in (name, name.rpartition(".")[0]):
                raise
            continue
        cases.extend(module.CASES)
    return cases


ALL_CASES = _load_cases()


def _url_names(patterns, namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            ns = pattern.namespace
            if ns in EXEMPT_NAMESPACES:
                continue
            prefix = f"{namespace}{ns}:" if ns else namespace
            yield from _url_names(pattern.url_patterns, prefix)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}"


def test_access_matrix_covers_every_url():
    covered = {case.url_name for case in ALL_CASES}
    missing = sorted(set(_url_names(get_resolver().url_patterns)) - covered)
    assert not missing, f"URLs without access cases in tests/**/access_cases.py: {missing}"


@pytest.mark.django_db
@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("case", ALL_CASES, ids=lambda c: c.id)
def test_access_matrix(client, personas, case, persona):
    run_access_case(client, personas, case, persona)
