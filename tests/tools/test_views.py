"""The worksheet pages: autosave, stale saves, tampered forms, the table editor, lists and the review pages."""

import pytest
from django.urls import reverse

from tests.tools.factories import AssessmentFactory, current_template, full_template
from tools.models import Answer, Assessment, Question, StepComment

pytestmark = pytest.mark.django_db


def question(assessment, code):
    return Question.objects.get(step__template=assessment.template, code=code)


def autosave(client, assessment, q, data):
    return client.post(reverse("tools:answer_autosave", args=[assessment.pk, q.pk]), data)


def test_autosave_saves_and_shows_time_and_new_version(client, personas, full_draft):
    client.force_login(personas.staff)
    q = question(full_draft, "1.1")
    response = autosave(client, full_draft, q, {f"q{q.pk}": "Fund 40 homes", f"q{q.pk}_version": "0"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Saved at" in html and f'name="q{q.pk}_version"' in html and 'value="1"' in html
    assert Answer.objects.get(assessment=full_draft, question=q).value == "Fund 40 homes"


def test_autosave_stale_save_refused_with_both_versions(client, personas, full_draft):
    q = question(full_draft, "1.1")
    client.force_login(personas.manager)
    autosave(client, full_draft, q, {f"q{q.pk}": "Manager's version", f"q{q.pk}_version": "0"})
    client.force_login(personas.staff)
    response = autosave(client, full_draft, q, {f"q{q.pk}": "Staff version", f"q{q.pk}_version": "0"})
    assert response.status_code == 409
    html = response.content.decode()
    assert "Manager&#x27;s version" in html and "Staff version" in html and "Mia Manager saved this answer" in html
    assert Answer.objects.get(assessment=full_draft, question=q).value == "Manager's version"
    # Choosing "Keep my version" replaces theirs, knowingly.
    response = autosave(client, full_draft, q, {f"q{q.pk}": "Staff version", f"q{q.pk}_version": "0", "keep_mine": "1"})
    assert response.status_code == 200
    assert Answer.objects.get(assessment=full_draft, question=q).value == "Staff version"


def test_autosave_invalid_value_explained_not_saved(client, personas, full_draft):
    client.force_login(personas.staff)
    q = question(full_draft, "1.1")
    response = autosave(client, full_draft, q, {f"q{q.pk}": "x" * 10001, f"q{q.pk}_version": "0"})
    assert response.status_code == 422
    assert "Not saved" in response.content.decode() and "limit is 10000" in response.content.decode()
    assert not Answer.objects.filter(value__isnull=False).exclude(value=None).exists()


@pytest.mark.parametrize("case", ["other_template", "choice", "version", "bogus_question"])
def test_autosave_tampered_requests_are_400_and_change_nothing(client, personas, full_draft, case):
    client.force_login(personas.staff)
    q = question(full_draft, "4.1")
    data = {f"q{q.pk}": "Increase", f"q{q.pk}_version": "0"}
    if case == "other_template":
        q = Question.objects.filter(step__template__slug="budget-decision").first()
        data = {f"q{q.pk}": "x", f"q{q.pk}_version": "0"}
    elif case == "choice":
        data[f"q{q.pk}"] = "Not offered"
    elif case == "version":
        data[f"q{q.pk}_version"] = "abc"
    if case == "bogus_question":
        response = client.post(reverse("tools:answer_autosave", args=[full_draft.pk, 999999]), data)
    else:
        response = autosave(client, full_draft, q, data)
    assert response.status_code == 400
    assert not Answer.objects.exists()


def test_step_post_without_js_saves_valid_and_reports_invalid(client, personas):
    budget = Assessment.objects.create(
        template=full_template().__class__.objects.get(slug="budget-decision", version=1),
        title="Parks budget",
        decision_type="budget",
        department=personas.dept,
        lead=personas.staff,
    )
    client.force_login(personas.staff)
    name = question(budget, "1.1")
    amount = question(budget, "1.2")
    kind = question(budget, "1.3")
    goals = question(budget, "1.4")
    data = {
        f"q{name.pk}": "Splash pad",
        f"q{name.pk}_version": "0",
        f"q{amount.pk}": "lots",
        f"q{amount.pk}_version": "0",
        f"q{kind.pk}": "New investment",
        f"q{kind.pk}_version": "0",
        f"q{goals.pk}": "",
        f"q{goals.pk}_version": "0",
    }
    response = client.post(reverse("tools:step_fill", args=[budget.pk, 1]), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Some answers were not saved" in html and "must be a number" in html
    assert 'value="lots"' in html  # what was typed is kept
    assert Answer.objects.get(question=name).value == "Splash pad"
    assert not Answer.objects.filter(question=amount).exists()
    data[f"q{amount.pk}"] = "250000"
    data[f"q{name.pk}_version"] = "1"
    response = client.post(reverse("tools:step_fill", args=[budget.pk, 1]), {**data, "next": "1"})
    assert response.status_code == 302 and response["Location"].endswith("/steps/2/")
    assert Answer.objects.get(question=amount).value == "250000"


def test_step_post_tampered_choice_is_400(client, personas, full_draft):
    client.force_login(personas.staff)
    q = question(full_draft, "4.1")
    response = client.post(
        reverse("tools:step_fill", args=[full_draft.pk, 4]), {f"q{q.pk}": "Hacked", f"q{q.pk}_version": "0"}
    )
    assert response.status_code == 400


def test_step_page_unknown_step_is_404(client, personas, full_draft):
    client.force_login(personas.staff)
    assert client.get(reverse("tools:step_fill", args=[full_draft.pk, 9])).status_code == 404


def _rows(q, rows, version=0, op="save"):
    data = {"rows": str(len(rows)), f"q{q.pk}_version": str(version), "op": op}
    for i, row in enumerate(rows):
        for key, value in row.items():
            data[f"r{i}-{key}"] = value
    return data


def test_table_editor_add_edit_reorder_remove(client, personas, full_draft):
    client.force_login(personas.staff)
    q = question(full_draft, "4.2")
    url = reverse("tools:table_edit", args=[full_draft.pk, q.pk])
    assert "Row 1" in client.get(url).content.decode()
    black = {"group": "Black or African American", "benefits": "More homes", "burdens": "", "evidence": "ACS"}
    white = {"group": "White", "benefits": "Little change", "burdens": "", "evidence": "ACS"}
    response = client.post(url, _rows(q, [black], op="add"))
    assert response.status_code == 302 and "add=1" in response["Location"]
    page = client.get(response["Location"]).content.decode()
    assert "Row 2" in page
    client.post(url, _rows(q, [black, white], version=1))
    assert [r["group"] for r in Answer.objects.get(question=q).value] == ["Black or African American", "White"]
    client.post(url, _rows(q, [black, white], version=2, op="down-0"))
    assert [r["group"] for r in Answer.objects.get(question=q).value] == ["White", "Black or African American"]
    client.post(url, _rows(q, [white, black], version=3, op="remove-0"))
    assert [r["group"] for r in Answer.objects.get(question=q).value] == ["Black or African American"]


def test_table_editor_invalid_cell_shown_and_nothing_saved(client, personas, full_draft):
    client.force_login(personas.staff)
    q = question(full_draft, "2.3")
    url = reverse("tools:table_edit", args=[full_draft.pk, q.pk])
    row = {"indicator": "Home ownership", "group": "Asian", "value": "many", "year": "2024", "source": "ACS"}
    response = client.post(url, _rows(q, [row]))
    assert response.status_code == 200
    assert "The table was not saved" in response.content.decode()
    assert "Value must contain a number" in response.content.decode()
    assert not Answer.objects.filter(question=q).exists()


def test_table_editor_tampered_column_choice_and_stale(client, personas, full_draft):
    client.force_login(personas.staff)
    q = question(full_draft, "2.3")
    url = reverse("tools:table_edit", args=[full_draft.pk, q.pk])
    bad = {"indicator": "x", "group": "Martians", "value": "1", "year": "2024", "source": "x"}
    assert client.post(url, _rows(q, [bad])).status_code == 400
    assert client.post(url, {"rows": "9999", f"q{q.pk}_version": "0"}).status_code == 400
    good = {**bad, "group": "Asian"}
    client.post(url, _rows(q, [good]))
    response = client.post(url, _rows(q, [{**good, "value": "2"}], version=0))
    assert response.status_code == 409
    assert Answer.objects.get(question=q).value[0]["value"] == "1"
    other = Question.objects.filter(step__template__slug="budget-decision", type="table").first()
    assert client.get(reverse("tools:table_edit", args=[full_draft.pk, other.pk])).status_code == 400


def test_step_comment_posted_and_listed(client, personas, full_draft):
    client.force_login(personas.manager)
    url = reverse("tools:step_comment", args=[full_draft.pk, 3])
    response = client.post(url, {"body": "Who from the Somali community was engaged?"})
    assert response.status_code == 302
    assert StepComment.objects.get().step.number == 3
    page = client.get(reverse("tools:step_fill", args=[full_draft.pk, 3])).content.decode()
    assert "Somali community" in page
    response = client.post(url, {"body": ""})
    assert response.status_code == 200 and "There is a problem" in response.content.decode()


def test_submit_with_missing_answers_shows_summary(client, personas, full_draft):
    client.force_login(personas.staff)
    response = client.post(reverse("tools:assessment_submit", args=[full_draft.pk]), follow=True)
    html = response.content.decode()
    assert "required answers are missing" in html and "Still needed before you can submit" in html
    full_draft.refresh_from_db()
    assert full_draft.status == "draft"


def test_review_return_then_approve_pages(client, personas, in_review):
    client.force_login(personas.manager)
    url = reverse("tools:assessment_review", args=[in_review.pk])
    response = client.post(url, {"decision": "approve", "note": ""})
    assert response.status_code == 200 and "There is a problem" in response.content.decode()
    client.post(url, {"decision": "return", "note": "Add the engagement log."})
    in_review.refresh_from_db()
    assert in_review.status == "draft"


def test_create_assessment_page(client, personas):
    client.force_login(personas.staff)
    url = reverse("tools:assessment_create")
    response = client.post(url, {"template": full_template().pk, "title": "On version 1"})
    assert "template" in response.context["form"].errors  # a new worksheet starts on the newest version
    data = {
        "template": current_template("gare-full").pk,
        "title": "Rental licensing",
        "decision_type": "policy",
        "department": personas.other_dept.pk,
        "stage": "early_design",
    }
    response = client.post(url, data)
    assert response.status_code == 200 and not Assessment.objects.exists()
    response = client.post(url, {**data, "department": personas.dept.pk, "equity_areas": ["housing"]})
    created = Assessment.objects.get()
    assert response["Location"] == reverse("tools:step_fill", args=[created.pk, 1])
    assert created.lead == personas.staff and created.equity_areas == ["housing"]


def test_lists_filter_and_scope(client, personas, draft, completed):
    AssessmentFactory(department=personas.other_dept, lead=personas.other_staff, title="Plow routes")
    client.force_login(personas.other_staff)
    html = client.get(reverse("tools:assessment_list") + "?scope=all").content.decode()
    assert "Library fines policy" in html and "Sidewalk snow removal" not in html and "Plow routes" in html
    client.force_login(personas.equity)
    html = client.get(reverse("tools:assessment_list") + "?status=draft").content.decode()
    assert "Sidewalk snow removal" in html and "Library fines" not in html
    client.force_login(personas.staff)
    html = client.get(reverse("tools:assessment_list") + "?page=abc&year=nonsense").content.decode()
    assert "Sidewalk snow removal" in html


def test_completed_counts_per_department_per_year(client, personas, completed):
    from django.utils import timezone

    Assessment.objects.filter(pk=completed.pk).update(completed_at=timezone.now())
    client.force_login(personas.other_staff)
    html = client.get(reverse("tools:completed_counts")).content.decode()
    assert "Community Development" in html and str(timezone.now().year) in html


def test_dashboard_panels(client, personas, draft, in_review):
    client.force_login(personas.staff)
    html = client.get("/").content.decode()
    assert "My worksheets" in html and "Sidewalk snow removal policy" in html
    assert "Waiting for my review" not in html
    client.force_login(personas.manager)
    html = client.get("/").content.decode()
    assert "Waiting for my review" in html and "Youth jobs program" in html
