"""Every URL of the project, for every persona: the access matrix (see tests/access.py)."""

import importlib
import pkgutil

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

import tests
from tests.access import PERSONAS, run_access_case
from tests.db_state import db_fingerprint

# URL namespaces outside the matrix: Django's own admin site (superusers only, tested by Django).
EXEMPT_NAMESPACES = {"admin"}


def _case_modules() -> list[str]:
    """`tests.access_cases` and every `tests.<app>.access_cases`, found by name."""
    return [
        info.name
        for info in pkgutil.walk_packages(tests.__path__, prefix="tests.")
        if info.name.rpartition(".")[2] == "access_cases"
    ]


ALL_CASES = [case for name in _case_modules() for case in importlib.import_module(name).CASES]


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


def test_access_cases_are_found_for_every_app():
    assert {"tests.access_cases", "tests.plans.access_cases", "tests.library.access_cases"} <= set(_case_modules())


def test_access_matrix_covers_every_url():
    covered = {case.url_name for case in ALL_CASES}
    missing = sorted(set(_url_names(get_resolver().url_patterns)) - covered)
    assert not missing, f"URLs without access cases in tests/**/access_cases.py: {missing}"


def test_every_case_names_every_persona():
    assert all(set(case.expect) == set(PERSONAS) for case in ALL_CASES)


@pytest.mark.django_db
def test_the_fingerprint_sees_an_edit_a_new_row_and_a_deletion(personas):
    from equity.models import Department

    before = db_fingerprint()
    Department.objects.filter(pk=personas.dept.pk).update(name="Renamed", updated_at=timezone.now())
    edited = db_fingerprint()
    assert edited != before
    department = Department.objects.create(name="Parks", code="PK")
    added = db_fingerprint()
    assert added != edited
    department.delete()
    assert db_fingerprint() != added


@pytest.mark.django_db
@pytest.mark.parametrize("case", ALL_CASES, ids=lambda c: c.id)
def test_access_matrix(personas, case):
    """Each persona gets the expected outcome; a refused POST changes nothing in the database."""
    run_access_case(personas, case)
