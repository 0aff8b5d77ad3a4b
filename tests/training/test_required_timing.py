"""The overdue report at city scale: 10,000 people in 20 departments, five requirements, half of them done.
The times are printed, never asserted (standing rule 5: speed is measured in bench/, not in timed tests)."""

import time
from datetime import date

import pytest

from equity.models import Department, StaffAttributes, User
from tests.training.factories import ModuleFactory
from training.models import CompletionRollup, TrainingRequirement
from training.requirements import required_report_for_user

pytestmark = [pytest.mark.needs_postgres, pytest.mark.django_db]
PEOPLE = 10_000


def test_overdue_report_of_10000_people_counts_everyone(personas, capsys):
    departments = Department.objects.bulk_create([Department(name=f"Dept {i}", code=f"D{i}") for i in range(20)])
    users = User.objects.bulk_create(
        [User(username=f"u{i}", email=f"u{i}@example.org", full_name=f"Person {i}") for i in range(PEOPLE)]
    )
    User.departments.through.objects.bulk_create(
        [User.departments.through(user_id=u.pk, department_id=departments[i % 20].pk) for i, u in enumerate(users)]
    )
    StaffAttributes.objects.bulk_create(
        [StaffAttributes(user=u, hire_date=date(2024, 1 + i % 12, 1)) for i, u in enumerate(users) if i % 3]
    )
    modules = [ModuleFactory() for _ in range(5)]
    for index, module in enumerate(modules):
        TrainingRequirement.objects.create(
            module=module, due_days=90, effective_from=date(2025, 1, 1),
            scope="department" if index == 4 else "all_staff", department=departments[0] if index == 4 else None,
        )  # fmt: skip
    CompletionRollup.objects.bulk_create(
        [
            CompletionRollup(user=u, module=m, first_completed_on=date(2025, 3, 1), last_completed_on=date(2025, 3, 1))
            for i, u in enumerate(users)
            for m in modules[:4]
            if i % 2
        ]
    )
    started = time.perf_counter()
    report = required_report_for_user(user=personas.equity, with_names=False, today=date(2026, 6, 1))
    city_wide = time.perf_counter() - started
    started = time.perf_counter()
    one = required_report_for_user(user=personas.equity, department=departments[0], today=date(2026, 6, 1))
    one_department = time.perf_counter() - started
    # Overdue: a hire date (two in three) and not done (the even ones); without a hire date the clock started on
    # the account's creation, too recently to be overdue on the day the report is read.
    expected = sum(1 for i in range(PEOPLE) if i % 3 and not i % 2)
    assert report.total.required == PEOPLE + 6 and report.total.overdue == expected
    in_first = sum(1 for i in range(0, PEOPLE, 20) if i % 3)
    assert one.rows[0].overdue == in_first and len(one.rows[0].overdue_people) == in_first
    with capsys.disabled():
        print(f"\nTIMING overdue report: city-wide {city_wide:.2f} s, one department with names {one_department:.2f} s")
