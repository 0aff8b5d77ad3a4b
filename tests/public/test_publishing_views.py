"""The equity team's publishing pages: who may open them, the review step's preview, and the publish posts (valid,
bad or duplicate address, stale version, tampered kind or record, a record that is not ready)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from plans.models import Plan
from public.models import Publication, Snapshot
from public.services import payload_digest, publish, snapshot_preview
from tests.library.factories import PracticeFactory, draft_narrative, published_narrative
from tests.plans.factories import ActionFactory, DataPointFactory, IndicatorFactory, PlanFactory, RacialGroupFactory

pytestmark = pytest.mark.django_db

PERSONAS_REFUSED = ("staff", "manager", "facilitator", "other_staff", "other_manager")


def _plan(personas, **kwargs):
    plan = PlanFactory(title="Housing equity plan", departments=[personas.dept], **kwargs)
    ActionFactory(
        plan=plan, title="Translate the rental guide", lead_department=personas.dept, accountable=personas.staff
    )
    return plan


def _publish_url(kind: str, object_id: int) -> str:
    return reverse("public:publish", args=[kind, object_id])


def _reviewed(personas, record) -> str:
    """The fingerprint of the preview the review step shows (without names), as its form carries it."""
    return payload_digest(snapshot_preview(author=personas.equity, record=record))


def _post(client, plan: Plan, **data):
    body = {"slug": "housing", "note": "First version", "version": "0", "reviewed": _reviewed_of(plan), **data}
    return client.post(_publish_url("plan", plan.pk), body)


def _reviewed_of(plan: Plan) -> str:
    from equity.models import User

    return payload_digest(snapshot_preview(author=User.objects.get(username="equity"), record=plan))


@pytest.mark.parametrize("persona", PERSONAS_REFUSED)
def test_only_the_equity_team_opens_the_publishing_pages(client, personas, persona):
    plan = _plan(personas)
    publication = publish(author=personas.equity, record=plan).publication
    client.force_login(getattr(personas, persona))
    urls = [
        reverse("public:manage"),
        _publish_url("plan", plan.pk),
        reverse("public:publication", args=[publication.pk]),
        reverse("public:unpublish", args=[publication.pk]),
        reverse("public:publication_history", args=[publication.pk]),
    ]
    assert [client.get(url).status_code for url in urls] == [403] * 5
    assert _post(client, plan, version=str(publication.version)).status_code == 403
    assert client.post(reverse("public:unpublish", args=[publication.pk]), {"version": "1"}).status_code == 403
    publication.refresh_from_db()
    assert publication.is_published and publication.snapshots.count() == 1


def test_anonymous_is_sent_to_the_login_page(client, personas):
    response = client.get(reverse("public:manage"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_the_manage_page_lists_every_kind_with_its_state(client, personas):
    plan = _plan(personas)
    PlanFactory(title="A draft plan", status=Plan.Status.DRAFT)
    indicator = IndicatorFactory(name="Renters cost-burdened")
    published_narrative(user=personas.equity, title="Why we lead with race")
    draft_narrative(user=personas.equity, department=personas.dept, title="A draft narrative")
    PracticeFactory(title="Interpretation at meetings")
    PracticeFactory(title="A suggestion", review_state="suggested")
    snapshot = publish(author=personas.equity, record=plan, note="Q1")
    client.force_login(personas.equity)
    body = client.get(reverse("public:manage")).content.decode()
    assert "Housing equity plan" in body and "A draft plan" not in body
    assert indicator.name in body and "Interpretation at meetings" in body and "A suggestion" not in body
    assert "City-wide racial equity narrative" in body and "Racial equity narrative of Community" not in body
    assert f'href="/public/plans/{snapshot.publication.slug}/"' in body
    assert "Publish again" in body and "Unpublish" in body and "Version 1" in body
    assert personas.equity.display_name in body


def test_the_review_step_previews_the_payload_and_hides_names(client, personas):
    plan = _plan(personas)
    client.force_login(personas.equity)
    response = client.get(_publish_url("plan", plan.pk))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Translate the rental guide" in body and "Community Development" in body
    assert "Accountable persons&#x27; names: hidden" in body
    assert "Internal notes, barriers, costs, worksheets: never published" in body
    assert personas.staff.display_name not in body
    assert 'name="version" value="0"' in body and 'value="housing-equity-plan"' in body
    with_names = client.get(_publish_url("plan", plan.pk) + "?names=1").content.decode()
    assert personas.staff.display_name in with_names
    assert not Publication.objects.exists() and not Snapshot.objects.exists()


def test_the_review_of_an_indicator_counts_its_suppressed_values(client, personas):
    indicator = IndicatorFactory(name="Trust in the city")
    small, large = RacialGroupFactory(name="Small group"), RacialGroupFactory(name="Large group")
    DataPointFactory(indicator=indicator, group=small, people=6)
    DataPointFactory(indicator=indicator, group=large, people=600, value="62.5")
    client.force_login(personas.equity)
    body = client.get(_publish_url("indicator", indicator.pk)).content.decode()
    assert "1 value is suppressed (fewer than 10 people)" in body
    assert "Suppressed: fewer than 10 people" in body and "62.5" in body
    assert "Show accountable persons" not in body


def test_publishing_takes_a_snapshot_and_audits_it(client, personas):
    plan = _plan(personas)
    client.force_login(personas.equity)
    response = _post(client, plan, show_people="on")
    publication = Publication.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("public:publication", args=[publication.pk])
    assert (publication.slug, publication.is_published, publication.show_people) == ("housing", True, True)
    assert publication.current.note == "First version" and publication.current.published_by == personas.equity
    assert publication.history.latest().history_user == personas.equity
    again = _post(client, plan, slug="housing", version=str(publication.version), note="Second")
    assert again.status_code == 302
    assert list(publication.snapshots.values_list("number", flat=True).order_by("number")) == [1, 2]


@pytest.mark.parametrize(
    ("slug", "message"),
    [
        ("Housing Plan", "lower-case letters"),
        ("-housing", "lower-case letters"),
        ("a" * 81, "at most 80"),
    ],
)
def test_a_bad_web_address_is_refused_with_the_error_summary(client, personas, slug, message):
    plan = _plan(personas)
    client.force_login(personas.equity)
    response = _post(client, plan, slug=slug)
    body = response.content.decode()
    assert response.status_code == 400 and "There is a problem" in body and message in body
    assert 'href="#id_slug"' in body
    assert not Publication.objects.exists()


def test_a_note_longer_than_500_characters_is_refused(client, personas):
    plan = _plan(personas)
    client.force_login(personas.equity)
    response = _post(client, plan, note="x" * 501)
    assert response.status_code == 400 and "at most 500" in response.content.decode()
    assert not Publication.objects.exists()


def test_a_web_address_another_plan_has_is_refused(client, personas):
    other = PlanFactory(title="Other plan")
    publish(author=personas.equity, record=other, slug="housing")
    plan = _plan(personas)
    client.force_login(personas.equity)
    response = _post(client, plan, slug="housing")
    assert response.status_code == 400 and "already has this web address" in response.content.decode()
    assert Publication.objects.count() == 1 and Snapshot.objects.count() == 1


def test_a_stale_publish_is_refused_with_409_and_nothing_changes(client, personas):
    plan = _plan(personas)
    first = publish(author=personas.equity, record=plan, slug="housing")
    opened = first.publication.version
    publish(author=personas.equity, record=plan, version=opened, note="A colleague's")
    client.force_login(personas.equity)
    response = _post(client, plan, version=str(opened), slug="renamed", note="Mine")
    body = response.content.decode()
    assert response.status_code == 409 and "There is a problem" in body and "not saved" in body
    publication = Publication.objects.get()
    assert publication.slug == "housing" and publication.snapshots.count() == 2
    assert publication.current.note == "A colleague's"


def test_a_first_publish_page_opened_before_a_colleague_published_is_stale(client, personas):
    plan = _plan(personas)
    publish(author=personas.equity, record=plan, slug="housing")
    client.force_login(personas.equity)
    response = _post(client, plan, version="0", slug="mine")
    assert response.status_code == 409
    assert Publication.objects.get().slug == "housing" and Snapshot.objects.count() == 1


def test_a_record_changed_since_its_review_is_refused_with_409(client, personas):
    plan = _plan(personas)
    reviewed = _reviewed(personas, plan)
    ActionFactory(plan=plan, title="Added after the review", lead_department=personas.dept)
    client.force_login(personas.equity)
    response = _post(client, plan, reviewed=reviewed)
    body = response.content.decode()
    assert response.status_code == 409 and "changed since you reviewed it" in body
    assert "Added after the review" in body and not Publication.objects.exists()
    assert f'value="{_reviewed(personas, plan)}"' in body  # the page now carries the preview it shows
    assert _post(client, plan, reviewed="").status_code == 409  # a post that says nothing of its review
    assert _post(client, plan).status_code == 302


def test_ticking_names_after_the_review_publishes_them(client, personas):
    plan = _plan(personas)
    client.force_login(personas.equity)
    assert _post(client, plan, show_people="on").status_code == 302
    assert Publication.objects.get().current.payload["actions"][0]["accountable"] == personas.staff.display_name


def test_a_post_without_its_version_is_refused(client, personas):
    plan = _plan(personas)
    client.force_login(personas.equity)
    response = client.post(_publish_url("plan", plan.pk), {"slug": "housing"})
    assert response.status_code == 409 and "did not say which version" in response.content.decode()
    assert not Publication.objects.exists()


@pytest.mark.parametrize("kind", ["plans", "user", "PLAN", "indicator", "narrative", "practice"])
def test_a_tampered_kind_or_record_is_not_found(client, personas, kind):
    plan = _plan(personas)
    client.force_login(personas.equity)
    assert client.post(_publish_url(kind, plan.pk + 1000), {"version": "0"}).status_code == 404
    assert client.get(_publish_url(kind, plan.pk + 1000)).status_code == 404
    assert not Publication.objects.exists()


def test_records_that_are_not_ready_show_why_without_a_form(client, personas):
    draft = PlanFactory(title="Draft", status=Plan.Status.DRAFT)
    narrative = draft_narrative(user=personas.equity)
    practice = PracticeFactory(review_state="suggested")
    client.force_login(personas.equity)
    for kind, record, reason in [
        ("plan", draft, "draft plan cannot be published"),
        ("narrative", narrative, "Publish a version of the narrative"),
        ("practice", practice, "Only a reviewed practice"),
    ]:
        response = client.get(_publish_url(kind, record.pk))
        body = response.content.decode()
        assert response.status_code == 200 and reason in body and 'name="slug"' not in body
        posted = client.post(_publish_url(kind, record.pk), {"version": "0", "slug": "x"})
        assert posted.status_code == 409 and reason in posted.content.decode()
    assert not Publication.objects.exists()


def test_narratives_and_practices_publish_through_the_page(client, personas):
    narrative = published_narrative(user=personas.equity, title="Why we lead with race")
    practice = PracticeFactory(title="Interpretation at meetings")
    client.force_login(personas.equity)
    preview = client.get(_publish_url("narrative", narrative.pk)).content.decode()
    assert "Race predicts outcomes." in preview
    for kind, record in (("narrative", narrative), ("practice", practice)):
        data = {"version": "0", "slug": "", "reviewed": _reviewed(personas, record)}
        assert client.post(_publish_url(kind, record.pk), data).status_code == 302
    slugs = dict(Publication.objects.values_list("kind", "slug"))
    assert slugs == {"narrative": "city-wide-racial-equity-narrative", "practice": "interpretation-at-meetings"}
