"""Access cases for every URL of the public site, gathered from one module per area (see tests/access.py)."""

from tests.access import AccessCase
from tests.public import access_cases_site

CASES: list[AccessCase] = []
CASES += access_cases_site.CASES
