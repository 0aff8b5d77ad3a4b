"""The published PDF progress report: built when a plan is published, from the snapshot only, served per version;
404 while it is not ready or the plan is not published."""

from __future__ import annotations

import io

import pytest
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from plans.models import Action, ActionStatus
from public.models import Snapshot
from public.pdf import snapshot_pdf_build
from public.services import publish, unpublish
from tests.public.embeds_world import ACCOUNTABLE, PLAN_TITLE, build_world, committed

Status = Snapshot.PdfStatus


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


@pytest.fixture
def world(personas, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return build_world(personas.equity)


def _get(slug: str, number: int | None = None):
    if number is None:
        return Client().get(reverse("public:plan_pdf", kwargs={"slug": slug}))
    return Client().get(reverse("public:plan_version_pdf", kwargs={"slug": slug, "number": number}))


def test_publishing_a_plan_builds_its_pdf_from_the_snapshot(world):
    snapshot = world.plan_pub.current
    snapshot.refresh_from_db()
    assert snapshot.pdf_status == Status.READY and snapshot.pdf.name.endswith(".pdf")
    response = _get(world.plan_pub.slug)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert f'filename="{world.plan_pub.slug}-1.pdf"' in response["Content-Disposition"]
    assert not response.cookies
    text = pdf_text(b"".join(response.streaming_content))
    for expected in (PLAN_TITLE, "Completed", "At risk", "In progress", "Homes for every family", "Housing action 0"):
        assert expected in text, expected
    assert "Everyone has a safe home." in text and "As of" in text
    for name in ACCOUNTABLE:
        assert name not in text


def test_the_pdf_shows_the_snapshot_not_the_live_plan(world, personas):
    Action.objects.filter(plan=world.plan).update(status=ActionStatus.DEFERRED, title="Renamed after publishing")
    text = pdf_text(b"".join(_get(world.plan_pub.slug).streaming_content))
    assert "Renamed after publishing" not in text and "Deferred 3 100%" not in text
    second = committed(publish, author=personas.equity, record=world.plan, version=world.plan_pub.version)
    assert second.number == 2
    new = pdf_text(b"".join(_get(world.plan_pub.slug).streaming_content))
    assert "Renamed after publishing" in new and "Deferred 3 100%" in new
    old = pdf_text(b"".join(_get(world.plan_pub.slug, 1).streaming_content))
    assert "Renamed after publishing" not in old
    assert _get(world.plan_pub.slug, 2).status_code == 200
    assert _get(world.plan_pub.slug, 3).status_code == 404


def test_names_are_in_the_pdf_only_when_the_publication_shows_people(world, personas):
    committed(publish, author=personas.equity, record=world.plan, version=world.plan_pub.version, show_people=True)
    text = pdf_text(b"".join(_get(world.plan_pub.slug).streaming_content))
    assert ACCOUNTABLE[0] in text


@pytest.mark.parametrize("status", [Status.BUILDING, Status.FAILED, Status.NONE])
def test_a_pdf_not_ready_is_404(world, status):
    Snapshot.objects.filter(pk=world.plan_pub.current_id).update(pdf_status=status)
    assert _get(world.plan_pub.slug).status_code == 404
    assert _get(world.plan_pub.slug, 1).status_code == 404


def test_unpublished_unknown_and_removed_files_are_404(world, personas):
    snapshot = Snapshot.objects.get(pk=world.plan_pub.current_id)
    assert _get("no-such-plan").status_code == 404
    assert Client().get(f"/public/indicators/{world.indicator_pub.slug}/report.pdf").status_code == 404
    snapshot.pdf.storage.delete(snapshot.pdf.name)
    assert _get(world.plan_pub.slug).status_code == 404
    snapshot_pdf_build(snapshot_id=snapshot.pk)  # built again under the same name
    assert _get(world.plan_pub.slug).status_code == 200
    committed(unpublish, author=personas.equity, publication=world.plan_pub)
    assert _get(world.plan_pub.slug).status_code == 404
    assert _get(world.plan_pub.slug, 1).status_code == 404


def test_only_plans_get_a_pdf(world):
    assert Snapshot.objects.get(pk=world.indicator_pub.current_id).pdf_status == Status.NONE
    assert snapshot_pdf_build(snapshot_id=world.indicator_pub.current_id) == Status.NONE


def test_a_build_that_fails_is_marked_failed_and_publishing_still_succeeds(world, personas, monkeypatch):
    def broken(**kwargs):
        raise OSError("disk full")

    monkeypatch.setattr("reports.render.report_pdf_write", broken)
    snapshot = committed(publish, author=personas.equity, record=world.plan, version=world.plan_pub.version)
    snapshot.refresh_from_db()
    assert snapshot.pdf_status == Status.FAILED and not snapshot.pdf
    assert snapshot.publication.current == snapshot
    assert _get(world.plan_pub.slug).status_code == 404


def test_an_unreachable_broker_leaves_the_pdf_building(world, personas, monkeypatch):
    monkeypatch.setattr("public.pdf.task_send_bounded", lambda *a, **k: False)
    snapshot = committed(publish, author=personas.equity, record=world.plan, version=world.plan_pub.version)
    snapshot.refresh_from_db()
    assert snapshot.pdf_status == Status.BUILDING
    assert _get(world.plan_pub.slug).status_code == 404


def test_the_pdf_is_not_kept_in_the_page_cache_and_answers_head(world, django_assert_max_num_queries):
    _get(world.plan_pub.slug)
    with django_assert_max_num_queries(2):
        response = Client().head(reverse("public:plan_pdf", kwargs={"slug": world.plan_pub.slug}))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert Client().post(reverse("public:plan_pdf", kwargs={"slug": world.plan_pub.slug})).status_code == 405
