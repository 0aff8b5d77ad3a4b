"""Query budgets: each page runs the same number of queries with few or many rows."""

import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from plans.models import RacialGroup
from tests.factories import UserFactory
from tests.queries import assert_constant_queries
from tests.tools.conftest import answer_all_required
from tests.tools.factories import AssessmentFactory, full_template
from tools.models import Answer, Assessment, Question, StepComment, Template, Transition
from tools.services.template_exchange import shipped_templates_ensure
from tools.services.templates import template_copy

pytestmark = pytest.mark.django_db


def grow_assessments(personas, n=8):
    def grow():
        for i in range(n):
            status = [Assessment.Status.DRAFT, Assessment.Status.IN_REVIEW, Assessment.Status.COMPLETED][i % 3]
            a = AssessmentFactory(
                department=personas.dept,
                lead=personas.staff,
                team=[personas.staff],
                status=status,
                template=full_template(),
            )
            if status == Assessment.Status.COMPLETED:
                Assessment.objects.filter(pk=a.pk).update(completed_at=a.created_at)

    return grow


def grow_worksheet(assessment, personas):
    def grow():
        answer_all_required(assessment, personas.staff)
        extra = UserFactory(departments=[personas.dept])
        assessment.team.add(extra, personas.manager)
        for n in range(3):
            assessment.title = f"Renamed {n}"
            assessment.save()
        for step in assessment.template.steps.all():
            for n in range(3):
                StepComment.objects.create(assessment=assessment, step=step, author=extra, body=f"Comment {n}")
        for _n in range(3):
            Transition.objects.create(
                assessment=assessment, from_status="draft", to_status="in_review", action="submitted", user=extra
            )
        Answer.objects.filter(question__step__template=assessment.template, question__code="2.3").update(
            value=[
                {"indicator": f"I{n}", "group": "Asian", "value": "1", "year": "2024", "source": "ACS"}
                for n in range(30)
            ]
        )

    return grow


@pytest.mark.parametrize("url_name", ["tools:assessment_list", "tools:completed_counts", "dashboard"])
def test_list_pages_constant_queries(client, personas, draft, url_name):
    client.force_login(personas.manager)
    budget = {"tools:assessment_list": 12, "tools:completed_counts": 8, "dashboard": 30}[url_name]
    url = reverse(url_name) + ("?scope=all" if url_name == "tools:assessment_list" else "")
    count = assert_constant_queries(client, url, grow=grow_assessments(personas), budget=budget)
    print(f"QUERIES {url_name}: {count}")


@pytest.mark.parametrize(
    ("url_name", "args", "budget"),
    [
        ("tools:assessment_detail", [], 20),
        ("tools:assessment_print", [], 20),
        ("tools:step_fill", [2], 20),
        ("tools:assessment_history", [], 14),
    ],
)
def test_worksheet_pages_constant_queries(client, personas, full_draft, url_name, args, budget):
    client.force_login(personas.staff)
    url = reverse(url_name, args=[full_draft.pk, *args])
    count = assert_constant_queries(client, url, grow=grow_worksheet(full_draft, personas), budget=budget)
    print(f"QUERIES {url_name}: {count}")


def test_table_editor_constant_queries(client, personas, full_draft):
    client.force_login(personas.staff)
    table = Question.objects.get(step__template=full_draft.template, code="2.3")
    url = reverse("tools:table_edit", args=[full_draft.pk, table.pk])
    Answer.objects.create(assessment=full_draft, question=table, value=[], version=1)
    count = assert_constant_queries(client, url, grow=grow_worksheet(full_draft, personas), budget=14)
    print(f"QUERIES tools:table_edit: {count}")


def test_review_page_constant_queries(client, personas, in_review):
    client.force_login(personas.manager)
    url = reverse("tools:assessment_review", args=[in_review.pk])
    count = assert_constant_queries(client, url, grow=grow_worksheet(in_review, personas), budget=20)
    print(f"QUERIES tools:assessment_review: {count}")


