"""Access cases for sign-in and security URLs (equity.accounts and allauth's), one module per part."""

from tests.accounts import (
    access_cases_allauth,
    access_cases_groups,
    access_cases_mfa,
    access_cases_sessions,
    access_cases_sso,
)

CASES = [
    *access_cases_allauth.CASES,
    *access_cases_groups.CASES,
    *access_cases_mfa.CASES,
    *access_cases_sessions.CASES,
    *access_cases_sso.CASES,
]
