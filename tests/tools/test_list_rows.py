"""The assessment list's rows (tools_rows.assessment_cells, written in Python): each cell's content, escaped, in the
reader's language, and the status as this person sees it (text, with its tone as a second cue)."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from tests.tools.factories import AssessmentFactory
from tools.models import Assessment

pytestmark = pytest.mark.django_db


def _row(html: str, title_text: str) -> str:
    """The <tr> of the list whose link shows `title_text`."""
    rows = re.findall(r"<tr>(.*?)</tr>", html, flags=re.S)
    matching = [row for row in rows if title_text in row]
    assert len(matching) == 1, rows
    return matching[0]


def test_each_cell_of_an_assessment_row(client, personas):
    assessment = AssessmentFactory(
        department=personas.dept,
        lead=personas.staff,
        team=[personas.staff],
        title="Fees <b>& fines</b>",
        decision_type=Assessment.DecisionType.BUDGET,
        confidential=True,
    )
    client.force_login(personas.staff)
    html = client.get(reverse("tools:assessment_list") + "?scope=all").content.decode()
    row = _row(html, "Fees &lt;b&gt;&amp; fines&lt;/b&gt;")
    cells = re.findall(r"<td>(.*?)</td>", row, flags=re.S)
    assert len(cells) == 6
    assert f'href="{reverse("tools:assessment_detail", args=[assessment.pk])}"' in cells[0]
    assert "Confidential" in cells[0] and "<b>" not in cells[0]
    assert cells[1] == "Budget decision"
    assert cells[2] == personas.dept.name
    assert cells[3] == personas.staff.display_name
    assert cells[4] == '<span class="badge status-badge text-bg-secondary">Draft</span>'
    assert re.fullmatch(r'<time datetime="\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d{4}">[^<]+</time>', cells[5])


def test_a_row_says_what_waits_for_the_reader_and_is_in_their_language(client, personas):
    AssessmentFactory(
        department=personas.dept,
        lead=personas.staff,
        team=[personas.staff],
        title="Youth jobs program",
        status=Assessment.Status.IN_REVIEW,
    )
    AssessmentFactory(department=personas.dept, lead=personas.staff, title="Open data policy")
    client.force_login(personas.manager)
    html = client.get(reverse("tools:assessment_list") + "?scope=all").content.decode()
    assert "Waiting for your review" in _row(html, "Youth jobs program")
    assert "Confidential" not in _row(html, "Open data policy")
    with translation.override("es"):
        html = client.get(reverse("tools:assessment_list") + "?scope=all", HTTP_ACCEPT_LANGUAGE="es").content.decode()
    row = _row(html, "Open data policy")
    assert "Política" in row and "Borrador" in row
