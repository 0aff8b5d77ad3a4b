"""Access cases: sessions (issue 17)."""

from tests.access import AccessCase

CASES: list[AccessCase] = []
