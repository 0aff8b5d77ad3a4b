"""Access cases for every URL of the public site, gathered from one module per area (see tests/access.py)."""

from tests.access import AccessCase
from tests.public import access_cases_data, access_cases_embeds, access_cases_publishing, access_cases_site

CASES: list[AccessCase] = [
    *access_cases_data.CASES,
    *access_cases_embeds.CASES,
    *access_cases_publishing.CASES,
    *access_cases_site.CASES,
]
