"""allauth's pages the portal does not use as they are: its e-mail, password and session pages send people to the
portal's own; its e-mailed-code pages are switched off (404). Mounted before allauth's URLs, at the same paths, so
allauth's URL names still reverse (ADR 0057, docs/accounts/sessions.md)."""

from collections.abc import Callable

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse


def portal_page(name: str) -> Callable[..., HttpResponse]:
    """A view answering allauth's page with a redirect to the portal's page `name` (its query string kept)."""

    def view(request: HttpRequest, **kwargs) -> HttpResponse:
        query = request.META.get("QUERY_STRING", "")
        return HttpResponseRedirect(reverse(name) + (f"?{query}" if query else ""))

    return view


def not_offered_view(request: HttpRequest, **kwargs) -> HttpResponse:
    """A page of allauth's the portal does not offer (codes by e-mail, e-mail confirmation)."""
    raise Http404
