"""Workforce counts: figures below five suppressed (zero included), complementary suppression, and who sees them."""

import itertools
import random

import pytest
from django.test import override_settings
from django.urls import reverse

from equity.models import StaffAttributes
from tests.factories import UserFactory
from tests.training.factories import AttendanceFactory, ModuleFactory, SessionFactory
from training.workforce import suppressed_table, suppression

pytestmark = pytest.mark.django_db


def _lines(hidden):
    rows = [[(i, j) for j in range(3)] for i in range(len(hidden))]
    columns = [[(i, j) for i in range(len(hidden))] for j in range(3)]
    return rows + columns


@pytest.mark.parametrize(("value", "hidden"), [(0, True), (1, True), (4, True), (5, False)])
def test_a_cell_below_five_is_suppressed(value, hidden):
    table = suppressed_table(title="t", labelled=[("A", value, 20), ("B", 20, 20)], total_label="All")
    assert table.rows[0].completed.suppressed is hidden
    assert (table.rows[0].completed.text == "fewer than 5") is hidden
    if not hidden:
        assert table.rows[0].completed.text == "5"


def test_complementary_suppression_hides_what_the_totals_would_reveal():
    table = suppressed_table(title="t", labelled=[("A", 10, 10), ("B", 1, 9), ("C", 10, 12)], total_label="All")
    b = table.rows[1]
    assert b.completed.suppressed and b.outstanding.suppressed and not b.total.suppressed  # 9 would reveal the 1
    # The completed column total is shown, so a second cell of that column is hidden too (the smallest, A's 10).
    assert table.rows[0].completed.suppressed and not table.rows[2].completed.suppressed
    assert not table.totals.completed.suppressed and table.totals.completed.text == "21"


def test_no_row_or_column_ever_has_a_single_hidden_figure():
    generator = random.Random(14)
    for _ in range(300):
        counts = [(generator.randint(0, 12), generator.randint(0, 12)) for _ in range(generator.randint(1, 6))]
        hidden = suppression(counts)
        grid = [[c, o, c + o] for c, o in counts]
        grid.append([sum(r[0] for r in grid), sum(r[1] for r in grid), sum(r[2] for r in grid)])
        for i, j in itertools.product(range(len(grid)), range(3)):
            if grid[i][j] < 5:
                assert hidden[i][j], (counts, i, j)
        for line in _lines(hidden):
            assert sum(hidden[i][j] for i, j in line) != 1, (counts, line)


def _world(personas, module, groups):
    """People of `dept` with race/ethnicity codes, the first `done` of each group completing `module`."""
    session = SessionFactory(module=module)
    for code, total, done in groups:
        for index in range(total):
            person = UserFactory(departments=[personas.dept])
            StaffAttributes.objects.create(user=person, race_ethnicity=code, job_class="Planner")
            if index < done:
                AttendanceFactory(session=session, user=person)


def test_completion_report_shows_counts_by_group_to_the_equity_team_only(client, personas):
    module = ModuleFactory(title="Foundations")
    _world(personas, module, [("black", 12, 6), ("white", 10, 5), ("asian", 2, 1)])
    url = reverse("training:completion_report") + f"?module={module.pk}&department={personas.dept.pk}"
    client.force_login(personas.equity)
    html = client.get(url).content.decode()
    assert "By race/ethnicity (self-identified)" in html and "fewer than 5" in html
    row = '<th scope="row">{}</th><td class="text-end">{}</td><td class="text-end">{}</td>'
    assert row.format("Black or African American", 6, 6) in html
    assert row.format("Asian", "fewer than 5", "fewer than 5") in html
    client.force_login(personas.manager)
    html = client.get(url).content.decode()
    assert "By race/ethnicity" not in html and "fewer than 5" not in html


@override_settings(WORKFORCE_ATTRIBUTES=False)
def test_no_workforce_counts_where_the_city_has_not_turned_them_on(client, personas):
    module = ModuleFactory()
    client.force_login(personas.equity)
    html = client.get(reverse("training:completion_report") + f"?module={module.pk}").content.decode()
    assert "By race/ethnicity" not in html
