"""Plan structure (ADR 0035): codes, co-leads, timelines, links, scales and delete: services, forms and pages."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from plans.forms.actions import ActionForm
from plans.forms.structure import ActionLinkForm
from plans.models import Action, ActionLink, Outcome, Result, ScaleLevel
from plans.selectors import action_list_for_user, plan_action_list
from plans.services.actions import action_create, action_update
from plans.services.deletion import action_delete, outcome_delete, result_delete
from plans.services.plans import outcome_save, result_save
from plans.services.structure import action_link_add, scale_level_delete, scale_level_save
from tests.plans.factories import ActionFactory, OutcomeFactory, PlanFactory, ResultFactory, UpdateFactory

pytestmark = pytest.mark.django_db


def _create(personas, world, **fields):
    base = {"title": "Fund rental help", "lead_department": personas.dept}
    return action_create(author=personas.manager, plan=world.plan, **(base | fields))


# Codes


def test_codes_are_unique_per_level_within_a_plan(personas, world):
    _create(personas, world, code="1.2")
    with pytest.raises(ValidationError) as exc:
        _create(personas, world, code="1.2")
    assert "code" in exc.value.message_dict
    other_plan = PlanFactory(departments=[personas.dept])
    action_create(
        author=personas.manager, plan=other_plan, title="Same code", lead_department=personas.dept, code="1.2"
    )
    result = result_save(author=personas.manager, result=Result(plan=world.plan, statement="Homes", code="1.2"))
    assert result.code == "1.2"  # another level may use the same code
    outcome_save(author=personas.manager, outcome=Outcome(result=result, statement="A", code="1.2.1"))
    with pytest.raises(ValidationError):  # unique across all results of the plan
        outcome_save(author=personas.manager, outcome=Outcome(result=world.result, statement="B", code="1.2.1"))


def test_code_sort_key_is_stored_and_lists_sort_naturally(personas, world):
    for code in ["1.10", "1.9", "2", ""]:
        _create(personas, world, code=code, title=f"Action {code or 'uncoded'}")
    actions = plan_action_list(user=personas.staff, plan=world.plan, sort="code")
    codes = [a.code for a in actions if a.title.startswith("Action ") and a.pk != world.action.pk]
    assert codes[:3] == ["1.9", "1.10", "2"] and set(codes[3:]) == {""}
    assert Action.objects.get(code="1.10").code_key < Action.objects.get(code="2").code_key


# Timelines and the due date


def test_timeline_sets_dates_and_derives_the_due_date(personas, world):
    action = _create(personas, world, timeline="FY2027 Q2", start_date=None)
    assert (action.timeline, action.timeline_start, action.timeline_end) == (
        "FY2027 Q2",
        datetime.date(2026, 10, 1),
        datetime.date(2026, 12, 31),
    )
    assert action.due_date == datetime.date(2026, 12, 31)
    # A changed timeline moves a derived due date; a chosen one stays.
    action = action_update(author=personas.manager, action=action, version=action.version, timeline="2027")
    assert action.due_date == datetime.date(2027, 12, 31)
    action = action_update(
        author=personas.manager,
        action=action,
        version=action.version,
        timeline="2028",
        due_date=datetime.date(2028, 3, 1),
    )
    assert action.due_date == datetime.date(2028, 3, 1)
    action = action_update(author=personas.manager, action=action, version=action.version, timeline="Ongoing")
    assert action.timeline == "Ongoing" and action.timeline_end is None and action.due_date == datetime.date(2028, 3, 1)


def test_bad_timeline_is_refused_on_its_field_and_nothing_saved(personas, world):
    with pytest.raises(ValidationError) as exc:
        _create(personas, world, timeline="next spring", code="bad code!")
    assert {"timeline", "code"} <= set(exc.value.message_dict)
    assert not Action.objects.filter(title="Fund rental help").exists()


# Co-leads


def test_co_lead_department_members_read_the_action_of_a_draft_plan(personas, world):
    action = ActionFactory(plan=world.draft, lead_department=personas.dept)
    assert not action_list_for_user(user=personas.other_staff).filter(pk=action.pk).exists()
    action_update(
        author=personas.manager, action=action, version=action.version, co_lead_departments=[personas.other_dept]
    )
    assert action_list_for_user(user=personas.other_staff).filter(pk=action.pk).exists()
    history = action.history.first()
    assert [row.department_id for row in history.co_lead_departments.all()] == [personas.other_dept.pk]
    assert history.history_user == personas.manager


def test_lead_department_is_never_its_own_co_lead(personas, world):
    action = _create(personas, world, co_lead_departments=[personas.dept, personas.other_dept], co_lead_teams="HR")
    assert list(action.co_lead_departments.all()) == [personas.other_dept]


# Links


def test_links_are_http_only_and_limited(personas, world):
    link = action_link_add(author=personas.manager, action=world.action, url=" https://example.org/x ", label="X")
    assert link.url == "https://example.org/x" and link.history.first().history_user == personas.manager
    with pytest.raises(ValidationError):
        action_link_add(author=personas.manager, action=world.action, url="javascript:alert(1)", label="Bad")
    form = ActionLinkForm({"label": "L" * 201, "url": "ftp://example.org/" + "a" * 500})
    assert not form.is_valid()
    assert "at most 200 characters" in str(form.errors["label"])
    assert "url" in form.errors


# Scales


def test_migration_made_default_levels_and_labels_are_unique_per_scale(personas):
    labels = {(level.kind, level.label) for level in ScaleLevel.objects.all()}
    assert {("priority", "High"), ("effort", "Low"), ("impact", "Medium")} <= labels
    level = scale_level_save(author=personas.equity, level=ScaleLevel(kind="priority", label="Level 1", order=0))
    with pytest.raises(ValidationError):
        scale_level_save(author=personas.equity, level=ScaleLevel(kind="priority", label="level 1"))
    scale_level_save(author=personas.equity, level=ScaleLevel(kind="impact", label="Level 1"))
    ActionFactory(priority=level)
    with pytest.raises(ValidationError, match="Actions use this level"):
        scale_level_delete(author=personas.equity, level=level)


def test_action_form_states_limits_and_offers_only_each_scales_levels(personas, world):
    form = ActionForm(
        {"title": "T", "lead_department": personas.dept.pk, "code": "x" * 21, "timeline": "whenever"},
        user=personas.manager,
        plan=world.plan,
    )
    assert not form.is_valid()
    assert "at most 20 characters" in " ".join(form.errors["code"])
    assert "Write a year" in " ".join(form.errors["timeline"])
    assert {lv.kind for lv in form.fields["priority"].queryset} == {"priority"}
    assert "At most 300 characters" in str(form.fields["co_lead_teams"].help_text)


# Delete


def test_delete_only_without_history_of_work(personas, world):
    action = ActionFactory(plan=world.plan, lead_department=personas.dept)
    action_delete(author=personas.manager, action=action)
    assert not Action.objects.filter(pk=action.pk).exists()
    deleted = Action.history.filter(id=action.pk, history_type="-").get()
    assert deleted.history_user == personas.manager
    with pytest.raises(ValidationError, match="cancel it instead"):
        action_delete(author=personas.manager, action=world.action)  # it has an update
    with pytest.raises(ValidationError, match="Actions are linked"):
        outcome_delete(author=personas.manager, outcome=world.outcome)
    with pytest.raises(ValidationError, match="has outcomes"):
        result_delete(author=personas.manager, result=world.result)
    empty = ResultFactory(plan=world.plan)
    outcome = OutcomeFactory(result=empty)
    outcome_delete(author=personas.manager, outcome=outcome)
    result_delete(author=personas.manager, result=empty)
    assert not Result.objects.filter(pk=empty.pk).exists()


def test_delete_pages_confirm_refuse_and_deny(client, personas, world):
    action = ActionFactory(plan=world.plan, lead_department=personas.dept)
    url = reverse("plans:action_delete", args=[action.pk])
    client.force_login(personas.staff)
    assert client.post(url).status_code == 403
    client.force_login(personas.manager)
    page = client.get(url).content.decode()
    assert "Delete this action?" in page and "history keeps a copy" in page
    assert client.post(url, {"version": action.version}).status_code == 302
    assert not Action.objects.filter(pk=action.pk).exists()
    UpdateFactory(action=world.action, author=personas.staff)
    response = client.post(reverse("plans:action_delete", args=[world.action.pk]))
    assert response.status_code == 400 and "cancel it instead" in response.content.decode()
    assert Action.objects.filter(pk=world.action.pk).exists()


# Pages


def test_pages_show_codes_co_leads_timelines_and_scales_as_text(client, personas, world):
    level = ScaleLevel.objects.get(kind="priority", label="High")
    Result.objects.filter(pk=world.result.pk).update(code="3")
    action = _create(
        personas,
        world,
        code="3.1.2",
        timeline="2024 Q1–Q3",
        co_lead_departments=[personas.other_dept],
        co_lead_teams="Office of Racial Equity; HR",
        measure_of_success="Fewer evictions of Black renters.",
        priority=level,
        outcomes=[world.outcome],
    )
    action_link_add(author=personas.manager, action=action, url="https://example.org/r", label="Council resolution")
    client.force_login(personas.other_staff)
    detail = client.get(reverse("plans:action_detail", args=[action.pk])).content.decode()
    for text in ("3.1.2", "2024 Q1–Q3", personas.other_dept.name, "Office of Racial Equity; HR", "Fewer evictions",
                 "High", "Council resolution"):  # fmt: skip
        assert text in detail, text
    plan_page = client.get(reverse("plans:plan_detail", args=[world.plan.pk])).content.decode()
    assert ">3 " in plan_page.replace("\n", " ")  # the result's code
    opened = reverse("plans:plan_outcome_actions", args=[world.plan.pk]) + f"?outcome={world.outcome.pk}"
    outcome_actions = client.get(opened).content.decode()  # what an opened outcome of the plan page shows
    assert "3.1.2" in outcome_actions and "2024 Q1–Q3" in outcome_actions
    actions_page = client.get(reverse("plans:plan_actions", args=[world.plan.pk]) + "?sort=code").content.decode()
    assert "3.1.2" in actions_page


def test_scales_settings_page_lists_levels_for_the_equity_team(client, personas):
    client.force_login(personas.equity)
    page = client.get(reverse("plans:settings")).content.decode()
    assert "Priority, effort and impact scales" in page and "Effort (lift)" in page
    response = client.post(reverse("plans:scale_level_create", args=["priority"]), {"label": "Level 1", "order": 1})
    assert response.status_code == 302 and ScaleLevel.objects.filter(kind="priority", label="Level 1").exists()
    response = client.post(reverse("plans:scale_level_create", args=["priority"]), {"label": "x" * 61, "order": 1})
    assert response.status_code == 400 and "at most 60 characters" in response.content.decode()


def test_links_page_adds_and_removes(client, personas, world):
    client.force_login(personas.manager)
    url = reverse("plans:action_links", args=[world.action.pk])
    response = client.post(url, {"label": "Dashboard", "url": "http://example.org/d"})
    assert response.status_code == 302
    link = ActionLink.objects.get(action=world.action)
    bad = client.post(url, {"label": "", "url": "mailto:someone@example.org"})
    assert bad.status_code == 400 and ActionLink.objects.count() == 1
    assert client.post(reverse("plans:action_link_remove", args=[link.pk])).status_code == 302
    assert not ActionLink.objects.exists() and ActionLink.history.filter(history_type="-").exists()


def test_export_has_code_and_timeline_columns(client, personas, world):
    Action.objects.filter(pk=world.action.pk).update(code="1.1", timeline="FY2026")
    client.force_login(personas.staff)
    response = client.get(reverse("plans:plan_export", args=[world.plan.pk, "csv"]))
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    header, *rows = text.splitlines()
    assert "Action code" in header and "Timeline" in header
    assert any("1.1" in row and "FY2026" in row for row in rows)


def test_plan_progress_pdf_shows_codes_co_leads_and_timelines(personas, world, django_capture_on_commit_callbacks):
    from pathlib import Path

    from reports.models import ReportJob
    from tests.reports.factories import pdf_text, request_roster

    Result.objects.filter(pk=world.result.pk).update(code="4")
    _create(
        personas,
        world,
        title="Translate notices",
        code="4.1.3",
        timeline="FY2026 Q2",
        co_lead_teams="Language Access Office",
        measure_of_success="Notices read in every language.",
        outcomes=[world.outcome],
    )
    with django_capture_on_commit_callbacks(execute=True):
        job = request_roster(user=personas.manager, department=world.plan, kind="plan_progress")
    job.refresh_from_db()
    assert job.status == ReportJob.Status.DONE, job.error
    text = " ".join(pdf_text(Path(job.file.path)).split())
    for expected in ("4.1.3 Translate notices", "FY2026 Q2", "Language Access Office", "Notices read in every"):
        assert expected in text, expected
    assert f"4 {world.result.statement}" in text


def test_reference_data_seeds_only_empty_scales():
    from plans.reference import scale_levels_ensure

    ScaleLevel.objects.filter(kind="priority").delete()
    ScaleLevel.objects.filter(kind="effort", label="High").update(label="Heavy lift")
    scale_levels_ensure()
    assert list(ScaleLevel.objects.filter(kind="priority").values_list("label", flat=True)) == ["High", "Medium", "Low"]
    assert not ScaleLevel.objects.filter(kind="effort", label="High").exists()  # a rename is never undone


def test_history_page_names_co_lead_changes(client, personas, world):
    action_update(
        author=personas.manager,
        action=world.action,
        version=world.action.version,
        co_lead_departments=[personas.other_dept],
        code="7.1",
        timeline="FY2027",
    )
    client.force_login(personas.staff)
    page = client.get(reverse("plans:action_history", args=[world.action.pk])).content.decode()
    assert "FY2027" in page and "7.1" in page and personas.other_dept.name in page
