"""Practices: suggestions and review, edits with stale-edit protection, search and filters, scoping."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from library.models import EquityArea, Practice
from library.selectors import PracticeFilters, practice_browse_for_user, practice_list_for_user
from library.services.practices import practice_create, practice_review, practice_update
from tests.library.factories import PracticeFactory

pytestmark = pytest.mark.django_db

FORM = {
    "title": "Fair chance hiring",
    "summary": "No criminal history question on applications.",
    "kind": "policy",
    "jurisdiction": "other",
    "jurisdiction_name": "State of Minnesota",
    "source_url": "https://mn.gov/example",
    "evidence": "",
    "status": "adopted",
    "tags": "hiring, Hiring , records",
}


def test_staff_suggestion_awaits_review_and_is_hidden_from_others(client, personas):
    client.force_login(personas.staff)
    response = client.post(
        reverse("library:practice_create"), {**FORM, "equity_areas": [EquityArea.objects.get(code="jobs").pk]}
    )
    assert response.status_code == 302
    practice = Practice.objects.get()
    assert practice.review_state == Practice.Review.SUGGESTED
    assert practice.status == Practice.Status.PROPOSED  # staff cannot mark it adopted
    assert practice.suggested_by == personas.staff
    assert practice.tags == "hiring, records"
    assert practice not in practice_list_for_user(user=personas.other_staff)
    assert practice in practice_list_for_user(user=personas.equity)
    assert not practice_browse_for_user(user=personas.equity, filters=PracticeFilters()).exists()


def test_equity_team_adds_published_practices_directly(personas):
    practice = practice_create(author=personas.equity, data=FORM, equity_areas=[], departments=[personas.dept])
    assert practice.review_state == Practice.Review.PUBLISHED and practice.status == "adopted"
    assert list(practice.departments.all()) == [personas.dept]
    assert practice.history.earliest("history_date").history_user == personas.equity


def test_review_publishes_or_declines_with_a_note(personas):
    one = practice_create(author=personas.staff, data=FORM, equity_areas=[], departments=[])
    two = practice_create(author=personas.staff, data={**FORM, "title": "Other"}, equity_areas=[], departments=[])
    practice_review(author=personas.equity, practice=one, publish=True)
    one.refresh_from_db()
    assert one.review_state == "published" and one.reviewed_by == personas.equity
    assert one in practice_browse_for_user(user=personas.other_staff, filters=PracticeFilters())
    with pytest.raises(ValidationError, match="Say why"):
        practice_review(author=personas.equity, practice=two, publish=False, note=" ")
    practice_review(author=personas.equity, practice=two, publish=False, note="Already covered by another entry.")
    two.refresh_from_db()
    assert two.review_state == "declined"
    with pytest.raises(ValidationError, match="already been reviewed"):
        practice_review(author=personas.equity, practice=two, publish=True)


def test_review_page_requires_a_note_to_decline(client, personas):
    practice = practice_create(author=personas.staff, data=FORM, equity_areas=[], departments=[])
    client.force_login(personas.equity)
    response = client.post(reverse("library:practice_review", args=[practice.pk]), {"decision": "decline"})
    assert response.status_code == 200 and b"There is a problem" in response.content
    practice.refresh_from_db()
    assert practice.review_state == "suggested"


def test_practice_update_refuses_stale_edits(client, personas):
    practice = PracticeFactory(suggested_by=personas.equity)
    practice_update(
        author=personas.equity, practice=practice, version=1, data={"title": "New"}, equity_areas=[], departments=[]
    )
    with pytest.raises(ValidationError, match="since you opened this page"):
        practice_update(
            author=personas.equity,
            practice=practice,
            version=1,
            data={"title": "Lost"},
            equity_areas=[],
            departments=[],
        )
    client.force_login(personas.equity)
    response = client.post(reverse("library:practice_update", args=[practice.pk]), {**FORM, "version": "1"})
    assert response.status_code == 200 and b"since you opened this page" in response.content
    practice.refresh_from_db()
    assert practice.title == "New" and practice.version == 2


def test_practice_form_shows_field_errors(client, personas):
    client.force_login(personas.equity)
    response = client.post(
        reverse("library:practice_create"), {**FORM, "kind": "bogus", "source_url": "not a url", "title": ""}
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert set(errors) >= {"kind", "source_url", "title"}
    assert not Practice.objects.exists()


def test_filters_narrow_the_list(personas):
    housing = EquityArea.objects.get(code="housing")
    a = PracticeFactory(
        title="Inclusionary housing", kind="policy", equity_areas=[housing], departments=[personas.dept]
    )
    b = PracticeFactory(
        title="Tree canopy", kind="program", jurisdiction="other", jurisdiction_name="Seattle", status="proposed"
    )
    PracticeFactory(title="Declined one", review_state="declined")

    def titles(**kwargs):
        return {p.title for p in practice_browse_for_user(user=personas.staff, filters=PracticeFilters(**kwargs))}

    assert titles() == {a.title, b.title}
    assert titles(kind="policy") == {a.title}
    assert titles(area="housing") == {a.title}
    assert titles(department=personas.dept.pk) == {a.title}
    assert titles(jurisdiction="other") == {b.title}
    assert titles(status="proposed") == {b.title}


def test_search_finds_words_in_title_summary_and_tags(personas):
    PracticeFactory(
        title="Interpretation at meetings", summary="Spanish and Somali interpreters", tags="language access"
    )
    PracticeFactory(title="Budget equity tool", summary="Questions for every budget request", tags="budget")

    def titles(q):
        return [p.title for p in practice_browse_for_user(user=personas.staff, filters=PracticeFilters(q=q))]

    assert titles("interpreters") == ["Interpretation at meetings"]
    assert titles("budget") == ["Budget equity tool"]
    assert titles("language") == ["Interpretation at meetings"]
    assert titles("nothing-matches-this") == []


@pytest.mark.needs_postgres
def test_search_on_postgres_stems_and_ranks(personas):
    PracticeFactory(title="Meeting interpretation", summary="We interpret meetings.")
    PracticeFactory(title="Street trees", summary="A program that also mentions meetings once.")
    found = [p.title for p in practice_browse_for_user(user=personas.staff, filters=PracticeFilters(q="meeting"))]
    assert found == ["Meeting interpretation", "Street trees"]  # stemmed match, title ranked first


def test_list_page_ignores_bad_filters_and_pages(client, personas):
    PracticeFactory(title="Visible")
    client.force_login(personas.staff)
    response = client.get(reverse("library:practice_list") + "?kind=zzz&department=abc&page=999&area=<script>")
    assert response.status_code == 200 and b"Visible" in response.content


def test_history_page_lists_changes(client, personas):
    practice = PracticeFactory(suggested_by=personas.equity)
    practice_update(
        author=personas.equity, practice=practice, version=1, data={"title": "Renamed"}, equity_areas=[], departments=[]
    )
    client.force_login(personas.staff)
    content = client.get(reverse("library:practice_history", args=[practice.pk])).content.decode()
    assert "Renamed" in content and personas.equity.display_name in content
