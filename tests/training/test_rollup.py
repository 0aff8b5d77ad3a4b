"""The completion roll-up equals the live aggregate of attendance after every kind of write, and the report reads
the same figures from it as from attendance."""

import importlib
from datetime import timedelta

import pytest
from django.db import connection
from django.db.models import Max, Min
from django.utils import timezone

from bench.scale import training as scale
from bench.scale.core import reset_core, seed_core
from tests.factories import UserFactory
from tests.training.factories import AttendanceFactory, ModuleFactory, SessionFactory
from training.completion import completion_report_for_user
from training.models import Attendance, CompletionRollup, Module, Session
from training.rollup import completion_rollup_rebuild
from training.selectors import completions
from training.services import RosterRow, roster_bulk_insert, roster_save, session_delete, session_save

pytestmark = pytest.mark.django_db


def _live() -> set[tuple]:
    rows = (
        Attendance.objects.filter(completed=True, user__isnull=False)
        .values("user_id", "session__module_id")
        .annotate(first=Min("session__date"), last=Max("session__date"))
        .order_by()
    )
    return {(r["user_id"], r["session__module_id"], r["first"], r["last"]) for r in rows}


def _rollup() -> set[tuple]:
    return set(CompletionRollup.objects.values_list("user_id", "module_id", "first_completed_on", "last_completed_on"))


def _assert_in_step() -> None:
    assert _rollup() == _live()


def _row(attendance=None, user=None, completed=True, delete=False, status=Attendance.Status.ATTENDED):
    return RosterRow(
        pk=attendance.pk if attendance else None,
        user=user if user is not None else (attendance.user if attendance else None),
        external_name="",
        external_organisation="",
        status=status,
        minutes=None,
        completed=completed,
        delete=delete,
    )


@pytest.fixture
def world(personas):
    today = timezone.localdate()
    foundations = ModuleFactory(title="Foundations", required_for=Module.RequiredFor.ALL_STAFF)
    leading = ModuleFactory(title="Leading", required_for=Module.RequiredFor.MANAGERS)
    early = SessionFactory(module=foundations, date=today - timedelta(days=60))
    late = SessionFactory(module=foundations, date=today - timedelta(days=10))
    lead = SessionFactory(module=leading, date=today - timedelta(days=30))
    staff_early = AttendanceFactory(session=early, user=personas.staff)
    staff_late = AttendanceFactory(session=late, user=personas.staff)
    other = AttendanceFactory(session=early, user=personas.other_staff, completed=False)
    AttendanceFactory(session=lead, user=personas.manager)
    AttendanceFactory(session=late, user=None, external_name="Guest", external_organisation="County")
    _assert_in_step()
    return {"early": early, "late": late, "lead": lead, "staff_early": staff_early, "staff_late": staff_late,
            "other": other, "foundations": foundations, "leading": leading, "today": today}  # fmt: skip


def test_rollup_keeps_first_and_last_completion(personas, world):
    row = CompletionRollup.objects.get(user=personas.staff, module=world["foundations"])
    assert (row.first_completed_on, row.last_completed_on) == (world["early"].date, world["late"].date)
    assert not CompletionRollup.objects.filter(user=personas.other_staff).exists()  # not completed


def test_rollup_after_marking_complete(personas, world):
    roster_save(author=personas.facilitator, session=world["early"],
                rows=[_row(world["staff_early"]), _row(world["other"], completed=True)])  # fmt: skip
    _assert_in_step()
    assert CompletionRollup.objects.filter(user=personas.other_staff).exists()


def test_rollup_after_uncompleting(personas, world):
    roster_save(author=personas.facilitator, session=world["late"],
                rows=[_row(world["staff_late"], completed=False, status=Attendance.Status.PARTIAL)])  # fmt: skip
    _assert_in_step()
    row = CompletionRollup.objects.get(user=personas.staff, module=world["foundations"])
    assert row.last_completed_on == world["early"].date


def test_rollup_after_deleting_attendance(personas, world):
    roster_save(author=personas.facilitator, session=world["early"],
                rows=[_row(world["staff_early"], delete=True), _row(world["other"], completed=False)])  # fmt: skip
    _assert_in_step()
    row = CompletionRollup.objects.get(user=personas.staff, module=world["foundations"])
    assert row.first_completed_on == world["late"].date


def test_rollup_after_moving_a_row_to_another_person(personas, world):
    roster_save(author=personas.facilitator, session=world["lead"],
                rows=[_row(Attendance.objects.get(session=world["lead"]), user=personas.other_manager)])  # fmt: skip
    _assert_in_step()
    assert not CompletionRollup.objects.filter(user=personas.manager).exists()


def test_rollup_after_adding_people(personas, world):
    newcomer = UserFactory(departments=[personas.dept])
    rows = [_row(a) for a in world["lead"].attendances.all()] + [_row(user=newcomer)]
    roster_save(author=personas.facilitator, session=world["lead"], rows=rows)
    _assert_in_step()


