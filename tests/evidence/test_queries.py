"""The detail pages of records with attachments run the same number of queries whatever the number of files (and,
on an action's page, of milestones and updates carrying files): all files are read in one query."""

import pytest
from django.urls import reverse

from tests.evidence.world import attach, make_owner
from tests.plans.factories import MilestoneFactory, UpdateFactory
from tests.queries import assert_constant_queries, count_queries

pytestmark = pytest.mark.django_db


def test_action_detail_with_files_on_the_action_its_milestones_and_updates(client, personas):
    action = make_owner(personas, "action")
    attach(action, personas.manager)
    attach(MilestoneFactory(action=action), personas.manager)
    attach(UpdateFactory(action=action, author=personas.staff), personas.staff)

    def grow():
        for _ in range(5):
            attach(action, personas.equity)
            attach(MilestoneFactory(action=action), personas.manager)
            attach(UpdateFactory(action=action, author=personas.staff), personas.staff)

    client.force_login(personas.manager)
    url = reverse("plans:action_detail", args=[action.pk])
    count_queries(client, url)  # warm Django's per-process caches (content types, reference data)
    print(f"QUERIES action_detail_with_files={assert_constant_queries(client, url, grow=grow, budget=19)}")


@pytest.mark.parametrize(
    ("kind", "url_name", "persona", "budget"),
    [
        ("assessment", "tools:assessment_detail", "staff", 17),
        ("session", "training:session_detail", "facilitator", 14),
    ],
)
def test_detail_pages_with_files(client, personas, kind, url_name, persona, budget):
    owner = make_owner(personas, kind)
    attach(owner, personas.equity)

    def grow():
        for _ in range(8):
            attach(owner, personas.get(persona))

    client.force_login(personas.get(persona))
    url = reverse(url_name, args=[owner.pk])
    count_queries(client, url)
    print(f"QUERIES {url_name}_with_files={assert_constant_queries(client, url, grow=grow, budget=budget)}")


@pytest.mark.parametrize("kind", ["action", "session"])
def test_history_pages_with_files(client, personas, kind):
    owner = make_owner(personas, kind)
    attach(owner, personas.equity)
    url_name, budget = {"action": ("plans:action_history", 12), "session": ("training:session_history", 9)}[kind]

    def grow():
        for _ in range(6):
            attach(owner, personas.equity).delete()

    client.force_login(personas.equity)
    url = reverse(url_name, args=[owner.pk])
    count_queries(client, url)
    print(f"QUERIES {url_name}_with_files={assert_constant_queries(client, url, grow=grow, budget=budget)}")
