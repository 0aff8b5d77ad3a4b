"""Access cases: sessions, the sign-in history and the security events (issue 17)."""

from importlib import import_module

from django.conf import settings

from tests.access import AccessCase, everyone

EQUITY_ONLY = everyone(403, equity=200)
CHROME_ON_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36"


def live_session(user, *, ip: str = "203.0.113.9", user_agent: str = CHROME_ON_WINDOWS):
    """A stored session of `user` on another device, with its row in the session list."""
    from allauth.usersessions.models import UserSession

    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store.create()
    return UserSession.objects.create(user=user, session_key=store.session_key, ip=ip, user_agent=user_agent)


def _staff_session(p):
    return {"pk": live_session(p.staff).pk}


def _staff(p):
    return {"pk": p.staff.pk}


def _unknown(p):
    return {"pk": 987654}


CASES = [
    AccessCase("account_security", everyone(200)),
    # Only staff owns the session: anyone else's request finds nothing.
    AccessCase("session_end", everyone(404, staff=302), setup=_staff_session, method="post"),
    AccessCase("sessions_end_others", everyone(302), method="post"),
    AccessCase("security_event_list", EQUITY_ONLY),
    AccessCase("security_event_list", EQUITY_ONLY, query="kind=signed_in&since=2026-01-01", label="filtered"),
    AccessCase("security_event_list", EQUITY_ONLY, query="since=not-a-date&kind=nope", label="bad-filters"),
    AccessCase("user_sign_out", EQUITY_ONLY, setup=_staff),
    AccessCase("user_sign_out", everyone(403, equity=302), setup=_staff, method="post"),
    AccessCase("user_sign_out", everyone(403, equity=404), setup=_unknown, method="post", label="unknown"),
]
