"""The write kernel's optimistic lock: two simultaneous saves from the same revision, one wins, the other is told."""

import threading
import time

import pytest
from django.db import connection
from django.urls import reverse

from equity.concurrency import StaleEdit
from plans.models import Milestone
from plans.services import actions as plan_services
from plans.services.milestones import milestone_save
from tests.factories import UserFactory
from tests.plans.factories import MilestoneFactory
from tests.tools.factories import short_template
from tests.training.factories import SessionFactory
from tools.models import Template
from tools.services import templates as template_services
from tools.services.templates import template_copy, template_update
from training import services as training_services
from training.models import Attendance, Session
from training.services import RosterRow, roster_save, roster_stamp


def _slow(monkeypatch, module) -> None:
    """Hold every audited save a moment, so the second thread arrives while the first one is mid-write."""
    real = module.audited_save

    def slow_save(*args, **kwargs):
        time.sleep(0.3)
        return real(*args, **kwargs)

    monkeypatch.setattr(module, "audited_save", slow_save)


def _race(*saves) -> list[object]:
    """Run each save in its own thread (own DB connection), all released at once; each result or exception."""
    results: list[object] = [None] * len(saves)
    start = threading.Barrier(len(saves))

    def run(index, save):
        try:
            start.wait()
            results[index] = save()
        except Exception as exc:  # noqa: BLE001 - the test inspects what each thread got
            results[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, save)) for i, save in enumerate(saves)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


def _one_won(results) -> int:
    stale = [r for r in results if isinstance(r, StaleEdit)]
    won = [i for i, r in enumerate(results) if not isinstance(r, Exception)]
    assert len(stale) == 1 and len(won) == 1, results
    assert "since you opened this page" in stale[0].messages[0]
    return won[0]


@pytest.mark.needs_postgres
@pytest.mark.django_db(transaction=True)
def test_simultaneous_milestone_saves_one_wins_the_other_is_stale(monkeypatch):
    milestone = MilestoneFactory(title="Draft the policy")
    authors = [UserFactory(), UserFactory()]
    _slow(monkeypatch, plan_services)

    def save(index):
        def run():
            mine = Milestone.objects.get(pk=milestone.pk)  # each editor's form, opened at version 1
            mine.title = f"Title by editor {index}"
            return milestone_save(author=authors[index], milestone=mine, version=1)

        return run

    winner = _one_won(_race(save(0), save(1)))
    milestone.refresh_from_db()
    assert milestone.title == f"Title by editor {winner}" and milestone.version == 2
    assert milestone.history.count() == 2  # created + the winner's save: nothing overwritten silently


@pytest.mark.needs_postgres
@pytest.mark.django_db(transaction=True)
def test_simultaneous_roster_saves_one_wins_the_other_is_stale(monkeypatch):
    session = SessionFactory()
    people = [UserFactory(), UserFactory()]
    stamp = roster_stamp(session=session)  # both editors opened the empty roster
    _slow(monkeypatch, training_services)

    def save(index):
        def run():
            row = RosterRow(
                pk=None, user=people[index], external_name="", external_organisation="",
                status=Attendance.Status.ATTENDED, minutes=60, completed=True,
            )  # fmt: skip
            fresh = Session.objects.get(pk=session.pk)
            return roster_save(author=people[index], session=fresh, rows=[row], expected_stamp=stamp)

        return run

    winner = _one_won(_race(save(0), save(1)))
    assert list(session.attendances.values_list("user_id", flat=True)) == [people[winner].pk]


@pytest.mark.needs_postgres
@pytest.mark.django_db(transaction=True)
def test_simultaneous_worksheet_template_saves_one_wins_the_other_is_stale(monkeypatch):
    editors = [UserFactory(is_equity_team=True), UserFactory(is_equity_team=True)]
    draft = template_copy(template=short_template(), author=editors[0])
    _slow(monkeypatch, template_services)

    def save(index):
        def run():
            mine = Template.objects.get(pk=draft.pk)  # each editor's form, opened at revision 1
            return template_update(
                template=mine, author=editors[index], revision=1, name=f"Name by editor {index}", description=""
            )

        return run

    winner = _one_won(_race(save(0), save(1)))
    draft.refresh_from_db()
    assert draft.name == f"Name by editor {winner}" and draft.revision == 2
    assert draft.history.count() == 2  # the copy + the winner's save: nothing overwritten silently


@pytest.mark.django_db
def test_stale_milestone_form_shows_the_message_and_changes_nothing(client, personas):
    milestone = MilestoneFactory(action__lead_department=personas.dept, title="Original")
    url = reverse("plans:milestone_update", args=[milestone.pk])
    client.force_login(personas.equity)
    opened = client.get(url).context["form"]["version"].value()
    assert client.post(url, {"title": "First editor", "due_date": "2026-06-30", "version": opened}).status_code == 302
    response = client.post(url, {"title": "Second editor", "due_date": "2026-06-30", "version": opened})
    assert response.status_code == 409
    assert "since you opened this page" in response.content.decode()
    assert "First editor" in response.content.decode()  # what changed
    milestone.refresh_from_db()
    assert milestone.title == "First editor" and milestone.version == 2
