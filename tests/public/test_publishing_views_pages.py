"""The publishing pages after publishing: unpublish (confirm, post, stale), a publication's versions and history,
the navigation entry and dashboard panel, and a fixed number of queries per page at two sizes."""

from __future__ import annotations

import pytest
from django.urls import reverse

from public.models import Publication
from public.selectors import published
from public.services import publish, unpublish
from tests.factories import DepartmentFactory
from tests.library.factories import PracticeFactory, published_narrative
from tests.plans.factories import ActionFactory, IndicatorFactory, PlanFactory
from tests.queries import assert_constant_queries

pytestmark = pytest.mark.django_db

MANAGE_BUDGET = 30
PUBLISH_BUDGET = 40


def _plan(personas, title: str = "Housing equity plan"):
    plan = PlanFactory(title=title, departments=[personas.dept])
    ActionFactory(plan=plan, lead_department=personas.dept, accountable=personas.staff)
    return plan


def _published(personas):
    return publish(author=personas.equity, record=_plan(personas), slug="housing", note="Adopted").publication


def test_unpublish_asks_first_then_takes_it_off_at_once(client, personas):
    publication = _published(personas)
    client.force_login(personas.equity)
    url = reverse("public:unpublish", args=[publication.pk])
    page = client.get(url)
    assert page.status_code == 200 and "Unpublish now" in page.content.decode()
    assert "/public/plans/housing/" in page.content.decode()
    publication.refresh_from_db()
    assert publication.is_published  # the confirmation page changes nothing
    response = client.post(url, {"version": str(publication.version)})
    assert response.status_code == 302 and response["Location"] == reverse("public:publication", args=[publication.pk])
    assert not published().exists()
    history = publication.history.order_by("-history_id").first()
    assert history.is_published is False and history.history_user == personas.equity
    again = client.get(url).content.decode()
    assert "Unpublish now" not in again and "It is not on the public site." in again


def test_a_stale_unpublish_is_refused_with_409(client, personas):
    publication = _published(personas)
    opened = publication.version
    publish(author=personas.equity, record=_plan_of(publication), version=opened, note="Newer")
    client.force_login(personas.equity)
    response = client.post(reverse("public:unpublish", args=[publication.pk]), {"version": str(opened)})
    assert response.status_code == 409 and "There is a problem" in response.content.decode()
    publication.refresh_from_db()
    assert publication.is_published and publication.snapshots.count() == 2


def test_an_unpublish_post_without_its_version_is_refused(client, personas):
    publication = _published(personas)
    client.force_login(personas.equity)
    response = client.post(reverse("public:unpublish", args=[publication.pk]), {})
    assert response.status_code == 409
    assert Publication.objects.get().is_published


def test_an_unknown_publication_is_not_found(client, personas):
    client.force_login(personas.equity)
    for name in ("public:publication", "public:unpublish", "public:publication_history"):
        assert client.get(reverse(name, args=[4242])).status_code == 404
    assert client.post(reverse("public:unpublish", args=[4242]), {"version": "1"}).status_code == 404


def _plan_of(publication):
    from plans.models import Plan

    return Plan.objects.get(pk=publication.object_id)


def test_the_publication_page_lists_its_versions_with_their_public_addresses(client, personas):
    publication = _published(personas)
    publish(author=personas.equity, record=_plan_of(publication), version=publication.version, note="Quarter 2")
    client.force_login(personas.equity)
    body = client.get(reverse("public:publication", args=[publication.pk])).content.decode()
    assert 'href="/public/plans/housing/versions/1/"' in body and 'href="/public/plans/housing/versions/2/"' in body
    assert "Quarter 2" in body and "Adopted" in body and personas.equity.display_name in body
    assert "No PDF for this kind" in body or "Being built" in body or "Ready" in body
    unpublish(author=personas.equity, publication=Publication.objects.get())
    after = client.get(reverse("public:publication", args=[publication.pk])).content.decode()
    assert "/public/plans/housing/versions/1/" not in after and "Unpublished" in after


def test_the_history_names_who_published_and_unpublished(client, personas):
    publication = _published(personas)
    unpublish(author=personas.equity, publication=publication)
    client.force_login(personas.equity)
    body = client.get(reverse("public:publication_history", args=[publication.pk])).content.decode()
    assert "Published snapshot 1" in body and "Unpublished" in body
    assert body.count(personas.equity.display_name) >= 2


def test_the_nav_entry_and_dashboard_panel_are_the_equity_teams(client, personas):
    _published(personas)
    client.force_login(personas.equity)
    body = client.get(reverse("dashboard")).content.decode()
    assert f'href="{reverse("public:manage")}"' in body and "Public site" in body
    assert "1 plan, 0 indicators, 0 narratives, 0 practices" in body and "last published" in body
    client.force_login(personas.manager)
    body = client.get(reverse("dashboard")).content.decode()
    assert reverse("public:manage") not in body and "Public site" not in body


def _grow_everything(personas, n: int, start: int):
    for i in range(start, start + n):
        plan = _plan(personas, title=f"Plan {i:03d}")
        indicator = IndicatorFactory(name=f"Indicator {i:03d}")
        practice = PracticeFactory(title=f"Practice {i:03d}")
        if i % 2:
            publish(author=personas.equity, record=plan)
            publish(author=personas.equity, record=indicator)
            publish(author=personas.equity, record=practice)
    for i in range(start, start + min(n, 3)):
        department = DepartmentFactory(name=f"Department {i:03d}", code=f"D{i:03d}")
        narrative = published_narrative(user=personas.equity, department=department, title=f"Narrative {i}")
        publish(author=personas.equity, record=narrative)


def test_the_manage_page_runs_a_fixed_number_of_queries(client, personas):
    published_narrative(user=personas.equity)
    _grow_everything(personas, 1, 0)
    client.force_login(personas.equity)
    url = reverse("public:manage")
    count = assert_constant_queries(client, url, lambda: _grow_everything(personas, 30, 1), MANAGE_BUDGET)
    body = client.get(url + "?plan_page=2&practice_page=2").content.decode()
    assert "Page 2 of 4" in body and "Page 2 of 2" in body  # 62 plans (each indicator brings one), 31 practices
    assert "?plan_page=1&amp;practice_page=2#plan" in body  # each list keeps the others' page
    assert count <= MANAGE_BUDGET


def test_the_review_step_runs_a_fixed_number_of_queries(client, personas):
    plan = _plan(personas)
    client.force_login(personas.equity)
    url = reverse("public:publish", args=["plan", plan.pk])

    def grow():
        for i in range(30):
            ActionFactory(plan=plan, lead_department=personas.dept, accountable=personas.manager, title=f"More {i}")

    assert_constant_queries(client, url, grow, PUBLISH_BUDGET)


def test_the_publication_page_runs_a_fixed_number_of_queries(client, personas):
    publication = _published(personas)
    client.force_login(personas.equity)
    url = reverse("public:publication", args=[publication.pk])

    def grow():
        for _ in range(10):
            current = Publication.objects.get(pk=publication.pk)
            publish(author=personas.equity, record=_plan_of(current), version=current.version)

    assert_constant_queries(client, url, grow, 20)
