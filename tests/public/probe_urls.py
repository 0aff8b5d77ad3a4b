"""The project's URLs plus two public pages of the tests' own, served through `public.http.public_response` like
every public page, so the cache, the rate limit and the no-cookie rule are tested whichever pages the areas add:
/public/cache-probe/ reads the database (a cached answer and a rendered one differ by their queries) and
/public/missing-probe/ raises Http404, as a public view does for an unknown slug."""

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import path

from equity.urls import handler500  # noqa: F401 - the project's error handler too
from equity.urls import urlpatterns as project
from public.http import public_response
from public.models import Publication

PROBE = "/public/cache-probe/"
MISSING = "/public/missing-probe/"


@public_response()
def probe_view(request: HttpRequest) -> HttpResponse:
    return HttpResponse(f"{Publication.objects.filter(is_published=True).count()} published")


@public_response()
def missing_view(request: HttpRequest) -> HttpResponse:
    raise Http404("no such publication")


urlpatterns = [path(PROBE.strip("/") + "/", probe_view), path(MISSING.strip("/") + "/", missing_view), *project]
