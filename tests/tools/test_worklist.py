"""What waits for whom: "Returned to you with comments" for the team, "Waiting for your review" for reviewers."""

import pytest
from django.urls import reverse

from tests.queries import assert_constant_queries
from tests.tools.factories import AssessmentFactory
from tools.models import Assessment
from tools.services.lifecycle import assessment_return, assessment_submit

pytestmark = pytest.mark.django_db

RETURNED = "Returned to you with comments"


@pytest.fixture
def returned(personas, in_review):
    assessment_return(assessment=in_review, author=personas.manager, comments="Add the 2024 engagement log.")
    in_review.refresh_from_db()
    return in_review


def test_returned_draft_shows_as_returned_to_the_team(client, personas, returned):
    client.force_login(personas.staff)
    for url in (reverse("dashboard"), reverse("tools:assessment_list") + "?scope=mine"):
        page = client.get(url).content.decode()
        assert RETURNED in page, url
    detail = client.get(reverse("tools:assessment_detail", args=[returned.pk])).content.decode()
    assert RETURNED in detail and "Add the 2024 engagement log." in detail


def test_manager_sees_returned_without_to_you(client, personas, returned):
    client.force_login(personas.manager)
    page = client.get(reverse("tools:assessment_list") + "?scope=all").content.decode()
    assert "Returned with comments" in page and RETURNED not in page


def test_resubmitting_ends_returned_and_reviewer_sees_waiting(client, personas, returned):
    assessment_submit(assessment=returned, author=personas.staff)
    client.force_login(personas.staff)
    page = client.get(reverse("tools:assessment_list") + "?scope=mine").content.decode()
    assert RETURNED not in page and "In review" in page
    client.force_login(personas.manager)
    page = client.get(reverse("tools:assessment_list") + "?scope=all").content.decode()
    assert "Waiting for your review" in page
    client.force_login(personas.other_manager)
    page = client.get(reverse("tools:assessment_list") + "?scope=all").content.decode()
    assert "Waiting for your review" not in page


def test_plain_draft_is_just_draft(client, personas, draft):
    client.force_login(personas.staff)
    page = client.get(reverse("tools:assessment_list") + "?scope=mine").content.decode()
    assert "Draft" in page and RETURNED not in page


@pytest.mark.parametrize("url_name", ["tools:assessment_list", "dashboard"])
def test_worklist_statuses_keep_query_count(client, personas, returned, url_name):
    def grow():
        for _n in range(6):
            a = AssessmentFactory(department=personas.dept, lead=personas.staff, team=[personas.staff])
            a.status = Assessment.Status.IN_REVIEW
            a.save()
            assessment_return(assessment=a, author=personas.manager, comments="More data, please.")

    client.force_login(personas.staff)
    assert_constant_queries(client, reverse(url_name), grow, budget=30)
