"""Recognising data-by-race tables (pure functions); the cells themselves are tested in test_cells.py."""

from tools.data_tables import data_table
from tools.models import Question


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
