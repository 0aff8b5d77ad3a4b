"""The embeddable widgets and the badge: made from the published snapshot, framed only by the listed sites (cached
hits too), no X-Frame-Options on them and `frame-ancestors 'none'` everywhere else."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from plans.models import Action, ActionStatus
from public.models import EmbedOrigin
from public.services import embed_origin_remove, publish, unpublish
from public.suppression import suppressed_text
from tests.public.embeds_world import allow, build_indicator, build_plan, build_world, committed


def _frame_ancestors(response) -> str:
    match = re.search(r"frame-ancestors ([^;]+)", response["Content-Security-Policy"])
    assert match, response["Content-Security-Policy"]
    return match.group(1).strip()


@pytest.fixture
def demo(personas, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return personas.equity


@pytest.fixture
def published_demo(demo):
    world = build_world(demo)
    return world.plan_pub, world.indicator_pub


def test_plan_widget_shows_the_snapshot_rollup_in_text(published_demo, demo):
    plan, _indicator = published_demo
    response = Client().get(reverse("public:embed_plan", kwargs={"slug": plan.slug}))
    assert response.status_code == 200
    text = response.content.decode()
    payload = plan.current.payload
    assert payload["title"] in text
    for row in payload["rollup"]["by_status"]:
        if row["count"]:
            assert f'<th scope="row">{row["label"]}</th><td class="num">{row["count"]}</td>' in text
    assert f"/public/plans/{plan.slug}/" in text and 'target="_blank" rel="noopener"' in text
    assert "<script" not in text and "csrf" not in text.lower()
    assert not response.cookies
    # A live change after publishing does not show until the next publish.
    Action.objects.filter(plan=plan.object_id).update(status=ActionStatus.COMPLETED)
    again = Client().get(reverse("public:embed_plan", kwargs={"slug": plan.slug}), HTTP_ACCEPT_LANGUAGE="en")
    assert again.content == response.content


def test_indicator_widget_shows_latest_values_and_suppression_in_words(published_demo):
    _plan, indicator = published_demo
    text = Client().get(reverse("public:embed_indicator", kwargs={"slug": indicator.slug})).content.decode()
    payload = indicator.current.payload
    latest = max(row["year"] for row in payload["values"])
    assert f"Values by group, {latest}" in text
    assert suppressed_text() in text
    small = [r for r in payload["values"] if r["suppressed"] and r["year"] == latest]
    assert small and small[0]["group"] in text
    assert "Gap to" in text


def test_city_widget_lists_published_plans_and_indicators(published_demo):
    plan, indicator = published_demo
    text = Client().get(reverse("public:embed_city")).content.decode()
    assert plan.title in text and indicator.title in text


def test_unpublished_and_unknown_widgets_are_404(published_demo, demo):
    plan, _indicator = published_demo
    client = Client()
    assert client.get(reverse("public:embed_plan", kwargs={"slug": "no-such-plan"})).status_code == 404
    assert client.get(reverse("public:badge", kwargs={"slug": "no-such-plan"})).status_code == 404
    committed(unpublish, author=demo, publication=plan)
    assert client.get(reverse("public:embed_plan", kwargs={"slug": plan.slug})).status_code == 404
    assert client.get(reverse("public:badge", kwargs={"slug": plan.slug})).status_code == 404


def test_frame_ancestors_lists_exactly_the_allowed_sites_and_no_x_frame_options(published_demo, demo):
    plan, _indicator = published_demo
    url = reverse("public:embed_plan", kwargs={"slug": plan.slug})
    first = Client().get(url)
    assert _frame_ancestors(first) == "'none'" and "X-Frame-Options" not in first
    allow(demo, "https://www.example.gov", "http://localhost:8080")
    response = Client().get(url)
    assert _frame_ancestors(response) == "http://localhost:8080 https://www.example.gov"
    assert "X-Frame-Options" not in response
    assert "default-src 'self'" in response["Content-Security-Policy"]  # the rest of the policy is kept
    committed(embed_origin_remove, author=demo, origin=EmbedOrigin.objects.get(origin="https://www.example.gov"))
    assert _frame_ancestors(Client().get(url)) == "http://localhost:8080"  # at once


def test_cached_hits_keep_the_framing_headers_without_a_query(published_demo, demo, django_assert_num_queries):
    plan, indicator = published_demo
    allow(demo, "https://www.example.gov")
    urls = [
        reverse("public:embed_city"),
        reverse("public:embed_plan", kwargs={"slug": plan.slug}),
        reverse("public:embed_indicator", kwargs={"slug": indicator.slug}),
    ]
    for url in urls:
        first = Client().get(url)
        with django_assert_num_queries(0):
            cached = Client().get(url)
        assert cached.content == first.content
        assert _frame_ancestors(cached) == "https://www.example.gov"
        assert "X-Frame-Options" not in cached


def test_other_pages_keep_frame_ancestors_none(published_demo, demo):
    plan, _indicator = published_demo
    staff = Client()
    staff.force_login(demo)
    for client, url in (
        (staff, reverse("public:embed_code")),
        (staff, reverse("dashboard")),
        (Client(), reverse("public:badge", kwargs={"slug": plan.slug})),
        (Client(), reverse("login")),
    ):
        allow(demo, f"https://a{len(url)}.example.gov")
        response = client.get(url)
        assert response.status_code == 200, url
        assert _frame_ancestors(response) == "'none'", url
        assert response["X-Frame-Options"] == "DENY", url


def test_public_pages_of_other_areas_keep_frame_ancestors_none(published_demo, demo):
    """Any other public response (here a plan's PDF) keeps the project's policy."""
    plan, _indicator = published_demo
    allow(demo, "https://www.example.gov")
    response = Client().get(reverse("public:plan_pdf", kwargs={"slug": plan.slug}))
    assert response.status_code == 200
    assert _frame_ancestors(response) == "'none'" and response["X-Frame-Options"] == "DENY"


def test_badge_is_an_accessible_svg_with_the_count_in_text(published_demo):
    plan, _indicator = published_demo
    rollup = plan.current.payload["rollup"]
    done = next(r["count"] for r in rollup["by_status"] if r["status"] == "completed")
    response = Client().get(reverse("public:badge", kwargs={"slug": plan.slug}))
    assert response["Content-Type"].startswith("image/svg+xml")
    svg = response.content.decode()
    message = f"{done} of {rollup['total']} actions complete"
    assert f"<title>Racial equity plan: {message}</title>" in svg
    assert 'role="img"' in svg and f'aria-label="Racial equity plan: {message}"' in svg
    assert not response.cookies


@pytest.mark.parametrize("extra", [1, 3])
def test_city_widget_queries_do_not_grow_with_publications(demo, extra, django_assert_max_num_queries):
    for _n in range(extra):
        committed(publish, author=demo, record=build_plan())
        committed(publish, author=demo, record=build_indicator())
    with django_assert_max_num_queries(4):
        assert Client().get(reverse("public:embed_city")).status_code == 200
