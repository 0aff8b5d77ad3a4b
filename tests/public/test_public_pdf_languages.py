"""The published PDF in every portal language (ADR 0061): one file per language made at publish time, the page
linking the visitor's, /Lang right in each; a language whose file is missing is served in the default language."""

from __future__ import annotations

import io

import pytest
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from public.models import Snapshot
from public.pdf import snapshot_pdf_build, snapshot_pdf_path
from tests.public.embeds_world import PLAN_TITLE, build_world

pytestmark = pytest.mark.django_db
NBSP = "\u00a0"


@pytest.fixture
def world(personas, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return build_world(personas.equity)


def _pdf(response) -> PdfReader:
    return PdfReader(io.BytesIO(b"".join(response.streaming_content)))


def test_publishing_builds_one_pdf_per_language_each_tagged_with_its_language(world):
    snapshot = Snapshot.objects.get(pk=world.plan_pub.current_id)
    url = reverse("public:plan_pdf", kwargs={"slug": world.plan_pub.slug})
    for language in ("en", "es", "so", "hmn"):
        assert snapshot_pdf_path(snapshot=snapshot, language=language).exists(), language
        response = Client().get(url, {"language": language})
        assert response.status_code == 200 and response["Content-Language"] == language
        reader = _pdf(response)
        assert str(reader.trailer["/Root"]["/Lang"]) == language
        assert PLAN_TITLE in "\n".join(page.extract_text() for page in reader.pages)
    spanish = Client().get(url, {"language": "es"})
    assert f'filename="{world.plan_pub.slug}-1-es.pdf"' in spanish["Content-Disposition"]
    text = "\n".join(page.extract_text() for page in _pdf(spanish).pages)
    assert f"{NBSP}%" in text or " %" in text  # Spanish percentages: "100 %"


def test_the_visitors_language_chooses_the_pdf_and_the_page_links_it(world):
    url = reverse("public:plan_pdf", kwargs={"slug": world.plan_pub.slug})
    response = Client(HTTP_ACCEPT_LANGUAGE="so").get(url)
    assert response["Content-Language"] == "so"
    page = Client(HTTP_ACCEPT_LANGUAGE="es").get(reverse("public:plan", kwargs={"slug": world.plan_pub.slug}))
    assert f"{url}?language=es" in page.content.decode()
    assert Client().get(url, {"language": "xx"})["Content-Language"] == "en"  # unknown: the visitor's


def test_a_language_whose_file_is_missing_is_served_in_the_default_language_and_rebuilt(world):
    snapshot = Snapshot.objects.get(pk=world.plan_pub.current_id)
    snapshot_pdf_path(snapshot=snapshot, language="hmn").unlink()
    url = reverse("public:plan_version_pdf", kwargs={"slug": world.plan_pub.slug, "number": snapshot.number})
    response = Client().get(url, {"language": "hmn"})
    assert response.status_code == 200 and response["Content-Language"] == "en"
    assert snapshot_pdf_build(snapshot_id=snapshot.pk) == Snapshot.PdfStatus.READY  # builds only what is missing
    assert snapshot_pdf_path(snapshot=snapshot, language="hmn").exists()
