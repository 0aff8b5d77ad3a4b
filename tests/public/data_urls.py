"""The project's URLs for the open data tests, plus a placeholder answering 404 for each public page this branch
links to but another part of the public site registers (its page, version page, PDF, home). A name already
registered is never replaced, so once the pages exist the tests link to, and request, the real ones."""

from django.http import Http404
from django.urls import include, path

from equity import urls as project
from public import urls as public_urls

LINKED = [
    ("public/", "home"),
    ("public/plans/<slug:slug>/", "plan"),
    ("public/plans/<slug:slug>/versions/<int:number>/", "plan_version"),
    ("public/plans/<slug:slug>/report.pdf", "plan_pdf"),
    ("public/indicators/<slug:slug>/", "indicator"),
    ("public/indicators/<slug:slug>/versions/<int:number>/", "indicator_version"),
    ("public/narrative/<slug:slug>/", "narrative"),
    ("public/practices/<slug:slug>/", "practice"),
]


def _not_here(request, **kwargs):
    raise Http404


_registered = {pattern.name for pattern in public_urls.urlpatterns}
_placeholders = [path(route, _not_here, name=name) for route, name in LINKED if name not in _registered]
_public = path("", include((public_urls.urlpatterns + _placeholders, "public")))

urlpatterns = [_public if getattr(p, "namespace", None) == "public" else p for p in project.urlpatterns]
