"""Narratives: drafts, publishing and superseding, stale edits, comparison, and the editor pages."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from library.comparison import narrative_versions_diff
from library.models import NarrativeVersion
from library.selectors import narrative_published_for_city
from library.services.narratives import narrative_create, narrative_draft_save, narrative_version_publish
from tests.library.factories import draft_narrative, published_narrative, section

pytestmark = pytest.mark.django_db


def test_narrative_create_refuses_a_second_city_wide_narrative(personas):
    narrative_create(author=personas.equity, department=None, title="One")
    with pytest.raises(ValidationError, match="already exists"):
        narrative_create(author=personas.equity, department=None, title="Two")
    narrative_create(author=personas.equity, department=personas.dept, title="Department narrative")


def test_publish_supersedes_the_previous_version_and_keeps_it_readable(personas):
    narrative = published_narrative(user=personas.equity)
    first = narrative.versions.get(number=1)
    assert first.status == NarrativeVersion.Status.PUBLISHED and first.published_at is not None
    draft = narrative_draft_save(
        author=personas.equity,
        narrative=narrative,
        title="Second",
        sections=[section("New", "<p>b</p>")],
        revision=None,
    )
    assert draft.number == 2 and draft.status == NarrativeVersion.Status.DRAFT
    # Until the draft is published, staff still see version 1.
    assert narrative_published_for_city().pk == first.pk
    narrative_version_publish(author=personas.equity, version=draft)
    first.refresh_from_db()
    draft.refresh_from_db()
    assert first.status == NarrativeVersion.Status.SUPERSEDED
    assert first.published_at is not None  # its publication date is kept
    assert draft.status == NarrativeVersion.Status.PUBLISHED
    assert narrative_published_for_city().pk == draft.pk
    assert narrative.versions.filter(status="published").count() == 1
    assert first.history.count() >= 3  # created, published, superseded: audited


def test_publish_refuses_non_drafts_and_empty_drafts(personas):
    narrative = published_narrative(user=personas.equity)
    with pytest.raises(ValidationError, match="Only a draft"):
        narrative_version_publish(author=personas.equity, version=narrative.versions.get(number=1))
    empty = narrative_create(author=personas.equity, department=personas.dept, title="Empty")
    with pytest.raises(ValidationError, match="at least one section"):
        narrative_version_publish(author=personas.equity, version=empty.versions.get())


def test_draft_save_refuses_a_stale_revision(personas):
    narrative = draft_narrative(user=personas.equity)
    draft = narrative.versions.get()
    narrative_draft_save(
        author=personas.equity, narrative=narrative, title="A", sections=[section()], revision=draft.revision
    )
    with pytest.raises(ValidationError, match="changed this draft since you opened this page"):
        narrative_draft_save(
            author=personas.equity, narrative=narrative, title="B", sections=[section()], revision=draft.revision
        )
    assert narrative.versions.get().title == "A"


def test_draft_save_refuses_when_the_draft_was_published_meanwhile(personas):
    narrative = draft_narrative(user=personas.equity)
    draft = narrative.versions.get()
    narrative_version_publish(author=personas.equity, version=draft)
    with pytest.raises(ValidationError, match="published or replaced"):
        narrative_draft_save(
            author=personas.equity, narrative=narrative, title="B", sections=[section()], revision=draft.revision
        )


def test_diff_marks_added_and_removed_lines(personas):
    narrative = published_narrative(
        user=personas.equity, sections=[section("History", "<p>Initially explicit.</p><p>Then implicit.</p>")]
    )
    draft = narrative_draft_save(
        author=personas.equity,
        narrative=narrative,
        title="Our narrative",
        sections=[section("History", "<p>Initially explicit.</p><p>Government for racial equity.</p>")],
        revision=None,
    )
    diff = narrative_versions_diff(old=narrative.versions.get(number=1), new=draft)
    assert [(d.kind, d.text) for d in diff] == [
        ("equal", "Our narrative"),
        ("equal", "## History"),
        ("equal", "Initially explicit."),
        ("removed", "Then implicit."),
        ("added", "Government for racial equity."),
    ]


def test_editor_saves_a_draft_and_publishing_from_the_page(client, personas):
    narrative = published_narrative(user=personas.equity)
    client.force_login(personas.equity)
    url = reverse("library:narrative_edit", args=[narrative.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert page.context["form"]["revision"].value() is None  # starts from the published version
    data = {
        "title": "Version two",
        "revision": "",
        "sections-TOTAL_FORMS": "2",
        "sections-INITIAL_FORMS": "1",
        "sections-MIN_NUM_FORMS": "1",
        "sections-MAX_NUM_FORMS": "40",
        "sections-0-heading": "Why we lead with race",
        "sections-0-body": "<p>Updated <script>x()</script></p>",
        "sections-1-heading": "",
        "sections-1-body": "",
    }
    response = client.post(url, data)
    assert response.status_code == 302
    draft = narrative.versions.get(status="draft")
    assert draft.number == 2 and draft.sections.get().body == "<p>Updated </p>"
    publish = client.post(reverse("library:narrative_version_publish", args=[narrative.pk, 2]))
    assert publish.status_code == 302
    assert narrative_published_for_city().number == 2


def test_editor_shows_errors_and_changes_nothing(client, personas):
    narrative = published_narrative(user=personas.equity)
    client.force_login(personas.equity)
    data = {
        "title": "",
        "sections-TOTAL_FORMS": "1",
        "sections-INITIAL_FORMS": "0",
        "sections-MIN_NUM_FORMS": "1",
        "sections-MAX_NUM_FORMS": "40",
        "sections-0-heading": "",
        "sections-0-body": "<p>text without heading</p>",
    }
    response = client.post(reverse("library:narrative_edit", args=[narrative.pk]), data)
    assert response.status_code == 200
    assert b"There is a problem" in response.content
    assert not narrative.versions.filter(status="draft").exists()


def test_editor_refuses_a_tampered_management_form(client, personas):
    narrative = published_narrative(user=personas.equity)
    client.force_login(personas.equity)
    response = client.post(reverse("library:narrative_edit", args=[narrative.pk]), {"title": "x"})
    assert response.status_code == 200
    assert not narrative.versions.filter(status="draft").exists()


def test_compare_page_marks_changes_in_text(client, personas):
    narrative = published_narrative(user=personas.equity, sections=[section("A", "<p>old line</p>")])
    draft = narrative_draft_save(
        author=personas.equity,
        narrative=narrative,
        title="Our narrative",
        sections=[section("A", "<p>new line</p>")],
        revision=None,
    )
    narrative_version_publish(author=personas.equity, version=draft)
    client.force_login(personas.staff)
    content = client.get(reverse("library:narrative_compare", args=[narrative.pk]) + "?old=1&new=2").content.decode()
    assert "Removed:" in content and "<del>old line</del>" in content
    assert "Added:" in content and "<ins>new line</ins>" in content
    bad = client.get(reverse("library:narrative_compare", args=[narrative.pk]) + "?old=99&new=zz")
    assert bad.status_code == 200 and b"Choose two versions" in bad.content


def test_staff_do_not_see_drafts_in_versions_or_compare(client, personas):
    narrative = published_narrative(user=personas.equity)
    narrative_draft_save(
        author=personas.equity, narrative=narrative, title="Secret draft", sections=[section()], revision=None
    )
    client.force_login(personas.staff)
    detail = client.get(reverse("library:narrative_detail", args=[narrative.pk])).content.decode()
    assert "Secret draft" not in detail
    compare = client.get(reverse("library:narrative_compare", args=[narrative.pk]) + "?old=1&new=2")
    assert b"Secret draft" not in compare.content and b"Choose two versions" in compare.content


def test_dashboard_shows_the_published_narrative_to_staff(client, personas):
    published_narrative(user=personas.equity, title="Moving forward together", sections=[section("Why", "<p>Lead</p>")])
    client.force_login(personas.other_staff)
    content = client.get(reverse("dashboard")).content.decode()
    assert "Moving forward together" in content and "Our racial equity narrative" in content


def test_narrative_published_for_city_ignores_department_narratives(personas):
    assert narrative_published_for_city() is None
    published_narrative(user=personas.equity, department=personas.dept, title="Department")
    assert narrative_published_for_city() is None
    published_narrative(user=personas.equity, title="City")
    version = narrative_published_for_city()
    assert version.title == "City" and [s.heading for s in version.sections.all()] == ["Why we lead with race"]
