"""The overdue report's counts computed in the database (the city-wide report, without names) equal the Python
pass that names the people, whatever the scopes, dates, hire dates and completions."""

import random
from datetime import date, datetime, timedelta

import pytest
from django.utils import timezone

from equity.models import Department, StaffAttributes, User
from tests.factories import UserFactory
from tests.training.factories import ModuleFactory
from training.completion import completion_report_for_user
from training.models import CompletionRollup, TrainingRequirement
from training.requirements import required_conditions_for, required_report_for_user, requirements_in_effect

pytestmark = pytest.mark.django_db
START = date(2026, 1, 1)


def _figures(row) -> tuple[int, int, int]:
    return row.required, row.overdue, row.due_soon


def test_counts_in_the_database_equal_the_pass_over_people(personas):
    rng = random.Random(20)
    departments = [personas.dept, personas.other_dept] + [
        Department.objects.create(name=f"Dept {i}", code=f"D{i}") for i in range(3)
    ]
    modules = [ModuleFactory(title=f"Module {i}") for i in range(4)]
    for index in range(60):
        roles = {flag: rng.random() < 0.3 for flag in ("is_manager", "is_facilitator", "is_equity_team")}
        person = UserFactory(departments=rng.sample(departments, k=rng.choice([1, 1, 2])), **roles)
        joined = datetime(2026, 1, 1, 0, 30, tzinfo=timezone.get_current_timezone()) + timedelta(
            days=rng.randrange(0, 200), hours=index
        )
        User.objects.filter(pk=person.pk).update(date_joined=joined, is_active=index % 17 != 0)
        if rng.random() < 0.7:
            hire = START + timedelta(days=rng.randrange(-400, 200)) if rng.random() < 0.9 else None
            StaffAttributes.objects.create(user=person, hire_date=hire)
        for module in rng.sample(modules, k=rng.randrange(0, 3)):
            CompletionRollup.objects.create(
                user=person, module=module, first_completed_on=START, last_completed_on=START
            )
    requirements = [
        ("all_staff", "", None, 90, START - timedelta(days=200)),
        ("role", "manager", None, 30, START),
        ("role", "facilitator", None, 60, START + timedelta(days=40)),
        ("department", "", departments[2], 20, START - timedelta(days=10)),
        ("department", "", departments[0], 120, START + timedelta(days=5)),
    ]
    for index, (scope, role, department, days, effective) in enumerate(requirements):
        TrainingRequirement.objects.create(
            module=modules[index % len(modules)], scope=scope, role=role, department=department, due_days=days,
            effective_from=effective,
        )  # fmt: skip
    TrainingRequirement.objects.create(module=modules[3], due_days=10, effective_from=START, retired_on=START)
    seen = [0, 0]
    for offset in (-30, 0, 25, 60, 95, 130, 200, 400):
        today = START + timedelta(days=offset)
        named = required_report_for_user(user=personas.equity, today=today)
        counted = required_report_for_user(user=personas.equity, with_names=False, today=today)
        assert [_figures(r) for r in counted.rows] == [_figures(r) for r in named.rows], today
        assert _figures(counted.total) == _figures(named.total), today
        # The city-wide completion page counts them with the completion report's grouped queries instead.
        in_effect = requirements_in_effect(on=today)
        conditions = required_conditions_for(requirements=in_effect, today=today)
        report = completion_report_for_user(user=personas.equity, with_names=False, people_conditions=conditions)
        assert report.people_meeting is not None
        with_report = required_report_for_user(
            user=personas.equity, with_names=False, today=today, requirements=in_effect, counted=report.people_meeting
        )
        assert [_figures(r) for r in with_report.rows] == [_figures(r) for r in named.rows], today
        assert _figures(with_report.total) == _figures(named.total), today
        seen = [seen[0] + named.total.overdue, seen[1] + named.total.due_soon]
    assert all(seen)  # the data exercised both
