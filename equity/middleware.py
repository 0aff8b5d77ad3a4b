"""Session lifetime: end a session after an absolute lifetime, whatever the activity."""

import time

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login

_LOGIN_AT = "equity_login_at"


class SessionLifetimeMiddleware:
    """Log the user out once the session is older than SESSION_ABSOLUTE_HOURS (the idle timeout is the cookie age)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            started = request.session.setdefault(_LOGIN_AT, int(time.time()))
            if time.time() - started > settings.SESSION_ABSOLUTE_HOURS * 3600:
                logout(request)
                return redirect_to_login(request.get_full_path())
        return self.get_response(request)