def test_template_pages_constant_queries(client, personas):
    client.force_login(personas.equity)
    copy = template_copy(template=full_template(), author=personas.equity)

    def grow():
        for _ in range(3):
            template_copy(template=copy, author=personas.equity)
        step = copy.steps.first()
        for n in range(10):
            Question.objects.create(step=step, code=f"1.{n + 10}", text="More", type="long_text", order=20 + n)

    counts = {}
    for name, url in [
        ("template_list", reverse("tools:template_list")),
        ("template_detail", reverse("tools:template_detail", args=[copy.pk])),
    ]:
        counts[name] = assert_constant_queries(client, url, grow=grow if name == "template_detail" else grow, budget=12)
    print(f"QUERIES templates: {counts}")


def test_table_send_preview_constant_queries(client, personas, full_draft):
    """The send page with its preview: the same queries with 2 rows or 40 (and more indicators, values, names)."""
    from tests.plans.factories import DataPointFactory, IndicatorFactory, PlanFactory, ResultFactory

    table = Question.objects.get(step__template=full_draft.template, code="2.3")
    answer = Answer.objects.create(
        assessment=full_draft, question=table, value=[{"group": "Asian", "value": "1"}], version=1
    )
    result = ResultFactory(plan=PlanFactory(departments=[personas.dept]))
    indicator = IndicatorFactory(name="Homeownership", result=result)

    def grow():
        rows = [{"group": f"Neighbourhood group {n}", "value": f"{n} %", "year": "2024"} for n in range(30)]
        rows += [{"group": "Black or African American", "value": "about 24"}, {"group": "White", "value": "n/a"}]
        answer.value = answer.value + rows
        answer.save()
        for n in range(5):
            IndicatorFactory(name=f"Indicator {n}", result=result)
        DataPointFactory(indicator=indicator, year=2024, group=RacialGroup.objects.get(code="asian"))

    client.force_login(personas.manager)
    url = reverse("tools:table_send", args=[full_draft.pk, table.pk])
    url += f"?indicator={indicator.pk}&year=2024&column=value"
    count = assert_constant_queries(client, url, grow=grow, budget=20)
    print(f"QUERIES tools:table_send: {count}")


def test_group_table_editor_and_autosave_constant_queries(client, personas):
    """Issue 14: the editor of a table with a group column (the city's groups are one query), and its autosave,
    with 1 and 60 rows of typed, Not stated and group cells."""
    shipped_templates_ensure()
    draft = AssessmentFactory(department=personas.dept, lead=personas.staff, team=[personas.staff],
                              template=Template.objects.get(slug="gare-full", version=2))  # fmt: skip
    table = Question.objects.get(step__template=draft.template, code="2.3")
    row = {"indicator": "Cost-burdened", "group": "Community land trusts", "value": "20 %", "year": "2012–2016",
           "source": {"not_stated": True}, "notes": ""}  # fmt: skip
    Answer.objects.create(assessment=draft, question=table, value=[row], version=1)
    client.force_login(personas.staff)
    url = reverse("tools:table_edit", args=[draft.pk, table.pk])

    def grow():
        Answer.objects.filter(question=table).update(value=[row] * 60)

    editor = assert_constant_queries(client, url, grow=grow, budget=14)

    def autosave_queries(rows: int, version: int) -> int:
        data = {"rows": str(rows), f"q{table.pk}_version": str(version)}
        for i in range(rows):
            data |= {f"r{i}-indicator": f"I{i}", f"r{i}-group": "Asian", f"r{i}-value": "about 400"}
            data[f"r{i}-source-ns"] = "1"
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as ctx:
            response = client.post(reverse("tools:table_autosave", args=[draft.pk, table.pk]), data)
        print(f"TIMING tools:table_autosave {rows} rows: {(time.perf_counter() - started) * 1000:.0f} ms")
        assert response.status_code == 200, response.content
        return len(ctx.captured_queries)

    small, large = autosave_queries(1, 1), autosave_queries(60, 2)
    assert small == large <= 25, (small, large)
    print(f"QUERIES tools:table_edit (group column): {editor}; tools:table_autosave: {small}")
