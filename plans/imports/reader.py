"""Reading an uploaded plan spreadsheet (CSV or XLSX) into a header and text rows, within fixed limits."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 5000
XLSX_MAGIC = b"PK\x03\x04"


@dataclass(frozen=True)
class Sheet:
    """An uploaded table: its header (stripped, as written) and every non-empty row as texts, with line numbers
    (1 is the header)."""

    header: list[str]
    rows: list[tuple[int, list[str]]]


def _decode(raw: bytes) -> str:
    """UTF-8 (with or without a byte-order mark), else Windows-1252 (what Excel's plain "CSV" writes)."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise ValidationError(
            _("The file is neither UTF-8 nor Windows-1252 text (problem at byte %(pos)d).") % {"pos": exc.start}
        ) from exc


def _too_many() -> ValidationError:
    return ValidationError(_("The file has more than %(n)d rows; split it into smaller files.") % {"n": MAX_ROWS})


def _csv_rows(text: str) -> list[list[str]]:
    reader = csv.reader(io.StringIO(text, newline=""))
    rows: list[list[str]] = []
    try:
        for values in reader:
            rows.append(values)
            if len(rows) > MAX_ROWS + 1 and any(v.strip() for v in values):
                raise _too_many()
    except csv.Error as exc:
        message = _("Line %(line)d could not be read as CSV: %(error)s")
        raise ValidationError(message % {"line": reader.line_num, "error": exc}) from exc
    return rows


def cell_text(value: object) -> str:
    """A spreadsheet cell as the text a person sees: dates as YYYY-MM-DD, whole numbers without ".0"."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else str(Decimal(repr(value)))
    return str(value)


def _xlsx_rows(raw: bytes) -> list[list[str]]:
    """The first sheet's values in read-only mode; a formula cell is read as its text, never evaluated."""
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(raw), read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many kinds (zip, XML, key errors) for a damaged file
        raise ValidationError(_("The file could not be read as an Excel workbook (.xlsx).")) from exc
    try:
        sheet = workbook.worksheets[0]
        rows: list[list[str]] = []
        for values in sheet.iter_rows(values_only=True):
            rows.append([cell_text(v) for v in values])
            if len(rows) > MAX_ROWS + 1 and any(v.strip() for v in rows[-1]):
                raise _too_many()
        return rows
    finally:
        workbook.close()


def read_sheet(*, name: str, raw: bytes) -> Sheet:
    """Check size and type and read the whole file: `.csv` (UTF-8, UTF-8 with BOM, Windows-1252) or `.xlsx`."""
    if len(raw) > MAX_BYTES:
        raise ValidationError(_("The file is larger than %(mb)d MB.") % {"mb": MAX_BYTES // (1024 * 1024)})
    lower = name.lower()
    if lower.endswith(".xlsx"):
        if not raw.startswith(XLSX_MAGIC):
            raise ValidationError(_("The file could not be read as an Excel workbook (.xlsx)."))
        table = _xlsx_rows(raw)
    elif lower.endswith((".csv", ".txt")):
        if b"\x00" in raw[:4096]:
            raise ValidationError(_("This is not a text CSV file."))
        table = _csv_rows(_decode(raw))
    else:
        raise ValidationError(_("Upload a .csv or .xlsx file."))
    if not table or not any(v.strip() for v in table[0]):
        raise ValidationError(_("The file is empty or its first line is not a header naming the columns."))
    header = [h.strip() for h in table[0]]
    while header and not header[-1]:
        header.pop()
    rows: list[tuple[int, list[str]]] = []
    for line, values in enumerate(table[1:], start=2):
        if not any(v.strip() for v in values):
            continue
        padded = [v.strip() for v in values[: len(header)]] + [""] * (len(header) - len(values))
        rows.append((line, padded))
        if len(rows) > MAX_ROWS:
            raise _too_many()
    if not rows:
        raise ValidationError(_("The file has a header but no rows."))
    return Sheet(header=header, rows=rows)
