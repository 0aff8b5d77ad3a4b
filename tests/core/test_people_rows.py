"""The people list's rows (people_rows.person_cells, written in Python): each cell's content, escaped, and the
deactivate/reactivate form for everyone but the reader."""

import re

import pytest
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _row(html: str, text: str) -> str:
    rows = [row for row in re.findall(r"<tr>(.*?)</tr>", html, flags=re.S) if text in row]
    assert len(rows) == 1, rows
    return rows[0]


def test_each_cell_of_a_person_row(client, personas):
    person = UserFactory(full_name="Ana <i>López</i>", job_title="Planner & analyst", is_manager=True)
    person.departments.set([personas.dept, personas.other_dept])
    client.force_login(personas.equity)
    html = client.get(reverse("user_list") + "?q=Ana").content.decode()
    row = _row(html, "Ana &lt;i&gt;López&lt;/i&gt;")
    cells = re.findall(r"<td[^>]*>(.*?)</td>", row, flags=re.S)
    assert len(cells) == 6
    assert "Planner &amp; analyst" in cells[0] and "<i>" not in cells[0]
    assert cells[1] == person.email
    assert set(cells[2].split(", ")) == {personas.dept.code, personas.other_dept.code}
    assert cells[3] == "Staff, Manager"
    assert cells[4] == '<span class="badge status-badge text-bg-success">Active</span>'
    assert f'href="{reverse("user_update", args=[person.pk])}"' in cells[5]
    assert f'href="{reverse("user_history", args=[person.pk])}"' in cells[5]
    assert f'action="{reverse("user_set_active", args=[person.pk])}"' in cells[5]
    assert re.search(r'name="csrfmiddlewaretoken" value="\w+"', cells[5])
    assert 'name="active" value="0"' in cells[5] and "Deactivate" in cells[5]


def test_a_deactivated_person_is_offered_reactivation_and_the_reader_no_form(client, personas):
    person = UserFactory(full_name="Bo Yang", is_active=False)
    client.force_login(personas.equity)
    html = client.get(reverse("user_list") + "?active=no").content.decode()
    row = _row(html, "Bo Yang")
    assert "Deactivated" in row and 'name="active" value="1"' in row and "Reactivate" in row
    assert reverse("user_set_active", args=[person.pk]) in row
    html = client.get(reverse("user_list") + f"?q={personas.equity.full_name.split()[0]}").content.decode()
    own = _row(html, personas.equity.email)
    assert "<form" not in own and reverse("user_update", args=[personas.equity.pk]) in own
