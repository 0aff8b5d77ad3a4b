"""Access cases: sso (issue 17)."""

from tests.access import AccessCase

CASES: list[AccessCase] = []
