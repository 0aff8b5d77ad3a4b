"""Reading an uploaded plan spreadsheet (CSV or XLSX) into a header and text rows, within fixed limits."""

from __future__ import annotations

import csv
import io
import time
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 5000
MAX_COLUMNS = 100  # the registry has about 30 columns; a city's own extra columns fit many times over
# Blank lines are skipped, but not without end: a file of two million empty lines is refused before it costs seconds.
MAX_LINES = MAX_ROWS * 4
MAX_CELL_CHARS = 100_000  # the longest text any column takes is far shorter; csv's own limit is 131,072
MAX_XLSX_UNPACKED_BYTES = 50 * 1024 * 1024  # a workbook's XML unpacked (a 2 MB zip of repeated rows can hold GBs)
MAX_READ_SECONDS = 20
XLSX_MAGIC = b"PK\x03\x04"
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


@dataclass(frozen=True)
class Sheet:
    """An uploaded table: its header (stripped, as written) and every non-empty row as texts, with line numbers
    (1 is the header)."""

    header: list[str]
    rows: list[tuple[int, list[str]]]


def _decode(raw: bytes) -> str:
    """UTF-8 (with or without a byte-order mark), UTF-16 with its byte-order mark (Excel's "Unicode text"), else
    Windows-1252 (what Excel's plain "CSV" writes)."""
    if raw.startswith(UTF16_BOMS):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise ValidationError(
                _("The file starts as UTF-16 text but is not (problem at byte %(pos)d).") % {"pos": exc.start}
            ) from exc
    if b"\x00" in raw[:4096]:
        raise ValidationError(_("This is not a text CSV file (save it as 'CSV UTF-8')."))
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


def _check_line(rows: list[list[str]], values: list[str]) -> None:
    """Refuse, as soon as it is read, a line past the limits: too many rows or lines, or too many columns."""
    if len(rows) > MAX_ROWS + 1 and any(v.strip() for v in values):
        raise _too_many()
    if len(rows) > MAX_LINES:
        message = _("The file has more than %(n)s lines (blank ones included); remove the empty lines and try again.")
        raise ValidationError(message % {"n": f"{MAX_LINES:,}"})
    if len(values) > MAX_COLUMNS and any(v.strip() for v in values[MAX_COLUMNS:]):
        message = _("Line %(line)d has more than %(n)d columns; a plan spreadsheet may have at most %(n)d.")
        raise ValidationError(message % {"line": len(rows), "n": MAX_COLUMNS})


class _CellLimit:
    """The csv module's field size limit, set for one read and put back (it is process-wide)."""

    def __enter__(self) -> None:
        self.previous = csv.field_size_limit(MAX_CELL_CHARS)

    def __exit__(self, *exc: object) -> None:
        csv.field_size_limit(self.previous)


def _csv_rows(text: str) -> list[list[str]]:
    reader = csv.reader(io.StringIO(text, newline=""))
    rows: list[list[str]] = []
    try:
        with _CellLimit():
            for values in reader:
                rows.append(values[: MAX_COLUMNS + 1] if len(values) > MAX_COLUMNS else values)
                _check_line(rows, values)
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):
            message = _("Line %(line)d has a cell longer than %(n)s characters.")
            raise ValidationError(message % {"line": reader.line_num, "n": f"{MAX_CELL_CHARS:,}"}) from exc
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

    _check_unpacked_size(raw)
    try:
        workbook = load_workbook(io.BytesIO(raw), read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many kinds (zip, XML, key errors) for a damaged file
        raise ValidationError(_("The file could not be read as an Excel workbook (.xlsx).")) from exc
    try:
        sheet = workbook.worksheets[0]
        rows: list[list[str]] = []
        started = time.monotonic()
        # One column past the limit is read, so a wider sheet is refused rather than silently cut.
        for values in sheet.iter_rows(max_col=MAX_COLUMNS + 1, values_only=True):
            rows.append([cell_text(v) for v in values])
            _check_line(rows, rows[-1])
            if len(rows) % 500 == 0 and time.monotonic() - started > MAX_READ_SECONDS:
                message = _("Reading the workbook took longer than %(s)d seconds; save it as CSV and try again.")
                raise ValidationError(message % {"s": MAX_READ_SECONDS})
        return rows
    finally:
        workbook.close()


def _check_unpacked_size(raw: bytes) -> None:
    """Refuse a workbook whose parts unpack to more than the limit (a "zip bomb"), before any XML is parsed."""
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError) as exc:
        raise ValidationError(_("The file could not be read as an Excel workbook (.xlsx).")) from exc
    if unpacked > MAX_XLSX_UNPACKED_BYTES:
        message = _("The workbook unpacks to more than %(mb)d MB; save its first sheet as CSV and try again.")
        raise ValidationError(message % {"mb": MAX_XLSX_UNPACKED_BYTES // (1024 * 1024)})


def read_sheet(*, name: str, raw: bytes) -> Sheet:
    """Check size and type and read the whole file: `.csv` (UTF-8 with or without BOM, UTF-16 with BOM,
    Windows-1252) or `.xlsx`, within the limits above (each refused with a message naming it)."""
    if len(raw) > MAX_BYTES:
        raise ValidationError(_("The file is larger than %(mb)d MB.") % {"mb": MAX_BYTES // (1024 * 1024)})
    lower = name.lower()
    if lower.endswith(".xlsx"):
        if not raw.startswith(XLSX_MAGIC):
            raise ValidationError(_("The file could not be read as an Excel workbook (.xlsx)."))
        table = _xlsx_rows(raw)
    elif lower.endswith((".csv", ".txt")):
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
