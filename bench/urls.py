"""The product's URLs plus a bare view, installed only by bench.settings: the in-process CPU baseline (bench/cpu.py)
of a Django view that does nothing, against which the floor page's cost is read."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from equity.urls import handler500
from equity.urls import urlpatterns as product_urlpatterns

BARE_PATH = "/bench/bare/"


def bare_view(request: HttpRequest) -> HttpResponse:
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [path(BARE_PATH.strip("/") + "/", bare_view, name="bench_bare"), *product_urlpatterns]
__all__ = ["handler500", "urlpatterns"]
