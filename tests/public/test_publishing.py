"""Publishing takes a snapshot: what it copies, what it never copies, suppression, versions, unpublishing."""

from __future__ import annotations

import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from equity.models import User
from plans.models import Action, Indicator, Plan
from public.models import Publication
from public.selectors import published
from public.services import publish, unpublish

# Every test here reads the demo city: seeded once for the module (tests/public/conftest.py).
pytestmark = pytest.mark.usefixtures("demo_city")


def _citywide() -> Plan:
    return Plan.objects.get(title__startswith="Citywide")


def test_publishing_a_plan_copies_its_public_tree_and_no_names_by_default(demo):
    plan = _citywide()
    snapshot = publish(author=demo, record=plan)
    payload = snapshot.payload
    assert payload["title"] == plan.title
    assert payload["rollup"]["total"] + payload["rollup"]["cancelled"] == Action.objects.filter(plan=plan).count()
    assert all(action["accountable"] is None for action in payload["actions"])
    text = json.dumps(payload)
    accountable = {a.accountable.display_name for a in Action.objects.filter(plan=plan).select_related("accountable")}
    assert not any(name and name in text for name in accountable)
    assert snapshot.publication.slug.startswith("citywide-racial-equity-action-plan")
    assert list(published(kind="plan")) == [snapshot.publication]


def test_names_only_when_chosen(demo):
    snapshot = publish(author=demo, record=_citywide(), show_people=True)
    assert any(action["accountable"] for action in snapshot.payload["actions"])


def test_small_numbers_are_suppressed_and_left_out_of_gaps(demo):
    survey = Indicator.objects.get(name__startswith="Residents who trust")
    payload = publish(author=demo, record=survey).payload
    small = [row for row in payload["values"] if row["group"].startswith("American Indian")]
    assert small and all(row["suppressed"] and row["value"] is None for row in small)
    gap_groups = {g["group"] for year in payload["gaps"]["years"] for g in year["groups"]}
    assert not any(group.startswith("American Indian") for group in gap_groups)
    assert any(not row["suppressed"] and row["value"] for row in payload["values"])


def test_publishing_again_makes_a_new_snapshot_and_keeps_the_old(demo):
    plan = _citywide()
    first = publish(author=demo, record=plan)
    second = publish(author=demo, record=plan, version=first.publication.version, note="Quarter 3")
    publication = Publication.objects.get()
    assert (first.number, second.number) == (1, 2)
    assert publication.current == second and publication.snapshots.count() == 2


def test_a_stale_publish_is_refused(demo):
    plan = _citywide()
    first = publish(author=demo, record=plan)
    publish(author=demo, record=plan, version=first.publication.version)
    with pytest.raises(ValidationError):
        publish(author=demo, record=plan, version=first.publication.version)
    assert Publication.objects.get().snapshots.count() == 2


def test_unpublishing_removes_it_from_the_public_list(demo):
    snapshot = publish(author=demo, record=_citywide())
    unpublish(author=demo, publication=snapshot.publication)
    assert not published().exists()
    history = snapshot.publication.history.order_by("history_id")
    assert [row.is_published for row in history][-2:] == [True, False]
    assert history.last().history_user == demo


def test_only_the_equity_team_publishes(demo):
    with pytest.raises(PermissionDenied):
        publish(author=User.objects.get(username="manager"), record=_citywide())
    assert not Publication.objects.exists()


def test_a_draft_plan_is_refused(demo):
    plan = _citywide()
    Plan.objects.filter(pk=plan.pk).update(status=Plan.Status.DRAFT)
    plan.refresh_from_db()
    with pytest.raises(ValidationError, match="draft"):
        publish(author=demo, record=plan)
