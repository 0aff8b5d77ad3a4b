"""Worksheet notifications with the personas: added to the team (or made lead), submitted for review, returned with
comments, approved. Right recipients, never the actor, nobody who cannot see the worksheet, once per change."""

import pytest
from django.urls import reverse

from equity.models import Notification
from equity.notifications.services import notify
from tests.tools.conftest import answer_all_required
from tests.tools.factories import AssessmentFactory, short_template
from tools.models import Assessment
from tools.notices import (
    APPROVED,
    RETURNED,
    SUBMITTED,
    TEAM_ADDED,
    worksheet_team_added_notify,
    worksheet_transition_notify,
)
from tools.services.assessments import assessment_create, assessment_update
from tools.services.lifecycle import assessment_approve, assessment_return, assessment_submit

pytestmark = pytest.mark.django_db


def received(kind: str) -> dict[str, list[Notification]]:
    """The notifications of one kind, by recipient's username."""
    found: dict[str, list[Notification]] = {}
    for n in Notification.objects.filter(kind=kind).select_related("recipient").order_by("pk"):
        found.setdefault(n.recipient.username, []).append(n)
    return found


def assert_link_opens(client, user, notification: Notification, assessment: Assessment) -> None:
    assert notification.url == reverse("tools:assessment_detail", args=[assessment.pk])
    client.force_login(user)
    assert client.get(notification.url).status_code == 200


def test_creating_a_worksheet_tells_the_team_members_and_lead_it_added_but_not_its_author(client, personas):
    assessment = assessment_create(
        author=personas.staff,
        template=short_template(),
        team=[personas.facilitator],
        title="Snow plow routes",
        decision_type=Assessment.DecisionType.POLICY,
        department=personas.dept,
        lead=personas.manager,
    )
    got = received(TEAM_ADDED)
    assert sorted(got) == ["facilitator", "manager"]
    assert [n.title for n in got["facilitator"]] == ["You were added to the worksheet's team: Snow plow routes"]
    assert [n.title for n in got["manager"]] == ["You now lead the worksheet: Snow plow routes"]
    assert got["facilitator"][0].actor == personas.staff
    assert_link_opens(client, personas.facilitator, got["facilitator"][0], assessment)


def test_a_team_change_tells_only_the_people_added_once(client, personas, draft):
    assessment_update(assessment=draft, author=personas.staff, team=[personas.staff, personas.facilitator])
    assessment_update(assessment=draft, author=personas.staff, team=[personas.staff, personas.facilitator])
    got = received(TEAM_ADDED)
    assert sorted(got) == ["facilitator"] and len(got["facilitator"]) == 1
    assert_link_opens(client, personas.facilitator, got["facilitator"][0], draft)


def test_a_new_lead_hears_that_they_lead_it_and_the_changer_does_not(personas, draft):
    assessment_update(assessment=draft, author=personas.manager, lead=personas.facilitator)
    got = received(TEAM_ADDED)
    assert sorted(got) == ["facilitator"]
    assert got["facilitator"][0].title == "You now lead the worksheet: Sidewalk snow removal policy"
    assessment_update(assessment=draft, author=personas.manager, lead=personas.manager)  # the changer themselves
    assert sorted(received(TEAM_ADDED)) == ["facilitator"]


def test_team_added_raised_twice_for_the_same_save_adds_nothing(personas, draft):
    draft.team.add(personas.facilitator)
    args = {"assessment": draft, "added_ids": [personas.facilitator.pk], "new_lead_id": None, "author": personas.staff}
    assert worksheet_team_added_notify(**args) == 1
    assert worksheet_team_added_notify(**args) == 0
    assert Notification.objects.filter(kind=TEAM_ADDED).count() == 1


def test_submission_tells_whoever_may_review_it_not_the_submitter(client, personas, draft):
    answer_all_required(draft, personas.staff)
    transition = assessment_submit(assessment=draft, author=personas.staff)
    got = received(SUBMITTED)
    # The rule of assessments_to_review_for_user: the department's managers and the equity team.
    assert sorted(got) == ["equity", "manager"]
    assert got["manager"][0].title == "Worksheet submitted for your review: Sidewalk snow removal policy"
    assert "Sam Staff" in got["manager"][0].body
    assert worksheet_transition_notify(assessment=draft, transition=transition) == 0  # the same change again
    assert Notification.objects.filter(kind=SUBMITTED).count() == 2
    assert_link_opens(client, personas.manager, got["manager"][0], draft)
    assert_link_opens(client, personas.equity, got["equity"][0], draft)


