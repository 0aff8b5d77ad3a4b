"""Reading typed table cells and recognising data-by-race tables (pure functions)."""

from decimal import Decimal

import pytest

from tools.cells import cell_is_not_stated, cell_number, cell_text
from tools.data_tables import data_table
from tools.models import Question


@pytest.mark.parametrize(
    ("typed", "number"),
    [("20 %", Decimal(20)), ("about 400", Decimal(400)), ("1,250", Decimal(1250)), ("12.5", Decimal("12.5"))],
)
def test_cell_number_reads_one_typed_number(typed, number):
    assert cell_number(typed) == number


@pytest.mark.parametrize("typed", ["", "2012–2016", "12-14", "unknown", {"not_stated": True}, None])
def test_cell_number_is_none_without_exactly_one_number(typed):
    assert cell_number(typed) is None


def test_cell_text_and_not_stated():
    assert cell_is_not_stated({"not_stated": True}) and not cell_is_not_stated("Not stated yet")
    assert cell_text({"not_stated": True}) == "Not stated"
    assert cell_text(" 20 % ") == "20 %" and cell_text(None) == ""


def _question(columns):
    return Question(type=Question.Type.TABLE, columns=columns)


GROUP = {"key": "group", "label": "Group", "type": "choice", "choices": ["Asian", "White"]}


def test_data_table_needs_a_group_column_and_a_number_column_besides_year():
    table = data_table(
        _question(
            [
                {"key": "indicator", "label": "Indicator", "type": "text"},
                GROUP,
                {"key": "value", "label": "Value", "type": "number"},
                {"key": "year", "label": "Year", "type": "number"},
            ]
        )
    )
    assert table is not None
    assert (table.group_key, table.number_columns, table.year_key, table.label_key) == (
        "group",
        [("value", "Value")],
        "year",
        "indicator",
    )
    assert data_table(_question([GROUP, {"key": "year", "label": "Year", "type": "number"}])) is None
    assert data_table(_question([{"key": "group", "type": "text"}, {"key": "n", "type": "number"}])) is None
    assert data_table(Question(type=Question.Type.LONG_TEXT)) is None
