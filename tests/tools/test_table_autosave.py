"""Table answers autosave as people type, with the stale-edit check; cells show as typed everywhere answers show."""

from pathlib import Path

import pytest
from django.urls import reverse

from plans.models import RacialGroup
from reports.models import ReportJob
from tests.reports.factories import pdf_text
from tests.tools.factories import AssessmentFactory
from tools.models import Answer, Question, Template
from tools.services.template_exchange import shipped_templates_ensure

pytestmark = pytest.mark.django_db

OTHER = "Community organisations historically not funded"


@pytest.fixture
def v2_draft(personas):
    shipped_templates_ensure()
    RacialGroup.objects.update_or_create(
        code="black", defaults={"name": "Black or African American", "is_active": True}
    )
    return AssessmentFactory(
        department=personas.dept,
        lead=personas.staff,
        team=[personas.staff],
        template=Template.objects.get(slug="gare-full", version=2),
        title="Neighborhoods 2020 funding formula",
    )


def question(assessment, code):
    return Question.objects.get(step__template=assessment.template, code=code)


def table_data(q, rows, version=0, **extra):
    data = {"rows": str(len(rows)), f"q{q.pk}_version": str(version), **extra}
    for i, row in enumerate(rows):
        for key, value in row.items():
            data[f"r{i}-{key}"] = value
    return data


def autosave(client, assessment, q, data):
    return client.post(reverse("tools:table_autosave", args=[assessment.pk, q.pk]), data)


ROWS = [
    {"indicator": "Households cost-burdened", "group": "black or african american", "value": "20 %",
     "year": "2012\u20132016", "source": "ACS 5-year", "notes": "Gap of 9 points"},
    {"indicator": "Organisations funded", "group": OTHER, "value": "about 400", "year": "2019",
     "source": "", "notes": "", "year-ns": "1"},
]  # fmt: skip


def test_table_autosave_stores_cells_as_typed_and_bumps_the_version(client, personas, v2_draft):
    client.force_login(personas.staff)
    q = question(v2_draft, "2.3")
    response = autosave(client, v2_draft, q, table_data(q, ROWS))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Saved at" in html and f'id="q{q.pk}-version" value="1"' in html and 'data-hx-swap-oob="true"' in html
    rows = Answer.objects.get(question=q).value
    assert rows[0]["group"] == {"kind": "listed", "name": "Black or African American"}
    assert rows[0]["value"] == "20 %" and rows[0]["year"] == "2012\u20132016"
    assert rows[1]["group"] == {"kind": "other", "name": OTHER}
    assert rows[1]["year"] == {"not_stated": True} and rows[1]["value"] == "about 400"
    # The step page and the editor show what was typed, Not stated, and which group is not on the city's list.
    page = client.get(reverse("tools:step_fill", args=[v2_draft.pk, 2])).content.decode()
    assert "2012\u20132016" in page and "Not stated" in page and f"{OTHER} (other group)" in page
    editor = client.get(reverse("tools:table_edit", args=[v2_draft.pk, q.pk])).content.decode()
    assert 'id="r1-year-ns" name="r1-year-ns" value="1" checked' in editor and "Other group" in editor


def test_stale_table_autosave_is_refused_409_and_keeps_both_versions(client, personas, v2_draft):
    client.force_login(personas.staff)
    q = question(v2_draft, "2.3")
    assert autosave(client, v2_draft, q, table_data(q, ROWS[:1])).status_code == 200
    late = [{**ROWS[0], "value": "about 25 %"}]
    response = autosave(client, v2_draft, q, table_data(q, late, version=0))
    assert response.status_code == 409
    html = response.content.decode()
    assert "saved this answer" in html and "about 25 %" in html and "20 %" in html
    assert Answer.objects.get(question=q).value[0]["value"] == "20 %"
    kept = autosave(client, v2_draft, q, table_data(q, late, version=0, keep_mine="1"))
    assert kept.status_code == 200 and Answer.objects.get(question=q).value[0]["value"] == "about 25 %"


