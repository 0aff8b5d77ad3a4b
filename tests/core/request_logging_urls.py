"""A URLconf for tests/core/test_request_logging.py: the portal's, plus one view per kind of refusal and one that
fails."""

from django.core.exceptions import BadRequest, PermissionDenied, SuspiciousOperation
from django.http import Http404, HttpResponseBadRequest
from django.urls import path

from equity.urls import handler500 as handler500  # the portal's error pages, which link to its other pages
from equity.urls import urlpatterns as portal_urls


class TamperedField(SuspiciousOperation):
    """Like tools.answer_rules.TamperedAnswer: logged by Django on `django.security.TamperedField`."""


def _raise(exc: Exception):
    def view(request):
        raise exc

    return view


urlpatterns = [
    path("forbidden/", _raise(PermissionDenied())),
    path("missing/", _raise(Http404())),
    path("bad/", _raise(BadRequest("bad"))),
    path("tampered/", _raise(TamperedField("bad version"))),
    path("bad-response/", lambda request: HttpResponseBadRequest("Choose one of the portal's languages.")),
    path("broken/", _raise(RuntimeError("a real error"))),
] + portal_urls
