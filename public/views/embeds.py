"""The embeddable widgets (a plan, an indicator, the city overview) and a plan's SVG status badge: anonymous,
cached public responses made from the current published snapshots. Widgets may be framed only by the sites the
equity team lists (public.framing); the badge is an image and needs no frame."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from public.addresses import home_path, page_path
from public.embeds import indicator_card, plan_badge, plan_card
from public.framing import framed_by_embed_origins
from public.http import public_response
from public.models import Publication
from public.selectors import published

Kind = Publication.Kind


def _current(kind: str, slug: str) -> Publication:
    return get_object_or_404(published(kind=kind), slug=slug)


def _payload(publication: Publication) -> dict:
    if publication.current is None:  # a published publication always has one (database constraint)
        raise Http404
    return publication.current.payload


def _plan_card(publication: Publication) -> dict:
    return {**plan_card(_payload(publication)), "url": page_path(Kind.PLAN, publication.slug)}


def _indicator_card(publication: Publication) -> dict:
    return {**indicator_card(_payload(publication)), "url": page_path(Kind.INDICATOR, publication.slug)}


@framed_by_embed_origins
@public_response()
def embed_plan_view(request: HttpRequest, slug: str) -> HttpResponse:
    publication = _current(Kind.PLAN, slug)
    snapshot = publication.current
    context = {"publication": publication, "snapshot": snapshot, "card": _plan_card(publication)}
    return render(request, "public/embed/plan.html", context)


@framed_by_embed_origins
@public_response()
def embed_indicator_view(request: HttpRequest, slug: str) -> HttpResponse:
    publication = _current(Kind.INDICATOR, slug)
    snapshot = publication.current
    context = {"publication": publication, "snapshot": snapshot, "card": _indicator_card(publication)}
    return render(request, "public/embed/indicator.html", context)


@framed_by_embed_origins
@public_response()
def embed_city_view(request: HttpRequest) -> HttpResponse:
    plans = [(p, _plan_card(p)) for p in published(kind=Kind.PLAN).order_by("title", "pk")]
    indicators = [(p, _indicator_card(p)) for p in published(kind=Kind.INDICATOR).order_by("title", "pk")]
    context = {"plans": plans, "indicators": indicators, "home_url": home_path()}
    return render(request, "public/embed/city.html", context)


@public_response()
def badge_view(request: HttpRequest, slug: str) -> HttpResponse:
    badge = plan_badge(_payload(_current(Kind.PLAN, slug)))
    return HttpResponse(badge.svg(), content_type="image/svg+xml; charset=utf-8")
