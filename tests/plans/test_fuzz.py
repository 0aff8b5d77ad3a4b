"""Property-based checks of every plans filter, search box and form field: hostile text never gives a 500 and never
changes data (GETs change nothing; a form that fails validation saves nothing; valid free text is stored as typed)."""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plans.models import Action, Plan, ProgressUpdate
from tests.db_state import nothing_saved
from tests.fuzz import assert_never_fails, form_errors, hostile_text

pytestmark = pytest.mark.django_db

SUPPRESS = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large]
FUZZ = settings(max_examples=20, deadline=None, suppress_health_check=SUPPRESS)
FORM_FUZZ = settings(max_examples=10, deadline=None, suppress_health_check=SUPPRESS)
PLANS_MODELS = [
    "plans.Plan", "plans.Result", "plans.Outcome", "plans.Indicator", "plans.IndicatorDataPoint", "plans.Action",
    "plans.ProgressUpdate", "plans.Milestone", "plans.PerformanceMeasure", "plans.MeasureDataPoint",
    "plans.ReportingPeriod", "plans.RacialGroup", "plans.StatusLegendEntry", "plans.Reminder", "plans.ActionLink",
    "plans.ScaleLevel",
]  # fmt: skip
PAGE = st.one_of(hostile_text(), st.integers().map(str))


def _get(client, url: str, params: dict) -> None:
    """A GET with hostile parameters answers (a page or a clear client error) and saves nothing."""
    with nothing_saved():
        response = client.get(url, params)
    assert_never_fails(response)


@FUZZ
@given(q=hostile_text(), status=hostile_text(), department=hostile_text(), year=hostile_text(), page=PAGE)
def test_plan_list_filters_take_any_text(client, personas, world, q, status, department, year, page):
    client.force_login(personas.staff)
    _get(client, reverse("plans:plan_list"), {"q": q, "status": status, "department": department, "year": year,
                                              "page": page})  # fmt: skip


@FUZZ
@given(q=hostile_text(), page=PAGE)
def test_plan_search_box_alone(client, personas, world, q, page):
    client.force_login(personas.equity)
    response = client.get(reverse("plans:plan_list"), {"q": q, "page": page})
    assert response.status_code == 200  # a search never errors: it finds nothing or something


@FUZZ
@given(q=hostile_text(), outcome=hostile_text(), status=hostile_text(), department=hostile_text(),
       sort=hostile_text(), page=PAGE)  # fmt: skip
def test_plan_actions_filters_take_any_text(client, personas, world, q, outcome, status, department, sort, page):
    client.force_login(personas.other_staff)
    params = {"q": q, "outcome": outcome, "status": status, "department": department, "sort": sort, "page": page}
    _get(client, reverse("plans:plan_actions", args=[world.plan.pk]), params)


@FUZZ
@given(department=hostile_text(), page=PAGE)
def test_tracking_filters_take_any_text(client, personas, world, department, page):
    client.force_login(personas.manager)
    _get(client, reverse("plans:department_tracking"), {"department": department, "page": page})
    _get(client, reverse("plans:my_actions"), {"page": page})
    _get(client, reverse("plans:period_list"), {"page": page})


@FUZZ
@given(compare=hostile_text(), year=hostile_text(), page=PAGE)
def test_indicator_and_history_parameters_take_any_text(client, personas, world, compare, year, page):
    client.force_login(personas.equity)
    _get(client, reverse("plans:indicator_detail", args=[world.indicator.pk]), {"compare": compare})
    _get(client, reverse("plans:indicator_data", args=[world.indicator.pk]), {"year": year})
    for name, pk in [("plan_history", world.plan.pk), ("action_history", world.action.pk),
                     ("indicator_history", world.indicator.pk), ("result_history", world.result.pk)]:  # fmt: skip
        _get(client, reverse(f"plans:{name}", args=[pk]), {"page": page})


@FUZZ
@given(fmt=hostile_text())
def test_export_format_takes_any_text(client, personas, world, fmt):
    client.force_login(personas.equity)
    for name, pk in [("plan_export", world.plan.pk), ("indicator_export", world.indicator.pk)]:
        path = reverse(f"plans:{name}", args=[pk, "csv"]).replace("csv", "") + fmt.replace("/", "")
        with nothing_saved():
            response = client.get(path)
        assert response.status_code in (200, 404)  # a known format, or no such page


