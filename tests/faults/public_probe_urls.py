"""The project's URLs plus one public page of the fault tests' own (/public/cache-probe/): served through
`public.http.public_response` like every public page, it reads the database, so a cached answer and a rendered one
can be told apart by their queries, whichever public pages the areas have added."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from equity.urls import handler500  # noqa: F401 - the project's error handler too
from equity.urls import urlpatterns as project
from public.http import public_response
from public.models import Publication

PROBE = "/public/cache-probe/"


@public_response()
def probe_view(request: HttpRequest) -> HttpResponse:
    return HttpResponse(f"{Publication.objects.filter(is_published=True).count()} published")


urlpatterns = [path(PROBE.strip("/") + "/", probe_view), *project]