def test_a_manager_who_submits_is_not_told_the_equity_team_is(personas, draft):
    answer_all_required(draft, personas.staff)
    assessment_submit(assessment=draft, author=personas.manager)
    assert sorted(received(SUBMITTED)) == ["equity"]


def test_return_tells_the_lead_and_team_with_the_comments(client, personas, in_review):
    in_review.team.add(personas.other_staff)  # another department's member: on the team, so they see it
    transition_note = "Add the 2024 engagement log. " * 40
    assessment_return(assessment=in_review, author=personas.manager, comments=transition_note)
    got = received(RETURNED)
    assert sorted(got) == ["other_staff", "staff"]
    notification = got["staff"][0]
    assert notification.title == "Worksheet returned to you: Youth jobs program"
    assert notification.body.startswith("Add the 2024 engagement log.")
    assert len(notification.body) <= 500 and notification.body.endswith("…")
    assert notification.actor == personas.manager
    assert_link_opens(client, personas.staff, notification, in_review)
    assert_link_opens(client, personas.other_staff, got["other_staff"][0], in_review)


def test_a_second_return_after_a_resubmission_is_a_new_event_the_same_one_is_not(personas, in_review):
    assessment_return(assessment=in_review, author=personas.manager, comments="First round.")
    assessment_submit(assessment=in_review, author=personas.staff)
    assessment_return(assessment=in_review, author=personas.equity, comments="Second round.")
    last = in_review.transitions.filter(action="returned").latest("pk")
    assert worksheet_transition_notify(assessment=in_review, transition=last) == 0
    assert [n.body for n in received(RETURNED)["staff"]] == ["First round.", "Second round."]


def test_the_reviewer_on_the_team_is_not_told_of_their_own_return(personas, in_review):
    in_review.team.add(personas.manager)
    assessment_return(assessment=in_review, author=personas.manager, comments="Please add data.")
    assert sorted(received(RETURNED)) == ["staff"]


def test_approval_tells_the_lead_and_team_not_the_approver(client, personas, in_review):
    in_review.team.add(personas.facilitator)
    assessment_approve(assessment=in_review, author=personas.equity, sign_off_note="Thorough work.")
    got = received(APPROVED)
    assert sorted(got) == ["facilitator", "staff"]
    assert got["staff"][0].title == "Worksheet approved: Youth jobs program"
    assert got["staff"][0].body == "Thorough work."
    last = in_review.transitions.get(action="approved")
    assert worksheet_transition_notify(assessment=in_review, transition=last) == 0
    assert_link_opens(client, personas.facilitator, got["facilitator"][0], in_review)


def test_nobody_hears_of_a_confidential_worksheet_they_cannot_see(personas):
    secret = AssessmentFactory(
        department=personas.dept,
        lead=personas.staff,
        team=[personas.staff],
        status=Assessment.Status.COMPLETED,
        confidential=True,
        title="Confidential settlement",
    )
    open_one = AssessmentFactory(
        department=personas.dept, lead=personas.staff, team=[personas.staff], status=Assessment.Status.COMPLETED
    )
    people = [personas.other_staff, personas.other_manager, personas.facilitator, personas.staff]
    for kind in (TEAM_ADDED, SUBMITTED, RETURNED, APPROVED):
        assert notify(kind=kind, recipients=people, target=secret, event_key="secret", title="t", url="/") == 1  # staff
        assert notify(kind=kind, recipients=people, target=open_one, event_key="open", title="t", url="/") == 4
    assert set(Notification.objects.filter(target_id=secret.pk).values_list("recipient__username", flat=True)) == {
        "staff"
    }


def test_a_confidential_worksheet_submitted_reaches_only_its_reviewers(personas):
    draft = AssessmentFactory(
        department=personas.dept, lead=personas.staff, team=[personas.staff], confidential=True, title="Quiet one"
    )
    answer_all_required(draft, personas.staff)
    assessment_submit(assessment=draft, author=personas.staff)
    assert sorted(received(SUBMITTED)) == ["equity", "manager"]
