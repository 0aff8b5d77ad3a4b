"""Access cases: allauth (issue 17)."""

from tests.access import AccessCase

CASES: list[AccessCase] = []
