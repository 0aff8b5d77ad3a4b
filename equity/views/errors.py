"""The server error page, and the "try again" page (503) when the database is unavailable or too slow.

Both render without the request's context processors: those read the user and the session from the database,
which is what may have failed (before this, a refused connection gave a 500 page whose title lacked the city).
"""

import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token

# Seconds a client is asked to wait: a cancelled statement or lock wait is usually over by then.
RETRY_AFTER_SECONDS = 30


# A refused or lost connection, a statement or lock wait cancelled by the time limits, a deadlock.
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)


def database_unavailable(exc: BaseException | None) -> bool:
    return isinstance(exc, DATABASE_UNAVAILABLE)


class DatabaseUnavailableResponse(HttpResponse):
    """The "try again" page: 503 with Retry-After. The session middleware leaves the session alone on it."""

    status_code = 503


def _content(template_name: str) -> str:
    return loader.get_template(template_name).render({"CITY_NAME": settings.CITY_NAME})


def database_unavailable_response(request: HttpRequest) -> HttpResponse:
    response = DatabaseUnavailableResponse(_content("503.html"))
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


@requires_csrf_token
def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: called by Django inside the `except` for any uncaught exception. Database failures are answered
    before they get here (equity.middleware.DatabaseUnavailableMiddleware); one that happens later, such as while
    saving the session on the way out, still gets the "try again" page rather than the error page."""
    if database_unavailable(sys.exc_info()[1]):
        return database_unavailable_response(request)
    return HttpResponse(_content("500.html"), status=500)
