"""The public pages (no login, no cookie, no script): home, plan, indicator, narrative and practices. Each is made
from published snapshots only, rendered without the request (no context processor reads the visitor, the session
or a CSRF token: ADR 0048) and served through `public_response`, so every visitor gets the same cached bytes."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string

from public.addresses import indicator_files, plan_files, site_links
from public.branding import branding
from public.http import public_response
from public.models import Publication
from public.presenters import indicators as indicator_presenter
from public.presenters import labels
from public.presenters.content import overlaid, overlaid_one
from public.presenters.labels import relabelled
from public.presenters.plans import FILTER_PARAMS, plan_view
from public.site import current_list, plan_summaries, practice_page, shown

Kind = Publication.Kind


def _page(template: str, context: dict, *, path: str, status: int = 200) -> HttpResponse:
    base = {"brand": branding(), "links": site_links(), "path": path}
    return HttpResponse(render_to_string(template, base | context), status=status)


def _in_language(kind: str, payload: dict) -> tuple[dict, dict]:
    """The payload in the visitor's language (its translated text and labels) and the page's notes about it."""
    shown = overlaid_one(payload)
    return relabelled(kind, shown.payload, language=shown.language), shown.notes


def _not_found(request: HttpRequest) -> HttpResponse:
    return _page("public/404.html", {}, path=request.path, status=404)


@public_response()
def home_view(request: HttpRequest) -> HttpResponse:
    narratives = current_list(kind=Kind.NARRATIVE)
    payloads = [(p, p.current.payload) for p in current_list(kind=Kind.INDICATOR) if p.current]
    indicators = [
        {
            "publication": p,
            "latest": indicator_presenter.latest_gaps(payload),
            "suppressed_text": indicator_presenter.suppressed_label(payload),
        }
        for p, payload in payloads
    ]
    narrative = narratives[0] if narratives else None
    plans = [plan | {"files": plan_files(plan["slug"])} for plan in plan_summaries()]
    names = [{"name": payload.get("name", "")} for _p, payload in payloads]
    shown = overlaid([narrative.current.payload if narrative and narrative.current else {}, plans, names])
    for item, name in zip(indicators, shown[2].payload, strict=True):
        item["name"] = name["name"]
    context = {
        "narrative": narrative,
        "narrative_payload": shown[0].payload,
        "plans": [
            plan | {"rollup": labels.rollup(plan["rollup"], language=shown[1].language)} for plan in shown[1].payload
        ],
        "indicators": indicators,
        "content_notes": {
            "partly_english": any(s.partly_english for s in shown),
            "unreviewed": any(s.unreviewed for s in shown),
        },
    }
    return _page("public/home.html", context, path=request.path)


def _plan(request: HttpRequest, slug: str, number: int | None) -> HttpResponse:
    found = shown(kind=Kind.PLAN, slug=slug, number=number)
    if found is None:
        return _not_found(request)
    payload, notes = _in_language("plan", found.payload)
    view = plan_view(payload, request.GET)
    files = plan_files(slug, None if found.is_current else found.snapshot.number)
    context = {"shown": found, "plan": payload, "view": view, "files": files, "content_notes": notes}
    return _page("public/plan.html", context, path=request.path)


@public_response(params=FILTER_PARAMS)
def plan_view_page(request: HttpRequest, slug: str) -> HttpResponse:
    return _plan(request, slug, None)


@public_response(params=FILTER_PARAMS)
def plan_version_view(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    return _plan(request, slug, number)


def _indicator(request: HttpRequest, slug: str, number: int | None) -> HttpResponse:
    found = shown(kind=Kind.INDICATOR, slug=slug, number=number)
    if found is None:
        return _not_found(request)
    payload, notes = _in_language("indicator", found.payload)
    context = {
        "content_notes": notes,
        "shown": found,
        "indicator": payload,
        "chart": indicator_presenter.chart_svg(payload),
        "table": indicator_presenter.value_table(payload),
        "gaps": indicator_presenter.gap_tables(payload),
        "trends": indicator_presenter.trends(payload),
        "suppressed_text": indicator_presenter.suppressed_label(payload),
        "files": indicator_files(slug),
    }
    return _page("public/indicator.html", context, path=request.path)


@public_response()
def indicator_view(request: HttpRequest, slug: str) -> HttpResponse:
    return _indicator(request, slug, None)


@public_response()
def indicator_version_view(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    return _indicator(request, slug, number)


@public_response()
def narrative_view(request: HttpRequest, slug: str) -> HttpResponse:
    found = shown(kind=Kind.NARRATIVE, slug=slug)
    if found is None:
        return _not_found(request)
    payload, notes = _in_language("narrative", found.payload)
    context = {"shown": found, "narrative": payload, "content_notes": notes}
    return _page("public/narrative.html", context, path=request.path)


@public_response(params=("page",))
def practice_list_view(request: HttpRequest) -> HttpResponse:
    return _page("public/practice_list.html", {"page": practice_page(page=request.GET.get("page"))}, path=request.path)


@public_response()
def practice_view(request: HttpRequest, slug: str) -> HttpResponse:
    found = shown(kind=Kind.PRACTICE, slug=slug)
    if found is None:
        return _not_found(request)
    payload, notes = _in_language("practice", found.payload)
    context = {"shown": found, "practice": payload, "content_notes": notes}
    return _page("public/practice.html", context, path=request.path)
