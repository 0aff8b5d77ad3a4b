"""Session lifetime: end a session after an absolute lifetime, whatever the activity; the "try again" page when
the database is unavailable or too slow."""

import logging
import time

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.contrib.sessions.middleware import SessionMiddleware as DjangoSessionMiddleware

from equity.accounts.session_services import SESSION_RENEWED_AT, SESSION_STARTED_AT
from equity.views.errors import (
    DATABASE_UNAVAILABLE,
    DatabaseUnavailableResponse,
    database_unavailable,
    database_unavailable_response,
)

logger = logging.getLogger(__name__)

_LOGIN_AT = SESSION_STARTED_AT
_RENEWED_AT = SESSION_RENEWED_AT


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


class DatabaseUnavailableMiddleware:
    """Answer 503 "try again" when the database refuses a connection or cancels a query (statement or lock time
    limit, ADR 0044): a service failure handled, not a server error. It loads the signed-in user first, so a failure
    there is caught here, and catches the view's (and its template's) failures in process_exception."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            request.user.is_authenticated  # noqa: B018 - loads the session and the user now, inside the try
        except DATABASE_UNAVAILABLE as exc:
            return self._unavailable(request, exc)
        return self.get_response(request)

    def process_exception(self, request, exception):
        if database_unavailable(exception):
            return self._unavailable(request, exception)
        return None

    def _unavailable(self, request, exc: BaseException):
        reason = str(exc).strip().split("\n", 1)[0]
        logger.warning("Database unavailable for %s %s: %s", request.method, request.path, reason)
        return database_unavailable_response(request)


class SessionMiddleware(DjangoSessionMiddleware):
    """Django's, except that the "try again" page leaves the session as it is: it may not have loaded (the database
    refused the connection), so it is neither read again, nor saved, nor its cookie changed; the user stays signed in
    for when the database is back. A public page (`public.http.public_response`, set on the request) leaves it alone
    too: a public response carries no cookie, whoever asks (a shared cache must never keep a session's cookie).

    A signed-in session's idle timeout is renewed by activity at most once a minute (SESSION_RENEW_SECONDS): saving
    it on every request (SESSION_SAVE_EVERY_REQUEST) cost every page an UPDATE and 1-2 ms of CPU (ADR 0066); the
    timeout now runs from the last renewal, up to a minute before the last request."""

    def process_response(self, request, response):
        public = getattr(request, "public_response", False) or getattr(response, "public_response", False)
        if isinstance(response, DatabaseUnavailableResponse) or public:
            return response
        session = getattr(request, "session", None)
        if session is not None and not session.is_empty():
            now = int(time.time())
            if session.modified or now - session.get(_RENEWED_AT, 0) >= settings.SESSION_RENEW_SECONDS:
                session[_RENEWED_AT] = now  # saved by Django's middleware, with a new expiry
        return super().process_response(request, response)
