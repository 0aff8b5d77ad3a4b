"""Reading uploaded CSV files safely: size and type limits, encoding, and a header, before any row is used."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

MAX_CSV_BYTES = 5 * 1024 * 1024
# Every row is read into a dict keyed by the header: a hostile header of 300,000 columns under 1 MB would make each
# of thousands of rows 300,000 entries. The portal's CSV imports name a handful of columns.
MAX_CSV_COLUMNS = 100
CSV_CONTENT_TYPES = {
    "text/csv", "text/plain", "application/vnd.ms-excel", "application/csv", "application/octet-stream",
}  # fmt: skip


@dataclass(frozen=True)
class CsvTable:
    """An uploaded CSV: its header (stripped, as written) and rows as dicts keyed by header, with line numbers."""

    header: list[str]
    rows: list[tuple[int, dict[str, str]]]


def decode_csv_upload(upload: UploadedFile, *, max_bytes: int = MAX_CSV_BYTES) -> str:
    """Check an uploaded file is a reasonably sized UTF-8 (or UTF-8 with BOM) text CSV and return its text."""
    if (upload.size or 0) > max_bytes:  # Django's uploads always know their size; stubs allow None
        raise ValidationError(_("The file is larger than %(mb)d MB.") % {"mb": max_bytes // (1024 * 1024)})
    name = (upload.name or "").lower()
    if not name.endswith((".csv", ".txt")) or (upload.content_type and upload.content_type not in CSV_CONTENT_TYPES):
        raise ValidationError(_("Upload a CSV file (a .csv file saved as 'CSV UTF-8')."))
    raw = upload.read()
    if b"\x00" in raw[:4096]:
        raise ValidationError(_("This is not a text CSV file."))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValidationError(
            _("The file is not UTF-8 encoded (problem at byte %(pos)d). Save it as 'CSV UTF-8' and try again.")
            % {"pos": exc.start}
        ) from exc
    return text


def read_csv_text(text: str, *, max_rows: int = 50_000) -> CsvTable:
    """Parse CSV text already decoded (e.g. an upload kept between the steps of an import): header, then rows."""
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration as exc:
        raise ValidationError(_("The file is empty.")) from exc
    except csv.Error as exc:
        raise ValidationError(_("The file could not be read as CSV: %(error)s") % {"error": exc}) from exc
    if not any(header):
        raise ValidationError(_("The first line must be a header naming the columns."))
    if len(header) > MAX_CSV_COLUMNS:
        message = _("The header names %(n)s columns; a file can have at most %(max)d.")
        raise ValidationError(message % {"n": f"{len(header):,}", "max": MAX_CSV_COLUMNS})
    rows: list[tuple[int, dict[str, str]]] = []
    try:
        for values in reader:
            if not any(v.strip() for v in values):
                continue
            if len(rows) >= max_rows:
                raise ValidationError(_("The file has more than %(n)d rows.") % {"n": max_rows})
            padded = values + [""] * (len(header) - len(values))
            rows.append((reader.line_num, {h: v.strip() for h, v in zip(header, padded, strict=False)}))
    except csv.Error as exc:
        message = _("Line %(line)d could not be read as CSV: %(error)s")
        raise ValidationError(message % {"line": reader.line_num, "error": exc}) from exc
    return CsvTable(header=header, rows=rows)
