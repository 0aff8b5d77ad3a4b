"""Spreadsheet files for the plan import tests: the documented example as CSV or XLSX, and the departments it names."""

from __future__ import annotations

import csv
import io

from openpyxl import Workbook

from equity.models import Department
from plans.imports import examples

EXAMPLE_DEPARTMENTS = (("Human Resources", "HR"), ("Finance", "FIN"))


def example_departments() -> None:
    """The departments the example names besides the personas' Community Development."""
    for name, code in EXAMPLE_DEPARTMENTS:
        Department.objects.get_or_create(name=name, defaults={"code": code})


def csv_bytes(rows: list[list[str]], header: list[str] | None = None, encoding: str = "utf-8") -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(examples.header() if header is None else header)
    writer.writerows(rows)
    return buffer.getvalue().encode(encoding)


def xlsx_bytes(rows: list[list[object]], header: list[str] | None = None) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(examples.header() if header is None else header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def example_csv() -> bytes:
    return csv_bytes(examples.example_rows())
