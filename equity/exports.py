"""Spreadsheet exports (CSV and XLSX) that stream, and that a spreadsheet can never execute.

In CSV, cells starting with `=`, `+`, `-`, `@`, tab or carriage return are prefixed with an apostrophe so Excel,
LibreOffice and Google Sheets show them as text instead of running them as formulas (CSV/formula injection); CSV has
no other way to say "this is text". In XLSX every string is written as a typed string cell instead, which no
spreadsheet evaluates, so the text comes back exactly as it was (no stray apostrophe).

Languages (ADR 0061): column headers are English in every export, so scripts and re-imports find their columns
whatever the requester's language. A CSV (and the JSON files, made the same way) is English throughout: its header
and rows are produced under `in_english()`, including rows a generator yields while the response streams. An XLSX is
for people: its header is English, its values (status labels, yes/no) are in the requester's language. Pass headers
and translatable values as lazy strings (gettext_lazy) or produce them inside the row generator, so the export
decides their language.
"""

from __future__ import annotations

import csv
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime

from django.http import FileResponse, StreamingHttpResponse
from django.utils.functional import Promise
from django.utils.translation import get_language, override

from equity.i18n.documents import in_english
from equity.xlsx import write_xlsx

DANGEROUS_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def neutralise_cell(value: object) -> object:
    """Return the value unchanged unless it is text a spreadsheet would read as a formula."""
    if isinstance(value, str) and value.startswith(DANGEROUS_PREFIXES):
        return "'" + value
    return value


def _csv_text(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, Promise):
        value = str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    return neutralise_cell(value)


class _Echo:
    """A file-like object whose write() returns the line, so csv.writer can feed a streaming response."""

    def write(self, value: str) -> str:
        return value


def _csv_lines(header: Sequence[object], rows: Iterable[Sequence[object]]) -> Iterator[str]:
    """The CSV's lines, all made in English: the override holds while the response streams the rows."""
    writer = csv.writer(_Echo())
    yield "\ufeff"  # a byte-order mark so Excel opens UTF-8 correctly
    with in_english():
        yield writer.writerow([_csv_text(h) for h in header])
        for row in rows:
            yield writer.writerow([_csv_text(v) for v in row])


def csv_response(*, filename: str, header: Sequence[object], rows: Iterable[Sequence[object]]) -> StreamingHttpResponse:
    """Stream rows as a CSV download; pass an iterator (e.g. `queryset.values_list(...).iterator()`)."""
    response = StreamingHttpResponse(_csv_lines(header, rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def csv_bytes(*, header: Sequence[object], rows: Iterable[Sequence[object]]) -> bytes:
    """The same CSV as `csv_response` (byte-order mark, neutralised cells) as bytes, for a response that is cached
    whole (the public site's downloads)."""
    return "".join(_csv_lines(header, rows)).encode("utf-8")


def xlsx_response(
    *, filename: str, sheet_title: str, header: Sequence[object], rows: Iterable[Sequence[object]]
) -> FileResponse:
    """Write rows to an XLSX file (equity.xlsx: streamed to a temporary file, constant memory) and return it as a
    download: the header in English, the values in the language active now (the requester's)."""
    with in_english():
        english_header = [str(h) for h in header]

    def all_rows() -> Iterator[Sequence[object]]:
        yield english_header
        with override(get_language()):  # the values in the requester's language, whatever a row generator activates
            yield from rows

    spool = tempfile.TemporaryFile()
    write_xlsx(spool, sheet_title=str(sheet_title), rows=all_rows())
    spool.seek(0)
    return FileResponse(spool, as_attachment=True, filename=filename, content_type=XLSX_CONTENT_TYPE)