def test_rollup_after_deleting_a_session(personas, world):
    session_delete(author=personas.equity, session=world["late"])
    _assert_in_step()
    session_delete(author=personas.equity, session=world["lead"])
    _assert_in_step()
    assert not CompletionRollup.objects.filter(user=personas.manager).exists()


def test_rollup_after_changing_a_sessions_module_and_date(personas, world):
    session = Session.objects.get(pk=world["lead"].pk)
    session.module = world["foundations"]
    session.date = world["today"] - timedelta(days=90)
    session_save(author=personas.equity, session=session, expected_revision=session.revision)
    _assert_in_step()
    row = CompletionRollup.objects.get(user=personas.manager)
    assert (row.module, row.first_completed_on) == (world["foundations"], session.date)


def test_rollup_after_bulk_insert(personas, world):
    roster_bulk_insert(
        author=personas.facilitator,
        attendances=[
            Attendance(session=world["lead"], user=personas.staff, status="attended", completed=True),
            Attendance(session=world["lead"], user=personas.other_staff, status="no_show", completed=False),
        ],
    )
    _assert_in_step()


def test_rollup_after_roster_import(personas, world):
    from tests.training.test_import import HEADER, _start
    from training.roster_import import roster_import_check, roster_import_commit

    imp = _start(personas, world["lead"], HEADER + "staff@example.org,,Sam,,attended,120,\n")
    assert roster_import_check(imp=imp).is_clean
    assert roster_import_commit(author=personas.facilitator, imp=imp) == 1
    _assert_in_step()
    assert CompletionRollup.objects.filter(user=personas.staff, module=world["leading"]).exists()


def test_rollup_rebuild_and_migration_fill_match_live(world):
    CompletionRollup.objects.all().delete()
    completion_rollup_rebuild()
    _assert_in_step()
    CompletionRollup.objects.all().delete()
    fill = importlib.import_module("training.migrations.0003_completion_rollup").FILL
    with connection.cursor() as cursor:
        cursor.execute(fill)
    _assert_in_step()


def test_rollup_after_scale_seed_and_reset(world):
    before = _rollup()
    scale.seed(seed_core(factor=0.01))
    _assert_in_step()
    assert len(_rollup()) > len(before)
    scale.reset()
    reset_core()
    _assert_in_step()
    assert _rollup() == before


@pytest.mark.parametrize("window", ["none", "from", "to", "both"])
def test_completions_from_rollup_equal_attendance(world, window):
    """Open and one-sided periods read the roll-up; each must name exactly the people attendance does."""
    today = world["today"]
    date_from = today - timedelta(days=40) if window in ("from", "both") else None
    date_to = today - timedelta(days=20) if window in ("to", "both") else None
    modules = [world["foundations"], world["leading"]]
    live = Attendance.objects.filter(completed=True, user__isnull=False, session__module__in=modules)
    if date_from:
        live = live.filter(session__date__gte=date_from)
    if date_to:
        live = live.filter(session__date__lte=date_to)
    expected = set(live.values_list("user_id", "session__module_id").distinct())
    assert set(completions(modules=modules, date_from=date_from, date_to=date_to)) == expected


@pytest.mark.parametrize("persona", ["equity", "manager"])
def test_report_from_rollup_equals_report_from_attendance(personas, world, persona):
    """Without a period the report reads the roll-up; a period bounded on both sides that covers every session
    aggregates attendance instead: the figures and the names must be the same."""

    def figures(**window):
        report = completion_report_for_user(user=personas.get(persona), **window)
        cells = [(r.department.pk, c.module.pk, c.staff, c.completed) for r in report.rows for c in r.cells]
        totals = [(c.module.pk, c.staff, c.completed) for c in report.totals]
        needed = {
            (r.department.pk, m): [u.pk for u in people] for r in report.rows for m, people in r.still_needed.items()
        }
        return cells, totals, needed

    from_rollup = figures()
    live = figures(date_from=world["today"] - timedelta(days=3650), date_to=world["today"] + timedelta(days=3650))
    assert from_rollup == live
    assert any(cell[3] for cell in from_rollup[0])
    CompletionRollup.objects.all().delete()
    assert figures() != from_rollup  # the open report really reads the roll-up


def test_completion_chart_is_drawn_once_per_set_of_figures(personas, world, monkeypatch):
    from django.core.cache import cache

    from training import charts

    cache.clear()
    drawn = []
    real = charts._draw
    monkeypatch.setattr(charts, "_draw", lambda **kw: drawn.append(kw) or real(**kw))
    report = completion_report_for_user(user=personas.equity)
    first = charts.completion_chart_svg(report=report)
    assert charts.completion_chart_svg(report=report) == first and len(drawn) == 1
    AttendanceFactory(session=world["early"], user=personas.other_manager)  # new figures, a new chart
    assert charts.completion_chart_svg(report=completion_report_for_user(user=personas.equity)) != first
    assert len(drawn) == 2
