"""Spreadsheet exports, CSV upload reading, and SVG charts shared by the apps."""

import io

import pygal
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from equity.charts import chart_config, render_svg
from equity.exports import csv_response, neutralise_cell, xlsx_response
from equity.uploads import MAX_CSV_COLUMNS, decode_csv_upload, read_csv_text


@pytest.mark.parametrize("value", ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\tx", "\rx"])
def test_neutralise_cell_prefixes_formulas(value):
    assert neutralise_cell(value) == "'" + value


@pytest.mark.parametrize("value", ["plain", "", 12, None, "a=b"])
def test_neutralise_cell_leaves_safe_values(value):
    assert neutralise_cell(value) == value


def test_csv_response_streams_neutralised_rows():
    response = csv_response(filename="x.csv", header=["name", "note"], rows=iter([["Ana", "=HYPERLINK(1)"]]))
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    assert body.splitlines() == ["name,note", "Ana,'=HYPERLINK(1)"]
    assert response["Content-Disposition"] == 'attachment; filename="x.csv"'


def test_xlsx_response_neutralises_cells():
    """Text is written as typed string cells: "=HYPERLINK(...)" comes back as that exact text, not a formula, and
    without a stray apostrophe."""
    link = '=HYPERLINK("http://evil","click")'
    response = xlsx_response(filename="x.xlsx", sheet_title="Data", header=["a"], rows=[["=cmd()"], [3], [link]])
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    cells = [row[0] for row in workbook["Data"].iter_rows()]
    assert [c.value for c in cells] == ["a", "=cmd()", 3, link]
    assert [c.data_type for c in cells] == ["s", "s", "n", "s"]


def _upload(content: bytes, name="roster.csv", content_type="text/csv"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def read_csv_upload(upload, **limits):
    """Decode, then parse: what an import does with an upload."""
    return read_csv_text(decode_csv_upload(upload, **limits))


def test_read_csv_upload_parses_header_and_rows_with_line_numbers():
    table = read_csv_upload(_upload("\ufeffname,email\nAna,ana@example.org\n\nBo,bo@example.org\n".encode()))
    assert table.header == ["name", "email"]
    assert table.rows == [
        (2, {"name": "Ana", "email": "ana@example.org"}),
        (4, {"name": "Bo", "email": "bo@example.org"}),
    ]


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (_upload("name\nJosé\n".encode("latin-1")), "not UTF-8"),
        (_upload(b""), "empty"),
        (_upload(b"a,b\n", name="roster.xlsx"), "Upload a CSV file"),
        (_upload(b"\x00\x01binary", name="x.csv"), "not a text CSV"),
    ],
)
def test_read_csv_upload_refuses_bad_files(upload, message):
    with pytest.raises(ValidationError, match=message):
        read_csv_upload(upload)


def test_read_csv_upload_refuses_large_files():
    with pytest.raises(ValidationError, match="larger than 1 MB"):
        read_csv_upload(_upload(b"a\n" + b"x\n" * 600_000), max_bytes=1024 * 1024)


def test_render_svg_has_no_script_and_an_accessible_name():
    chart = pygal.Line(**chart_config())
    chart.add("Black", [1, 2, 3])
    svg = render_svg(chart, title="Homeownership rate")
    assert svg.startswith("<svg") and 'role="img"' in svg
    assert "<script" not in svg
    assert "Homeownership rate" in svg


def test_a_chart_is_drawn_once_per_set_of_inputs_and_language():
    from django.utils import translation

    from equity.charts import drawn_once

    drawn = []

    def draw(label):
        drawn.append(label)
        return f"<svg>{label}</svg>"

    assert drawn_once("test", ("a", [1, 2]), lambda: draw("a")) == "<svg>a</svg>"
    assert drawn_once("test", ("a", [1, 2]), lambda: draw("again")) == "<svg>a</svg>"  # reused, not drawn
    assert drawn_once("test", ("a", [1, 3]), lambda: draw("b")) == "<svg>b</svg>"  # other figures
    assert drawn_once("other", ("a", [1, 2]), lambda: draw("c")) == "<svg>c</svg>"  # another kind of chart
    with translation.override("es"):
        assert drawn_once("test", ("a", [1, 2]), lambda: draw("d")) == "<svg>d</svg>"  # another language
    assert drawn == ["a", "b", "c", "d"]


def test_read_csv_text_refuses_a_header_wider_than_the_limit_before_reading_rows():
    wide = ",".join(f"c{i}" for i in range(300_000)) + "\n" + "x\n" * 5_000
    with pytest.raises(ValidationError, match="300,000 columns; a file can have at most 100"):
        read_csv_text(wide, max_rows=5_000)
    header = ",".join(f"c{i}" for i in range(MAX_CSV_COLUMNS))
    assert len(read_csv_text(header + "\nx\n").header) == MAX_CSV_COLUMNS
