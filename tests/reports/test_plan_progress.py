"""The plan progress report: parameters, permissions, PDF content, and a fixed number of queries."""

import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from plans.models import Plan, RacialGroup
from reports.kinds import report_kind_get
from reports.models import ReportJob
from tests.plans.factories import (
    ActionFactory,
    DataPointFactory,
    IndicatorFactory,
    MeasureFactory,
    MilestoneFactory,
    OutcomeFactory,
    PeriodFactory,
    PlanFactory,
    ResultFactory,
    UpdateFactory,
)
from tests.queries import fill_cached_reads
from tests.reports.factories import pdf_text

pytestmark = pytest.mark.django_db
Status = ReportJob.Status


@pytest.fixture
def plan(personas):
    plan = PlanFactory(
        title="Housing Stability Action Plan",
        departments=[personas.dept],
        owner=personas.manager,
        narrative="St. Louis Park commits to housing stability for every resident.",
    )
    result = ResultFactory(plan=plan, statement="All residents have stable, affordable housing")
    outcome = OutcomeFactory(result=result, statement="Fewer evictions among renters of color")
    indicator = IndicatorFactory(
        result=result, name="Homeownership rate", story="Redlining and exclusionary covenants shaped who could buy."
    )
    # The default groups come with the plans migrations (gone after a transactional test has flushed the database).
    black, _ = RacialGroup.objects.get_or_create(code="black", defaults={"name": "Black or African American"})
    white, _ = RacialGroup.objects.get_or_create(code="white", defaults={"name": "White (not Hispanic)"})
    for year, (b, w) in {2022: ("24", "78"), 2024: ("29", "77")}.items():
        DataPointFactory(indicator=indicator, year=year, group=black, value=Decimal(b))
        DataPointFactory(indicator=indicator, year=year, group=white, value=Decimal(w))
    action = ActionFactory(
        plan=plan, title="Launch a tenant legal-aid fund", lead_department=personas.dept,
        accountable=personas.manager, status="on_track", percent_complete=40,
    )  # fmt: skip
    action.outcomes.add(outcome)
    MilestoneFactory(action=action, title="Partner agreement signed")
    MeasureFactory(action=action, name="Households assisted")
    UpdateFactory(action=action, author=personas.manager, summary="Fund opened with two partner agencies.")
    ActionFactory(plan=plan, title="Repave Excelsior Boulevard sidewalks", lead_department=personas.other_dept)
    return plan


def _create_url(plan):
    return reverse("reports:job_create", kwargs={"kind": "plan_progress", "target": plan.pk})


def test_plan_progress_pdf_has_cover_contents_results_gaps_actions_and_page_numbers(
    client, personas, plan, django_capture_on_commit_callbacks
):
    from library.models import Narrative, NarrativeSection, NarrativeVersion

    version = NarrativeVersion.objects.create(
        narrative=Narrative.objects.create(department=None), number=1, title="Our commitment to racial equity",
        status=NarrativeVersion.Status.PUBLISHED, author=personas.equity, published_at=timezone.now(),
    )  # fmt: skip
    NarrativeSection.objects.create(version=version, heading="Why we lead with race", body="<p>Race predicts.</p>")
    client.force_login(personas.staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_create_url(plan), {"period": "", "department": ""})
    assert response.status_code == 302
    job = ReportJob.objects.get()
    assert job.status == Status.DONE, job.error
    text = pdf_text(Path(job.file.path))
    for expected in (
        "Housing Stability Action Plan",
        "RACIAL EQUITY ACTION PLAN PROGRESS",
        "Contents",
        "St. Louis Park commits to housing stability",
        "Our commitment to racial equity",  # the city's published narrative
        "Why we lead with race",
        "All residents have stable, affordable housing",
        "Homeownership rate",
        "Black or African American",  # a group of the gap table
        "Redlining and exclusionary covenants",
        "Launch a tenant legal-aid fund",
        "Accountable: Mia Manager",
        "Fund opened with two partner agencies.",
        "Partner agreement signed",
        "Households assisted",
        "Repave Excelsior Boulevard sidewalks",
        f"Page 1 of {job.page_count}",
        f"Page {job.page_count} of {job.page_count}",
        "for Sam Staff",
    ):
        assert expected in text, expected
    assert job.page_count >= 4


def test_plan_progress_department_filter_keeps_only_that_departments_actions(
    personas, plan, django_capture_on_commit_callbacks
):
    from reports.jobs import report_job_request

    kind = report_kind_get("plan_progress")
    with django_capture_on_commit_callbacks(execute=True):
        job = report_job_request(
            user=personas.manager, kind=kind, target=plan, params={"department": personas.other_dept.pk}
        )
    job.refresh_from_db()
    assert job.title == "Progress report: Housing Stability Action Plan · Public Works"
    text = pdf_text(Path(job.file.path))
    assert "Repave Excelsior Boulevard sidewalks" in text
    assert "Launch a tenant legal-aid fund" not in text


def test_plan_progress_refuses_a_period_outside_the_plan_and_an_empty_department(client, personas, plan):
    PeriodFactory(name="2019 Q1", start_date=datetime.date(2019, 1, 1), end_date=datetime.date(2019, 3, 31),
                  due_date=datetime.date(2019, 4, 15))  # fmt: skip
    outside = PeriodFactory(
        name="2030 Q1", start_date=datetime.date(2030, 1, 1), end_date=datetime.date(2030, 3, 31),
        due_date=datetime.date(2030, 4, 15),
    )  # fmt: skip
    from tests.factories import DepartmentFactory

    idle = DepartmentFactory(name="Fire")
    client.force_login(personas.manager)
    response = client.post(_create_url(plan), {"period": outside.pk, "department": idle.pk})
    assert response.status_code == 200
    html = response.content.decode()
    assert "2030 Q1 is outside this plan&#x27;s period" in html
    assert "Fire leads no actions in this plan" in html
    assert "data-error-summary" in html
    assert not ReportJob.objects.exists()
    page = client.get(_create_url(plan)).content.decode()
    assert "2019 Q1" not in page  # only periods overlapping the plan are offered


