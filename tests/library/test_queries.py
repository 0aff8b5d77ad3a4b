"""Query budgets: each library page runs the same number of queries with little and with much data."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from equity.models import Department
from library.models import EquityArea, Narrative
from library.services.adoptions import adoption_add, strategy_add
from library.services.attachments import attachment_add
from library.services.practices import practice_update
from tests.library.factories import PracticeFactory, grow_versions, published_narrative
from tests.plans.factories import ActionFactory, PlanFactory
from tests.queries import assert_constant_queries
from tests.tools.factories import AssessmentFactory

pytestmark = pytest.mark.django_db


def _report(name: str, count: int) -> None:
    """Print the measured count (run with -s to collect the figures for the README)."""
    print(f"QUERIES {name}: {count}")


def _practices(n, **kwargs):
    areas = list(EquityArea.objects.all()[:3])
    departments = list(Department.objects.all()[:2])
    for _ in range(n):
        PracticeFactory(equity_areas=areas, departments=departments, **kwargs)


@pytest.mark.parametrize("persona", ["staff", "equity"])
def test_practice_list_queries(client, personas, persona):
    _practices(2)
    client.force_login(getattr(personas, persona))
    url = reverse("library:practice_list")
    _report(f"practice_list ({persona})", assert_constant_queries(client, url, grow=lambda: _practices(60), budget=12))


def test_practice_list_search_and_filters_queries(client, personas):
    _practices(2)
    client.force_login(personas.staff)
    url = reverse("library:practice_list") + f"?q=meeting&kind=practice&area=education&department={personas.dept.pk}"
    count = assert_constant_queries(client, url, grow=lambda: _practices(30), budget=13)
    _report("practice_list (search + filters)", count)


def test_practice_detail_queries(client, personas):
    practice = PracticeFactory(suggested_by=personas.staff, equity_areas=list(EquityArea.objects.all()[:1]))

    def grow():
        practice.equity_areas.set(EquityArea.objects.all())
        practice.departments.set([personas.dept, personas.other_dept])
        for _ in range(3):
            action = ActionFactory(plan=PlanFactory(departments=[personas.dept]), lead_department=personas.dept)
            adoption_add(author=personas.equity, practice=practice, action=action)
            assessment = AssessmentFactory(department=personas.dept, lead=personas.staff)
            strategy_add(author=personas.equity, practice=practice, assessment=assessment)
        for i in range(5):
            attachment_add(
                author=personas.equity, practice=practice, upload=SimpleUploadedFile(f"n{i}.txt", b"some notes")
            )

    client.force_login(personas.staff)
    url = reverse("library:practice_detail", args=[practice.pk])
    count = assert_constant_queries(client, url, grow=grow, budget=16)
    _report("practice_detail", count)


def test_practice_history_queries(client, personas):
    practice = PracticeFactory(suggested_by=personas.equity)

    def grow():
        for i in range(10):
            current = type(practice).objects.get(pk=practice.pk)
            practice_update(
                author=personas.equity,
                practice=current,
                version=current.version,
                data={"title": f"T{i}"},
                equity_areas=[],
                departments=[],
            )

    client.force_login(personas.staff)
    count = assert_constant_queries(
        client, reverse("library:practice_history", args=[practice.pk]), grow=grow, budget=12
    )
    _report("practice_history", count)


def test_suggestion_list_queries(client, personas):
    _practices(1, review_state="suggested", suggested_by=personas.staff)
    client.force_login(personas.equity)
    count = assert_constant_queries(
        client,
        reverse("library:practice_suggestions"),
        grow=lambda: _practices(30, review_state="suggested", suggested_by=personas.staff),
        budget=10,
    )
    _report("practice_suggestions", count)


def test_narrative_pages_queries(client, personas):
    narrative = published_narrative(user=personas.equity)
    grow_versions(narrative=narrative, user=personas.equity, count=1)
    client.force_login(personas.staff)
    pages = {
        "narrative_detail": reverse("library:narrative_detail", args=[narrative.pk]),
        "narrative_compare": reverse("library:narrative_compare", args=[narrative.pk]),
        "narrative_version_detail": reverse("library:narrative_version_detail", args=[narrative.pk, 1]),
        "narrative_list": reverse("library:narrative_list"),
        "narrative_version_history": reverse("library:narrative_version_history", args=[narrative.pk, 1]),
        "dashboard": reverse("dashboard"),
    }
    for index, (name, url) in enumerate(pages.items()):

        def grow(index=index):
            grow_versions(narrative=narrative, user=personas.equity, count=3)
            department = Department.objects.create(name=f"Department {index}", code=f"Q{index}")
            published_narrative(user=personas.equity, department=department)
            _practices(5)

        # The dashboard also carries the other apps' panels: its budget covers the whole page.
        budget = 24 if name == "dashboard" else 12
        _report(name, assert_constant_queries(client, url, grow=grow, budget=budget))


def test_narrative_editor_queries(client, personas):
    narrative = published_narrative(user=personas.equity)
    client.force_login(personas.equity)
    url = reverse("library:narrative_edit", args=[narrative.pk])
    count = assert_constant_queries(
        client, url, grow=lambda: grow_versions(narrative=narrative, user=personas.equity, count=3), budget=12
    )
    _report("narrative_edit", count)


def test_export_queries(client, personas):
    _practices(2)
    client.force_login(personas.staff)
    count = assert_constant_queries(client, reverse("library:exchange_export"), grow=lambda: _practices(40), budget=12)
    _report("exchange_export", count)


def test_dashboard_panel_queries(personas, django_assert_num_queries):
    from library.dashboard import dashboard_panels

    published_narrative(user=personas.equity)
    grow_versions(narrative=Narrative.objects.get(), user=personas.equity, count=2)
    _practices(10)
    with django_assert_num_queries(3):  # the published version, its sections, the practice counts
        dashboard_panels(personas.staff)
