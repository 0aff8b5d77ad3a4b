"""The assessment lists' search box: title, deciding body, type of decision, department and team member names;
with the filters and pagination, in a constant number of queries."""

import pytest
from django.db import connection
from django.urls import reverse

from tests.factories import UserFactory
from tests.queries import assert_constant_queries
from tests.tools.factories import AssessmentFactory
from tools.models import Assessment
from tools.selectors import assessment_search

pytestmark = pytest.mark.django_db


@pytest.fixture
def worksheets(personas):
    helper = UserFactory(full_name="Priya Raman", departments=[personas.dept])
    return {
        "snow": AssessmentFactory(
            department=personas.dept, lead=personas.staff, team=[personas.staff], title="Sidewalk snow removal policy"
        ),
        "budget": AssessmentFactory(
            department=personas.dept,
            lead=personas.staff,
            decision_type=Assessment.DecisionType.BUDGET,
            title="Parks capital plan",
            deciding_body="City Council",
        ),
        "team": AssessmentFactory(
            department=personas.dept, lead=personas.manager, team=[helper], title="Library hours"
        ),
        "works": AssessmentFactory(department=personas.other_dept, lead=personas.other_staff, title="Street lights"),
    }


def titles(qs):
    return sorted(a.title for a in qs)


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("snow removal", ["Sidewalk snow removal policy"]),
        ("council", ["Parks capital plan"]),
        ("budget", ["Parks capital plan"]),
        ("Priya Raman", ["Library hours"]),
        ("public works", ["Street lights"]),
        ("no such words", []),
    ],
)
def test_search_matches_title_body_type_department_and_team(worksheets, q, expected):
    assert titles(assessment_search(qs=Assessment.objects.all(), q=q)) == expected


def test_search_box_works_with_filters_and_scope(client, personas, worksheets):
    client.force_login(personas.equity)
    url = reverse("tools:assessment_list")
    page = client.get(url, {"q": "Parks", "scope": "all"}).content.decode()
    assert "Parks capital plan" in page and "Library hours" not in page
    page = client.get(url, {"q": "Parks", "scope": "all", "decision_type": "policy"}).content.decode()
    assert "Parks capital plan" not in page
    assert 'for="id_q"' in page and 'role="search"' in page


def test_search_respects_visibility(client, personas, worksheets):
    client.force_login(personas.other_staff)
    page = client.get(reverse("tools:assessment_list"), {"q": "snow", "scope": "all"}).content.decode()
    assert "Sidewalk snow removal policy" not in page  # another department's draft


def test_over_long_search_is_refused_with_a_message(client, personas, worksheets):
    client.force_login(personas.equity)
    response = client.get(reverse("tools:assessment_list"), {"q": "x" * 201, "scope": "all"})
    page = response.content.decode()
    assert response.status_code == 200 and "at most 200 characters" in page


def test_search_keeps_query_count_and_pagination(client, personas, worksheets):
    def grow():
        for n in range(60):
            AssessmentFactory(department=personas.dept, lead=personas.staff, title=f"Parks study {n}")

    client.force_login(personas.equity)
    url = reverse("tools:assessment_list") + "?scope=all&q=parks&page=2"
    assert_constant_queries(client, url, grow, budget=12)
    page = client.get(url).content.decode()
    assert "q=parks" in page and "Page 2 of" in page


@pytest.mark.needs_postgres
def test_search_uses_the_gin_index():
    for n in range(60):
        AssessmentFactory(title=f"Proposal {n}" if n % 10 else "Rental housing inspections")
    assert (
        titles(assessment_search(qs=Assessment.objects.all(), q="housing inspection"))
        == ["Rental housing inspections"] * 6
    )
    from tools.selectors import assessment_text_search

    qs, match = assessment_text_search(qs=Assessment.objects.all(), q="housing inspection")
    sql, params = qs.filter(match).query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE tools_assessment")
        # Only a bitmap scan is left to the planner, and only the GIN index has a condition to scan for: otherwise a
        # b-tree index scanned whole with a filter may cost less on a small table, depending on the statistics.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute("SET LOCAL enable_indexonlyscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "tools_assessment_search_gin" in plan, plan
