"""Following an action: the Follow/Unfollow button on its page, for everyone who can see it (a 404 otherwise)."""

import pytest
from django.urls import reverse

from plans.models import ActionFollow, Plan
from tests.plans.factories import ActionFactory, PlanFactory

pytestmark = pytest.mark.django_db

PERSONAS = ["staff", "manager", "facilitator", "equity", "other_staff", "other_manager"]


@pytest.mark.parametrize("persona", PERSONAS)
def test_everyone_who_sees_an_action_may_follow_and_unfollow_it(client, personas, world, persona):
    user = personas.get(persona)
    client.force_login(user)
    detail = reverse("plans:action_detail", args=[world.action.pk])
    follow = reverse("plans:action_follow", args=[world.action.pk])
    page = client.get(detail).content.decode()
    assert ">Follow</button>" in page and f'action="{follow}"' in page
    response = client.post(follow, {"follow": "1"})
    assert response.status_code == 302 and response.url == detail
    assert ActionFollow.objects.filter(user=user, action=world.action).count() == 1
    client.post(follow, {"follow": "1"})  # twice: still one
    assert ActionFollow.objects.filter(user=user, action=world.action).count() == 1
    assert ">Unfollow</button>" in client.get(detail).content.decode()
    client.post(follow, {"follow": "0"})
    assert not ActionFollow.objects.filter(user=user, action=world.action).exists()


@pytest.mark.parametrize(
    ("persona", "status"),
    [("staff", 302), ("manager", 302), ("facilitator", 302), ("equity", 302), ("other_staff", 404),
     ("other_manager", 404)],
)  # fmt: skip
def test_an_action_of_a_draft_plan_is_followed_only_by_those_who_see_it(client, personas, persona, status):
    draft = PlanFactory(status=Plan.Status.DRAFT, departments=[personas.dept])
    action = ActionFactory(plan=draft, lead_department=personas.dept, accountable=personas.staff)
    client.force_login(personas.get(persona))
    assert client.post(reverse("plans:action_follow", args=[action.pk]), {"follow": "1"}).status_code == status
    assert ActionFollow.objects.filter(action=action).count() == (1 if status == 302 else 0)


def test_following_needs_a_signed_in_post(client, personas, world):
    url = reverse("plans:action_follow", args=[world.action.pk])
    assert client.post(url, {"follow": "1"}).status_code == 302  # to the sign-in page
    client.force_login(personas.staff)
    assert client.get(url).status_code == 405
    assert not ActionFollow.objects.exists()
