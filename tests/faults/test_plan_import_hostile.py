"""Hostile plan spreadsheets: each is refused with a message on the upload page, nothing is kept, never a 500, and
reading stays within a bounded amount of memory (the 2 MB upload limit alone does not bound what a file unpacks to)."""

from __future__ import annotations

import io
import tracemalloc
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from plans.imports.reader import MAX_CELL_CHARS, MAX_COLUMNS, MAX_LINES, read_sheet
from plans.models import PlanImport
from tests.plans.factories import PlanFactory
from tests.plans.plan_files import csv_bytes, xlsx_bytes

pytestmark = [pytest.mark.fault, pytest.mark.django_db]
READ_MEMORY_BOUND = 64 * 1024 * 1024


def _zip_bomb() -> bytes:
    """A real workbook whose sheet is rewritten as 60 MB of repeated rows: about 100 KB zipped."""
    source = zipfile.ZipFile(io.BytesIO(xlsx_bytes([["Action 1"]], header=["Action"])))
    row = b'<row><c t="inlineStr"><is><t>Action</t></is></c></row>'
    sheet = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    sheet += row * (60 * 1024 * 1024 // len(row)) + b"</sheetData></worksheet>"
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = sheet if info.filename == "xl/worksheets/sheet1.xml" else source.read(info.filename)
            target.writestr(info.filename, data)
    return out.getvalue()


HOSTILE = {
    "wide": ("plan.csv", (",".join(["C"] * 300_000)).encode() + b"\nAction\n", f"at most {MAX_COLUMNS}"),
    "wide row": ("plan.csv", b"Action\n" + b"x," * 200_000 + b"x\n", f"at most {MAX_COLUMNS}"),
    "wide workbook": ("plan.xlsx", xlsx_bytes([["A"] * 16_000], header=["Action"] * 16_000), "at most"),
    "blank lines": ("plan.csv", b"Action\n" + b"\n" * 1_900_000 + b"x\n", f"{MAX_LINES:,} lines"),
    "huge cell": ("plan.csv", b'Action\n"' + b"a" * (MAX_CELL_CHARS + 1) + b'"\n', "longer than"),
    "binary": ("plan.csv", b"Action\n\x00\x00\x00x\n", "not a text CSV"),
    "unpacks to gigabytes": ("plan.xlsx", _zip_bomb(), "unpacks to more than"),
}


@pytest.mark.parametrize("case", HOSTILE)
def test_a_hostile_file_is_refused_with_a_message_in_bounded_memory(case):
    name, raw, message = HOSTILE[case]
    assert len(raw) <= 2 * 1024 * 1024
    tracemalloc.start()
    try:
        with pytest.raises(ValidationError) as info:
            read_sheet(name=name, raw=raw)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert message in info.value.messages[0]
    assert peak < READ_MEMORY_BOUND, f"{case}: {peak / 1e6:.0f} MB"


@pytest.mark.parametrize("case", ["wide", "blank lines", "huge cell", "unpacks to gigabytes"])
def test_the_upload_page_shows_the_refusal_and_keeps_nothing(client, personas, case):
    plan = PlanFactory(departments=[personas.dept])
    client.force_login(personas.manager)
    name, raw, message = HOSTILE[case]
    response = client.post(reverse("plans:plan_import", args=[plan.pk]), {"file": SimpleUploadedFile(name, raw)})
    assert response.status_code == 400  # the form again, with the message in its error summary
    assert message in response.content.decode()
    assert not PlanImport.objects.exists()


def test_the_limits_themselves_are_accepted():
    header = [f"Column {i}" for i in range(MAX_COLUMNS)]
    sheet = read_sheet(name="plan.csv", raw=csv_bytes([["a" * MAX_CELL_CHARS] + ["x"] * 99], header=header))
    assert len(sheet.header) == MAX_COLUMNS and len(sheet.rows[0][1][0]) == MAX_CELL_CHARS
    workbook = read_sheet(name="plan.xlsx", raw=xlsx_bytes([["x"] * MAX_COLUMNS], header=header))
    assert len(workbook.header) == MAX_COLUMNS


def test_excel_unicode_text_and_formula_cells_are_read_as_text():
    raw = "Action,Notes\n=cmd|' /C calc'!A0,“Not stated” – 20 %\n".encode("utf-16")
    sheet = read_sheet(name="plan.csv", raw=raw)
    assert sheet.rows == [(2, ["=cmd|' /C calc'!A0", "“Not stated” – 20 %"])]
