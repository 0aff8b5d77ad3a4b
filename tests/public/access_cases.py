"""Access cases for every URL of the public site, gathered from one module per area (see tests/access.py)."""

from tests.access import AccessCase

CASES: list[AccessCase] = []

from tests.public import access_cases_embeds  # noqa: E402

CASES += access_cases_embeds.CASES