def test_plan_progress_for_a_plan_the_user_may_not_see_is_404_and_creates_no_job(client, personas):
    draft = PlanFactory(title="CD draft", status=Plan.Status.DRAFT, departments=[personas.dept], adopted_on=None)
    client.force_login(personas.other_staff)
    assert client.post(_create_url(draft)).status_code == 404
    assert client.get(_create_url(draft)).status_code == 404
    assert not ReportJob.objects.exists()


def test_plan_progress_download_follows_plan_visibility(client, personas, django_capture_on_commit_callbacks):
    draft = PlanFactory(title="CD draft", status=Plan.Status.DRAFT, departments=[personas.dept], adopted_on=None)
    client.force_login(personas.staff)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_create_url(draft))
    job = ReportJob.objects.get()
    url = reverse("reports:job_download", args=[job.pk])
    assert client.get(url).status_code == 200
    personas.staff.departments.set([personas.other_dept])
    client.force_login(personas.staff)
    assert client.get(url).status_code == 404  # the draft is no longer theirs to see


def test_plan_progress_context_runs_a_fixed_number_of_queries(personas, plan):
    kind = report_kind_get("plan_progress")
    job = ReportJob(kind="plan_progress", params={"target": plan.pk}, requested_by=personas.manager,
                    queued_at=timezone.now())  # fmt: skip

    def count() -> int:
        fill_cached_reads()  # the city-wide reads (legend, chart colours), as a worker has them once cached
        with CaptureQueriesContext(connection) as ctx:
            kind.build_context(job, plan)
        return len(ctx.captured_queries)

    before = count()
    result = ResultFactory(plan=plan)
    outcome = OutcomeFactory(result=result)
    IndicatorFactory(result=result)
    for _ in range(5):
        action = ActionFactory(plan=plan, lead_department=personas.dept)
        action.outcomes.add(outcome)
        MilestoneFactory(action=action)
        MeasureFactory(action=action)
        UpdateFactory(action=action)
    # 13: the actions' co-lead departments are one query (the chart colours and the legend come from the cache)
    assert count() == before <= 13


def test_plan_progress_figures_are_the_plan_pages(personas, plan):
    """The report's roll-ups come from the plan page's selector functions: the same totals, statuses and averages."""
    from plans.selectors import plan_report_tree
    from plans.selectors_tree import plan_tree

    second = ResultFactory(plan=plan)
    outcome = OutcomeFactory(result=second)
    for n, status in enumerate(["at_risk", "off_track", "completed"]):
        ActionFactory(plan=plan, status=status, percent_complete=10 * n).outcomes.add(outcome)
    page = plan_tree(plan=plan)
    report = plan_report_tree(plan=plan)
    assert report["rollup"] == page["rollup"] and report["rollup"].total == 5
    assert {r.pk: r.rollup for r in report["results"]} == {r.pk: r.rollup for r in page["results"]}
    only_cd = plan_report_tree(plan=plan, department=personas.dept)
    assert [r.rollup.total for r in only_cd["results"]] == [1, 0]
    assert only_cd["rollup"].total == 1


def test_plan_page_links_to_the_progress_report(client, personas, plan):
    client.force_login(personas.staff)
    html = client.get(reverse("plans:plan_detail", args=[plan.pk])).content.decode()
    assert _create_url(plan) in html


def test_plan_progress_pdf_shows_gap_trends_years_to_close_and_years_without_a_gap(
    client, personas, plan, django_capture_on_commit_callbacks
):
    indicator = plan.results.get().indicators.get()
    DataPointFactory(indicator=indicator, year=2023, group=RacialGroup.objects.get(code="black"), value=Decimal("27"))
    # Margins of error in 2024: Asian 75 ± 4 is 2 behind White 77 ± 1, within √(4² + 1²) = 4.12.
    indicator.data_points.filter(year=2024).update(margin_of_error=Decimal(1))
    asian = RacialGroup.objects.get(code="asian")
    DataPointFactory(indicator=indicator, year=2024, group=asian, value=Decimal(75), margin_of_error=Decimal(4))
    client.force_login(personas.staff)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_create_url(plan), {"period": "", "department": ""})
    job = ReportJob.objects.get()
    assert job.status == Status.DONE, job.error
    text = " ".join(pdf_text(Path(job.file.path)).split())
    for expected in (
        "Gaps by group in 2024 (compared with White (not Hispanic))",
        "Black or African American 29.0 ± 1.0 48.0 0.38 significant",  # 77 - 29; 29 / 77 = 0.377 (one place)
        "Asian 75.0 ± 4.0 2.0 0.97 not significant",
        "2023: no gap. Only one group has data for this year",
        "Black or African American: 54.0 (2022) → 48.0 (2024), narrowing",
        # Gaps 54 (2022), 48 (2024): -3 a year, 48 / 3 = 16 years, by 2040.
        "Black or African American: 16.0 years (by 2040), gap changing -3.0 a year",
        "If nothing changes: values in 2030",
        "Dashed lines: each group's trend carried forward to 2030 if nothing changes.",
    ):
        assert expected in text, expected
