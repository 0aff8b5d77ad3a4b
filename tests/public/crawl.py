"""The public site as a visitor sees it, for the leak tests (tests/public/test_no_leaks.py).

`crawl()` seeds the demo city, plants a distinctive secret in every field that must never be public, publishes the
citywide plan, two indicators (one with a suppressed small group), the narrative and a practice, then requests
every URL of the "public" namespace outside /publishing/ (read from Django's resolver, so URLs added later are
covered without a change here) as an anonymous visitor and as a signed-in equity team member; then it unpublishes
the plan and requests the plan's URLs again. All of it in one transaction that is rolled back, so nothing is left
for other tests. Bodies are kept as text; a PDF's text is extracted with pypdf (its streams are compressed).
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import transaction
from django.test import Client, TestCase, override_settings
from django.urls import URLPattern, URLResolver, reverse
from pypdf import PdfReader

from equity.models import User
from library.models import Narrative, Practice
from plans.models import Action, Indicator, IndicatorDataPoint, Plan, ProgressUpdate
from public import urls as public_urls
from public.models import Publication
from public.services import publish, unpublish
from public.suppression import threshold
from tests.factories import UserFactory
from tools.models import Assessment

SURVEY_INDICATOR = "Residents who trust the city"
SECOND_INDICATOR = "Homeownership rate"
SUPPRESSED_VALUE = Decimal("87.6543")
SUPPRESSED_MARGIN = Decimal("5.4321")
COST = Decimal("987654.31")

# Where a URL's <slug> comes from, by the start of its route.
SLUG_KINDS = {"plans/": "plan", "indicators/": "indicator", "narrative/": "narrative", "practices/": "practice"}


@dataclass
class Page:
    status: int
    cookies: list[str]
    body: str


@dataclass
class Crawl:
    secrets: dict[str, list[str]]  # never-public field -> strings that must appear in no public response
    pages: dict[str, dict[str, Page]] = field(default_factory=dict)  # persona -> url -> page
    plan_urls: list[str] = field(default_factory=list)
    after_unpublish: dict[str, dict[str, Page]] = field(default_factory=dict)  # persona -> plan url -> page
    plan_title: str = ""


def public_routes() -> list[tuple[str, str, dict]]:
    """(name, route, converters) of every named URL of public/urls.py outside /publishing/."""
    found: list[tuple[str, str, dict]] = []

    def walk(patterns, prefix: str) -> None:
        for entry in patterns:
            route = prefix + str(entry.pattern)
            if isinstance(entry, URLResolver):
                walk(entry.url_patterns, route)
            elif isinstance(entry, URLPattern) and entry.name and not route.startswith("publishing/"):
                found.append((entry.name, route, getattr(entry.pattern, "converters", {})))

    walk(public_urls.urlpatterns, "")
    return found


def _kind(route: str) -> str | None:
    tail = route.split("/", 1)[1] if route.startswith(("public/", "embed/")) else route
    return next((kind for start, kind in SLUG_KINDS.items() if tail.startswith(start)), None)


def _url(name: str, route: str, converters: dict, publications: dict[str, Publication]) -> str:
    publication = publications.get(_kind(route) or "")
    kwargs: dict = {}
    for arg, converter in converters.items():
        if arg == "slug":
            kwargs[arg] = publication.slug if publication else "no-such-slug"
        elif arg == "number":
            kwargs[arg] = publication.current.number if publication and publication.current else 1
        elif type(converter).__name__ == "IntConverter":
            kwargs[arg] = 1
        else:
            kwargs[arg] = "unknown"
    return reverse(f"public:{name}", kwargs=kwargs)


def _plant_secrets(plan: Plan, survey: Indicator) -> dict[str, list[str]]:
    """Write a recognisable value into each never-public field; what each must never show."""
    actions = Action.objects.filter(plan=plan)
    names = sorted({a.accountable.full_name for a in actions.select_related("accountable") if a.accountable})
    actions.update(cost=COST, staff_time="Staff time kept internal LKS-STAFF-TIME")
    updates = ProgressUpdate.objects.filter(action__plan=plan)
    updates.update(
        barriers="Barrier kept internal LKS-BARRIERS",
        next_steps="Next step kept internal LKS-NEXT-STEPS",
        status_reason="Status reason kept internal LKS-STATUS-REASON",
    )
    Practice.objects.update(review_note="Review note kept internal LKS-REVIEW-NOTE")
    for assessment in Assessment.objects.all():
        Assessment.objects.filter(pk=assessment.pk).update(confidential=True, title=f"LKS-WORKSHEET {assessment.pk}")
    for other in Plan.objects.exclude(pk=plan.pk):
        Plan.objects.filter(pk=other.pk).update(title=f"LKS-UNPUBLISHED-PLAN {other.pk}")
    small = IndicatorDataPoint.objects.filter(indicator=survey, people__lt=threshold())
    small.update(value=SUPPRESSED_VALUE, margin_of_error=SUPPRESSED_MARGIN)
    return {
        "accountable person's name": names,
        "progress update barriers": ["LKS-BARRIERS"],
        "progress update next steps": ["LKS-NEXT-STEPS"],
        "progress update internal status reason": ["LKS-STATUS-REASON"],
        "action staff time": ["LKS-STAFF-TIME"],
        "action cost": [str(COST), f"{COST:,}", "987654", "987,654"],
        "practice review note": ["LKS-REVIEW-NOTE"],
        "confidential worksheet title": ["LKS-WORKSHEET"],
        "unpublished plan title": ["LKS-UNPUBLISHED-PLAN"],
        "suppressed small value": [str(SUPPRESSED_VALUE), "87.654", "87.65", str(SUPPRESSED_MARGIN), "5.432"],
    }


def _publish_city(author: User, plan: Plan, indicators: list[Indicator]) -> dict[str, Publication]:
    records: list = [plan, *indicators]
    narrative = Narrative.objects.filter(department__isnull=True).first()
    practice = Practice.objects.filter(review_state=Practice.Review.PUBLISHED).order_by("pk").first()
    records += [r for r in (narrative, practice) if r is not None]
    for record in records:
        try:
            with TestCase.captureOnCommitCallbacks(execute=True):
                publish(author=author, record=record)
        except ValidationError:  # a demo narrative without a published version: nothing to publish
            continue
    return {p.kind: p for p in Publication.objects.filter(is_published=True).select_related("current")}


def _visit(client: Client, url: str) -> Page:
    response = client.get(url)
    body = b"".join(response.streaming_content) if response.streaming else response.content  # type: ignore[attr-defined]
    if response.get("Content-Type", "").startswith("application/pdf"):  # its text streams are compressed: read them
        text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(body)).pages)
        return Page(response.status_code, list(response.cookies), text)
    return Page(response.status_code, list(response.cookies), body.decode("utf-8", errors="replace"))


def crawl() -> Crawl:
    """Seed, plant, publish, visit, unpublish, visit again; rolled back at the end (see the module)."""
    with override_settings(EQUITY_PUBLIC_RATE_LIMIT="0"), transaction.atomic():
        cache.clear()
        with override_settings(DEBUG=True):
            call_command("seed_demo", verbosity=0)
        plan = Plan.objects.get(title__startswith="Citywide")
        survey = Indicator.objects.get(name__startswith=SURVEY_INDICATOR)
        second = Indicator.objects.get(name__startswith=SECOND_INDICATOR)
        result = Crawl(secrets=_plant_secrets(plan, survey), plan_title=plan.title)
        equity = User.objects.get(username="equity")
        publications = _publish_city(equity, plan, [survey, second])
        staff = Client()  # an equity team member who is no action's accountable person (the portal's 404 page
        staff.force_login(UserFactory.create(full_name="Visiting Teammate", is_equity_team=True))  # names its visitor)
        clients = {"anonymous": Client(), "equity team": staff}
        urls = {route: _url(name, route, conv, publications) for name, route, conv in public_routes()}
        result.pages = {who: {url: _visit(c, url) for url in urls.values()} for who, c in clients.items()}
        result.plan_urls = [url for route, url in urls.items() if _kind(route) == "plan"]
        with TestCase.captureOnCommitCallbacks(execute=True):
            unpublish(author=equity, publication=publications["plan"])
        every = list(urls.values())
        result.after_unpublish = {who: {url: _visit(c, url) for url in every} for who, c in clients.items()}
        transaction.set_rollback(True)
    cache.clear()
    return result