# Every form, each with one field that can never be valid (an impossible date or an unknown choice) so the post must
# fail validation; every other field gets hostile text.
FORMS = [
    ("plan_create", None, ["title", "scope", "departments", "period_end", "status", "adopted_on", "adopted_by", "owner",
                           "narrative", "is_public", "version"], ("period_start", "2026-02-30")),
    ("plan_update", "plan", ["title", "scope", "departments", "period_end", "status", "adopted_on", "adopted_by",
                             "owner", "narrative", "is_public", "version"], ("period_start", "2026-02-30")),
    ("result_create", "plan", ["code", "statement", "description", "sort_order"], ("area", "no-such-area")),
    ("result_update", "result", ["code", "statement", "description", "sort_order"], ("area", "no-such-area")),
    ("outcome_create", "result", ["code", "statement", "department", "sort_order"], ("level", "no-such-level")),
    ("outcome_update", "outcome", ["code", "statement", "department", "sort_order"], ("level", "no-such-level")),
    ("indicator_create", "result", ["name", "definition", "unit", "data_source", "baseline_value", "baseline_year",
                                    "target_value", "target_year", "story", "sort_order", "version"],
     ("direction", "sideways")),
    ("indicator_update", "indicator", ["name", "definition", "unit", "data_source", "baseline_value",
                                       "baseline_year", "target_value", "target_year", "story", "sort_order",
                                       "version"], ("direction", "sideways")),
    ("action_create", "plan", ["code", "title", "description", "outcomes", "lead_department", "co_lead_departments",
                               "co_lead_teams", "accountable", "partners", "measure_of_success", "timeline",
                               "start_date", "due_date", "effort", "impact", "expected_impact", "staff_time", "cost",
                               "version"], ("priority", "no-such-priority")),
    ("action_update", "action", ["code", "title", "description", "outcomes", "lead_department", "co_lead_departments",
                                 "co_lead_teams", "accountable", "partners", "measure_of_success", "timeline",
                                 "start_date", "due_date", "effort", "impact", "expected_impact", "staff_time",
                                 "cost", "version"], ("priority", "no-such-priority")),
    ("action_links", "action", ["label"], ("url", "javascript:alert(1)")),
    ("update_create", "action", ["period", "percent_complete", "summary", "barriers", "next_steps", "status_reason",
                                 "version", "as_of", "confirm_incomplete"], ("status", "no-such-status")),
    ("update_correct", "update", ["percent_complete", "summary", "barriers", "next_steps", "correction_reason",
                                  "version", "as_of"], ("status", "cancelled")),
    ("action_cancel", "action", ["reason", "version"], ("confirm", "")),
    ("milestone_create", "action", ["title", "done_on"], ("due_date", "2026-02-30")),
    ("milestone_update", "milestone", ["title", "done_on"], ("due_date", "2026-02-30")),
    ("measure_create", "action", ["name", "unit", "baseline_value", "target_value", "frequency"], ("kind", "nope")),
    ("measure_point_create", "measure", ["period_label", "group", "value"], ("period_end", "2026-02-30")),
    ("period_create", None, ["name", "end_date", "due_date"], ("start_date", "2026-02-30")),
    ("group_create", None, ["name", "code", "is_total", "is_active"], ("sort_order", "-1")),
    ("group_update", "group", ["name", "code", "is_total", "is_active"], ("sort_order", "-1")),
    ("legend_update", "legend", ["description", "label", "sort_order"], ("tone", "no-such-tone")),
    ("indicator_data", "indicator", ["new_year", "version"], ("cell", "not a number")),
]  # fmt: skip


def _target(world, kind):
    from plans.models import RacialGroup, StatusLegendEntry

    if kind is None:
        return []
    if kind == "group":
        return [RacialGroup.objects.order_by("pk").first().pk]
    if kind == "legend":
        return [StatusLegendEntry.objects.order_by("pk").first().pk]
    return [getattr(world, kind).pk]


@pytest.mark.parametrize(("name", "target", "fields", "invalid"), FORMS, ids=[f[0] for f in FORMS])
def test_every_form_field_refuses_hostile_text_without_saving(client, personas, world, name, target, fields, invalid):
    client.force_login(personas.equity)
    url = reverse(f"plans:{name}", args=_target(world, target))
    assert client.get(url).status_code == 200
    if invalid[0] == "cell":  # the data grid: a value cell of an existing data point
        point = world.indicator.data_points.first()
        invalid = (f"v_{point.year}_{point.group_id}", invalid[1])

    @FORM_FUZZ
    @given(values=st.fixed_dictionaries({field: hostile_text() for field in fields}))
    def check(values):
        with nothing_saved(PLANS_MODELS + [f"plans.Historical{label.split('.')[1]}" for label in PLANS_MODELS]):
            response = client.post(url, {**values, invalid[0]: invalid[1]})
        assert_never_fails(response)
        assert response.status_code in (200, 400, 404, 409), "an invalid post is never accepted"
        if response.status_code in (200, 400):
            assert form_errors(response), "a refused form says what is wrong"

    check()


def _accepted(response) -> None:
    errors = response.context["form"].errors if response.context and "form" in response.context else None
    assert response.status_code == 302, errors


@FUZZ
@given(title=hostile_text(), narrative=hostile_text())
def test_plan_free_text_is_saved_exactly_as_typed(client, personas, title, narrative):
    client.force_login(personas.equity)
    data = {"scope": "citywide", "departments": [personas.dept.pk], "period_start": "2026-01-01",
            "period_end": "2029-12-31", "status": "draft"}  # fmt: skip
    _accepted(client.post(reverse("plans:plan_create"), {**data, "title": "Housing plan"}))
    before = Plan.objects.count()
    response = client.post(reverse("plans:plan_create"), {**data, "title": title, "narrative": narrative})
    assert_never_fails(response)
    if response.status_code == 302:
        plan = Plan.objects.latest("pk")
        assert (plan.title, plan.narrative) == (title.strip(), narrative.strip())
    else:  # blank or too long: refused with field errors, nothing saved
        assert response.status_code == 400 and response.context["form"].errors
        assert Plan.objects.count() == before


@FUZZ
@given(summary=hostile_text(), barriers=hostile_text())
def test_progress_update_text_is_saved_exactly_as_typed(client, personas, world, summary, barriers):
    client.force_login(personas.staff)
    url = reverse("plans:update_create", args=[world.action.pk])

    def data() -> dict:
        action = Action.objects.get(pk=world.action.pk)
        return {"status": action.status, "percent_complete": action.percent_complete, "version": action.version}

    _accepted(client.post(url, {**data(), "summary": "Met the advisory group."}))
    before = ProgressUpdate.objects.count()
    response = client.post(url, {**data(), "summary": summary, "barriers": barriers})
    assert_never_fails(response)
    if response.status_code == 302:
        update = ProgressUpdate.objects.latest("pk")
        assert (update.summary, update.barriers) == (summary.strip(), barriers.strip())
    else:  # a blank summary: refused with field errors, nothing saved
        assert response.status_code == 400 and response.context["form"].errors
        assert ProgressUpdate.objects.count() == before
