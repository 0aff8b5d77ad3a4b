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


def database_unavailable(exc: BaseException | None) -> bool:
    """True for a refused or lost connection and for a statement or lock wait cancelled by the time limits."""
    return isinstance(exc, (OperationalError, InterfaceError))


def _render(template_name: str, request: HttpRequest, status: int) -> HttpResponse:
    context = {"CITY_NAME": settings.CITY_NAME}
    return HttpResponse(loader.get_template(template_name).render(context), status=status)


@requires_csrf_token
def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: called by Django inside the `except` for any uncaught exception, in a view or a middleware."""
    if database_unavailable(sys.exc_info()[1]):
        response = _render("503.html", request, status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return _render("500.html", request, status=500)
