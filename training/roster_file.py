"""Reading an uploaded roster file within fixed limits, checked before any large object is built.

The limits are what the import's own pages can show (ADR 0018): the mapping page lists every column, the check
page every row. Order of the checks: size, type, NUL bytes and UTF-16, encoding, header length and width, then
the rows one at a time (width, value length, count), stopping at the first row over a limit. A hostile file is
refused with one message in a time and memory bounded by the 5 MB size limit, whatever its shape.
"""

from __future__ import annotations

import csv
import io

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from equity.uploads import CSV_CONTENT_TYPES, CsvTable

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5_000  # people on one session's roster (a city's largest all-staff session is about 1,200)
MAX_COLUMNS = 50  # Zoom, Teams and Webex exports have at most about 20
MAX_VALUE_CHARS = 1_000  # one cell; names and organisations are checked against their own limit (150)
MAX_HEADER_CHARS = MAX_COLUMNS * 100  # a header of 50 columns of up to 100 characters each


def _refuse(message: str) -> ValidationError:
    return ValidationError(message, code="roster_file")


def _check_bytes(raw: bytes) -> None:
    """UTF-16 (with or without a byte-order mark) and NUL bytes are refused with a message naming the problem."""
    utf16 = raw.startswith((b"\xff\xfe", b"\xfe\xff"))
    sample = raw[:4096]
    if not utf16 and b"\x00" in sample:
        # ASCII text in UTF-16 has a NUL in every other byte.
        utf16 = sample[1::2].count(0) > len(sample) // 4 or sample[0::2].count(0) > len(sample) // 4
    if utf16:
        raise _refuse(_("The file is saved as UTF-16 (“Unicode text”). Save it as “CSV UTF-8” and upload it again."))
    if b"\x00" in raw:
        raise _refuse(_("The file contains NUL bytes: it is not a text CSV file."))


def _decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise _refuse(
            _(
                "The file is not UTF-8 encoded (line %(line)d, byte %(pos)d): it may be saved as Latin-1 or "
                "Windows-1252. Save it as “CSV UTF-8” and upload it again."
            )
            % {"line": line, "pos": exc.start}
        ) from exc


def _too_wide(count: int) -> ValidationError:
    return _refuse(
        _(
            "The file has %(n)d columns; a roster file can have at most %(max)d. Keep the columns listed on this "
            "page and upload it again."
        )
        % {"n": count, "max": MAX_COLUMNS}
    )


def _header(text: str) -> list[str]:
    first_line = text[: text.find("\n")] if "\n" in text else text
    if len(first_line) > MAX_HEADER_CHARS:
        # Counted without parsing: a 300,000-column header is refused before any list is built.
        if first_line.count(",") + 1 > MAX_COLUMNS:
            raise _too_wide(first_line.count(",") + 1)
        raise _refuse(_("The first line (the header) is longer than %(n)d characters.") % {"n": MAX_HEADER_CHARS})
    try:
        header = [h.strip() for h in next(csv.reader(io.StringIO(first_line)))]
    except StopIteration as exc:
        raise _refuse(_("The file is empty.")) from exc
    except csv.Error as exc:
        raise _refuse(_("The header could not be read as CSV: %(error)s") % {"error": exc}) from exc
    if not any(header):
        raise _refuse(_("The first line must be a header naming the columns."))
    if len(header) > MAX_COLUMNS:
        raise _too_wide(len(header))
    return header


def _row_problem(values: list[str], header: list[str]) -> str:
    if len(values) > len(header) and any(v.strip() for v in values[len(header) :]):
        return _("it has %(n)d values but the header names %(m)d columns.") % {"n": len(values), "m": len(header)}
    if any(len(v) > MAX_VALUE_CHARS for v in values):
        return _("a value is longer than %(n)d characters.") % {"n": MAX_VALUE_CHARS}
    return ""


def read_roster_text(text: str) -> CsvTable:
    """Header and rows of a decoded roster CSV, refusing the first thing over a limit."""
    header = _header(text)
    reader = csv.reader(io.StringIO(text, newline=""))
    rows: list[tuple[int, dict[str, str]]] = []
    try:
        next(reader)  # the header, already read
        for values in reader:
            if not any(v.strip() for v in values):
                continue
            if problem := _row_problem(values, header):
                raise _refuse(_("Line %(line)d: %(problem)s") % {"line": reader.line_num, "problem": problem})
            if len(rows) >= MAX_ROWS:
                raise _refuse(
                    _("The file has more than %(n)d rows: split it into files of up to %(n)d rows each.")
                    % {"n": MAX_ROWS}
                )
            padded = values + [""] * (len(header) - len(values))
            rows.append((reader.line_num, {h: v.strip() for h, v in zip(header, padded, strict=False)}))
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):  # the csv module's own bound (131,072 characters)
            problem = _("a value is longer than %(n)d characters.") % {"n": MAX_VALUE_CHARS}
            raise _refuse(_("Line %(line)d: %(problem)s") % {"line": reader.line_num, "problem": problem}) from exc
        message = _("Line %(line)d could not be read as CSV: %(error)s")
        raise _refuse(message % {"line": reader.line_num, "error": exc}) from exc
    return CsvTable(header=header, rows=rows)


def read_roster_upload(upload: UploadedFile) -> CsvTable:
    """Check an uploaded roster is a CSV within the limits and read it (see the module's docstring)."""
    if (upload.size or 0) > MAX_BYTES:
        raise _refuse(_("The file is larger than %(mb)d MB.") % {"mb": MAX_BYTES // (1024 * 1024)})
    name = (upload.name or "").lower()
    if not name.endswith((".csv", ".txt")) or (upload.content_type and upload.content_type not in CSV_CONTENT_TYPES):
        raise _refuse(_("Upload a CSV file (a .csv file saved as “CSV UTF-8”)."))
    raw = upload.read(MAX_BYTES + 1)
    if len(raw) > MAX_BYTES:
        raise _refuse(_("The file is larger than %(mb)d MB.") % {"mb": MAX_BYTES // (1024 * 1024)})
    _check_bytes(raw)
    return read_roster_text(_decode(raw))