def test_invalid_cell_is_explained_422_and_nothing_saved(client, personas, v2_draft):
    client.force_login(personas.staff)
    q = question(v2_draft, "2.3")
    response = autosave(client, v2_draft, q, table_data(q, [{**ROWS[0], "value": "many"}]))
    assert response.status_code == 422
    assert "Row 1: Value must contain a number" in response.content.decode()
    assert not Answer.objects.filter(question=q).exists()


@pytest.mark.parametrize(
    "extra",
    [{"r0-value-ns": "yes"}, {"rows": "9999"}, {"r0-secret": "x"}, {"r0-value-ns": "1", "rows": "-1"}],
)
def test_tampered_table_autosave_is_400(client, personas, v2_draft, extra):
    client.force_login(personas.staff)
    q = question(v2_draft, "2.3")
    data = {**table_data(q, ROWS[:1]), **extra}
    if "r0-secret" in extra:  # an unknown column is never read, so forge a choice instead
        q = question(v2_draft, "1.5")
        data = table_data(q, [{"outcome": "x", "measure_type": "Not offered"}])
    assert autosave(client, v2_draft, q, data).status_code == 400
    assert not Answer.objects.exists()


def test_table_autosave_bad_version_or_question_refused(client, personas, v2_draft):
    client.force_login(personas.staff)
    q = question(v2_draft, "2.3")
    assert autosave(client, v2_draft, q, {**table_data(q, ROWS[:1]), f"q{q.pk}_version": "x"}).status_code == 400
    text_q = question(v2_draft, "1.1")
    assert autosave(client, v2_draft, text_q, {"rows": "0", f"q{text_q.pk}_version": "0"}).status_code == 404
    foreign = Question.objects.filter(step__template__slug="budget-decision", type="table").first()
    assert autosave(client, v2_draft, foreign, table_data(q, [])).status_code == 400


def test_yes_no_not_stated_and_follow_up_for_yes(client, personas, v2_draft):
    client.force_login(personas.staff)
    areas = question(v2_draft, "2.1")
    url = reverse("tools:answer_autosave", args=[v2_draft.pk, areas.pk])
    data = {f"q{areas.pk}": "yes", f"q{areas.pk}_follow_up": "Phillips, Cedar-Riverside", f"q{areas.pk}_version": "0"}
    assert client.post(url, data).status_code == 200
    assert Answer.objects.get(question=areas).value["follow_up"] == "Phillips, Cedar-Riverside"
    page = client.get(reverse("tools:step_fill", args=[v2_draft.pk, 2])).content.decode()
    assert 'data-follow-up-on="yes"' in page and "If yes:" in page
    realistic = question(v2_draft, "5.2")
    url = reverse("tools:answer_autosave", args=[v2_draft.pk, realistic.pk])
    data = {f"q{realistic.pk}": "not_stated", f"q{realistic.pk}_version": "0"}
    assert client.post(url, data).status_code == 200
    assert Answer.objects.get(question=realistic).value == {"answer": "not_stated", "follow_up": ""}


def test_worksheet_pdf_shows_cells_as_typed(client, personas, v2_draft, django_capture_on_commit_callbacks):
    client.force_login(personas.staff)
    q = question(v2_draft, "2.3")
    assert autosave(client, v2_draft, q, table_data(q, ROWS)).status_code == 200
    url = reverse("reports:job_create", kwargs={"kind": "worksheet", "target": v2_draft.pk})
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url).status_code == 302
    job = ReportJob.objects.get()
    assert job.status == ReportJob.Status.DONE, job.error
    text = " ".join(pdf_text(Path(job.file.path)).split())
    assert "20 %" in text and "about 400" in text and "Not stated" in text and "(other group)" in text
    assert "2012" in text and "2016" in text
    review = client.get(reverse("tools:assessment_print", args=[v2_draft.pk])).content.decode()
    assert "2012\u20132016" in review and f"{OTHER} (other group)" in review
