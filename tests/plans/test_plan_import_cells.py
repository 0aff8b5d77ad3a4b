"""Reading a plan spreadsheet and each column's cells: CSV encodings, XLSX, formula cells, the limits, every codec's
message, and what people write that must be read."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from plans.imports.codecs import CellError, Lookups
from plans.imports.columns import BY_KEY
from plans.imports.reader import MAX_ROWS, read_sheet
from tests.plans.plan_files import csv_bytes, xlsx_bytes

pytestmark = pytest.mark.django_db


# Reader


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_reader_reads_csv_in_utf8_with_or_without_bom_and_windows_1252(encoding):
    raw = csv_bytes([["African American – 2012–2016", "20 %"]], header=["Result", "Percent"], encoding=encoding)
    sheet = read_sheet(name="plan.csv", raw=raw)
    assert sheet.header == ["Result", "Percent"]
    assert sheet.rows == [(2, ["African American – 2012–2016", "20 %"])]


def test_reader_reads_xlsx_and_keeps_formula_cells_as_their_text():
    raw = xlsx_bytes([["=SUM(A1:A2)", 12, None], [None, None, None], ["b", 2.5, None]], header=["A", "B", "C"])
    sheet = read_sheet(name="plan.xlsx", raw=raw)
    assert sheet.header == ["A", "B", "C"]
    assert sheet.rows == [(2, ["=SUM(A1:A2)", "12", ""]), (4, ["b", "2.5", ""])]


@pytest.mark.parametrize(
    ("name", "raw", "message"),
    [
        ("plan.csv", b"", "empty"),
        ("plan.csv", b"Result,Action\n", "no rows"),
        ("plan.pdf", b"Result\nx\n", ".csv or .xlsx"),
        ("plan.xlsx", b"PK\x03\x04not really", "Excel workbook"),
        ("plan.xlsx", b"Result\nx\n", "Excel workbook"),
        ("plan.csv", b"\x00\x01binary", "not a text CSV"),
        ("plan.csv", b"a" * (2 * 1024 * 1024 + 1), "larger than 2 MB"),
    ],
)
def test_reader_refuses_unreadable_files(name, raw, message):
    with pytest.raises(ValidationError) as info:
        read_sheet(name=name, raw=raw)
    assert message in info.value.messages[0]


def test_reader_refuses_more_than_the_maximum_rows():
    rows = [[f"Action {i}"] for i in range(MAX_ROWS + 1)]
    with pytest.raises(ValidationError, match="more than 5000 rows"):
        read_sheet(name="plan.csv", raw=csv_bytes(rows, header=["Action"]))
    assert len(read_sheet(name="plan.csv", raw=csv_bytes(rows[:MAX_ROWS], header=["Action"])).rows) == MAX_ROWS


# Codecs


@pytest.mark.parametrize(
    ("key", "text", "message"),
    [
        ("due_date", "31.12.2026", "is not a date; write it as YYYY-MM-DD"),
        ("start_date", "2026-02-30", "is not a date"),
        ("percent_complete", "120 %", "must be a whole number from 0 to 100"),
        ("percent_complete", "20.5", "must be a whole number from 0 to 100"),
        ("percent_complete", "most", "is not a percentage"),
        ("cost", "lots", "is not an amount of dollars"),
        ("cost", "-5", "must be between 0 and"),
        ("priority", "urgent", "is not a level of this scale: High, Medium, Low"),
        ("status", "Done-ish", "is not one of: Not started, In progress, On track, Ongoing"),
        ("impact", "huge", "is not a level of this scale: High, Medium, Low"),
        ("action_code", "1.1 a", "Use letters, digits and"),
        ("timeline", "sometime soon", ""),
        ("co_lead_departments", "cd; Parks", "No department is named or coded “Parks”"),
        ("links", "https://example.org", "has no label"),
        ("links", "Report | ftp://example.org/r", "is not a web address starting with http"),
        ("result_area", "Elsewhere", "is not one of: Community"),
        ("lead_department", "Parks", "No department is named or coded “Parks”"),
        ("accountable", "nobody@example.org", "No active portal user has the email address"),
        ("action", "x" * 251, "At most 250 characters (this has 251)"),
    ],
)
def test_each_codec_says_what_is_wrong(personas, key, text, message):
    with pytest.raises(CellError) as info:
        BY_KEY[key].parse_cell(text, Lookups.load())
    assert message in str(info.value)


@pytest.mark.parametrize(
    ("key", "text", "value"),
    [
        ("percent_complete", "20 %", 20),
        ("percent_complete", "20%", 20),
        ("cost", "$25,000.5", __import__("decimal").Decimal("25000.50")),
        ("percent_complete", "20", 20),
        ("priority", "HIGH", "High"),
        ("effort", "low", "Low"),
        ("impact", "Medium", "Medium"),
        ("status", "on_track", "on_track"),
        ("status", "in progress", "in_progress"),
        ("status", "ONGOING", "ongoing"),
        ("status", "Not reported", "not_reported"),
        ("status", "Deferred", "deferred"),
        ("status", "Cancelled", "cancelled"),
        ("status", "Cancelled / withdrawn", "cancelled"),
        ("action_code", " 1.1.2 ", "1.1.2"),
        ("result_code", "A-4", "A-4"),
        ("timeline", "FY2023 Q2", "FY2023 Q2"),
        ("timeline", "2021-22", "2021–22"),
        ("timeline", "ongoing", "Ongoing"),
        ("status_as_of", "2026-06-30", __import__("datetime").date(2026, 6, 30)),
        ("co_lead_teams", "ORE; HR", "ORE; HR"),
        (
            "links",
            "A | https://a.example.org\nB | http://b.example.org/x?y=1",
            (("A", "https://a.example.org"), ("B", "http://b.example.org/x?y=1")),
        ),
        ("lead_department", "cd", "Community Development"),
        ("due_date", "6/30/2026", __import__("datetime").date(2026, 6, 30)),
        ("action", '\'=HYPERLINK("x")', '=HYPERLINK("x")'),
    ],
)
def test_codecs_read_what_people_write(personas, key, text, value):
    parsed = BY_KEY[key].parse_cell(text, Lookups.load())
    shown = parsed.name if key == "lead_department" else getattr(parsed, "label", parsed)
    assert shown == value
    assert BY_KEY[key].parse_cell(BY_KEY[key].format(parsed), Lookups.load()) == parsed
