"""The product's URLs plus two bench-only views, installed only by bench.settings: the in-process CPU baselines of
bench/cpu.py, a bare Django view that does nothing (the floor page's cost is read against it) and an empty page in
the portal's shell (what every page pays for base.html)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path

from equity.urls import handler500
from equity.urls import urlpatterns as product_urlpatterns

BARE_PATH = "/bench/bare/"
SHELL_PATH = "/bench/shell/"


def bare_view(request: HttpRequest) -> HttpResponse:
    return HttpResponse(b"ok", content_type="text/plain")


@login_required
def shell_view(request: HttpRequest) -> HttpResponse:
    """An empty page in the portal's shell (base.html: header, navigation, language switcher, footer)."""
    return render(request, "bench/shell.html")


urlpatterns = [
    path(BARE_PATH.strip("/") + "/", bare_view, name="bench_bare"),
    path(SHELL_PATH.strip("/") + "/", shell_view, name="bench_shell"),
    *product_urlpatterns,
]
__all__ = ["handler500", "urlpatterns"]
