"""Issue 14's pages run the same number of queries whatever the number of requirements, requests and people."""

from datetime import date

import pytest
from django.urls import reverse

from equity.models import Department, StaffAttributes
from tests.factories import UserFactory
from tests.queries import assert_constant_queries
from tests.training.factories import AttendanceFactory, FacilitatorFactory, ModuleFactory, SessionFactory
from training.models import CertificationRequest, TrainingRequirement

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(personas, module, facilitator_record):
    """One requirement of each scope, one request, one overdue person; `grow()` adds many more of everything."""
    TrainingRequirement.objects.create(module=module, effective_from=date(2025, 1, 1), due_days=30)
    other = ModuleFactory(title="Tool")
    CertificationRequest.objects.create(facilitator=facilitator_record, module=other, reason="Planned")
    StaffAttributes.objects.create(user=personas.staff, hire_date=date(2025, 2, 1), race_ethnicity="asian")

    def grow():
        session = SessionFactory(module=module)
        for index in range(12):
            extra = ModuleFactory(title=f"Extra {index}")
            scope = ("all_staff", "role", "department")[index % 3]
            TrainingRequirement.objects.create(
                module=extra, effective_from=date(2025, 1, 1), scope=scope,
                role="manager" if scope == "role" else "", department=personas.dept if scope == "department" else None,
            )  # fmt: skip
            person = UserFactory(departments=[personas.dept if index % 2 else personas.other_dept])
            StaffAttributes.objects.create(user=person, hire_date=date(2025, 3, index + 1), job_class=f"C{index % 3}")
            if index % 4 == 0:
                AttendanceFactory(session=session, user=person)
            CertificationRequest.objects.create(
                facilitator=FacilitatorFactory(user=UserFactory(is_facilitator=True)), module=extra, reason="r"
            )
            CertificationRequest.objects.create(facilitator=facilitator_record, module=extra, reason="r")

    return grow


CASES = [
    ("equity", "training:requirement_list", "", 9),
    ("equity", "training:certification_request_list", "", 9),
    ("facilitator", "training:certification_request_list", "", 9),
    ("equity", "training:completion_report", "", 14),
    ("equity", "training:completion_report", "module", 16),
    ("manager", "training:completion_report", "", 13),
    ("manager", "training:person_record", "staff", 16),
    ("equity", "dashboard", "", 19),
    ("facilitator", "dashboard", "", 18),
]


@pytest.mark.parametrize(("persona", "url_name", "arg", "budget"), CASES, ids=[f"{c[1]}-{c[0]}-{c[2]}" for c in CASES])
def test_issue_14_pages_run_a_fixed_number_of_queries(
    client, personas, module, world, persona, url_name, arg, budget, capsys
):
    client.force_login(personas.get(persona))
    if arg == "staff":
        url = reverse(url_name, args=[personas.staff.pk])
    elif arg == "module":
        url = reverse(url_name) + f"?module={module.pk}&department={personas.dept.pk}"
    else:
        url = reverse(url_name)
    count = assert_constant_queries(client, url, grow=world, budget=budget)
    with capsys.disabled():
        print(f"\nQUERIES {url_name} {arg} as {persona}: {count}")


def test_the_city_wide_report_counts_the_overdue_with_its_figures(client, personas, world, capsys):
    """Over more than three departments the report lists no names: the overdue section's counts come from the
    report's own grouped queries (no aggregate query of their own)."""
    for index in range(2):
        Department.objects.create(name=f"Extra department {index}", code=f"X{index}")
    client.force_login(personas.equity)
    count = assert_constant_queries(client, reverse("training:completion_report"), grow=world, budget=9)
    with capsys.disabled():
        print(f"\nQUERIES training:completion_report city-wide as equity: {count}")


def test_request_detail_runs_a_fixed_number_of_queries(client, personas, facilitator_record, world):
    client.force_login(personas.equity)
    first = CertificationRequest.objects.get()
    assert_constant_queries(client, reverse("training:certification_request_detail", args=[first.pk]), world, 10)
