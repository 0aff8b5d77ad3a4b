"""A streaming XLSX writer for the exports: one worksheet of plain values, written as text straight into the zip.

openpyxl (kept for reading uploaded workbooks) builds a cell object and an XML element for every value even in its
write-only mode, about 10 µs a cell: the 150,000-row attendance export spent most of its 38 s there. This writer
formats each row as one string (about 1 µs a cell) and writes the same cells openpyxl writes: text as inline
string cells (typed text, never a formula), numbers, booleans, and dates, date-times and times as serial numbers
with openpyxl's number formats, so openpyxl, Excel and LibreOffice read back exactly the values they read before
(ADR 0067). Nothing else (widths, styles, several sheets) is supported: the exports need none of it.
"""

from __future__ import annotations

import math
import re
import zipfile
from collections.abc import Iterable, Sequence
from datetime import date, datetime, time
from decimal import Decimal
from typing import IO

from django.utils.functional import Promise
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
DOC_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
SHEET_XML = "xl/worksheets/sheet1.xml"
STATIC_PARTS = {
    "[Content_Types].xml": (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        f'<Override PartName="/{SHEET_XML}" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        '<Override PartName="/xl/styles.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>'
    ),
    "_rels/.rels": (
        f'<Relationships xmlns="{RELS}"><Relationship Id="rId1" Type="{DOC_RELS}/officeDocument" '
        'Target="xl/workbook.xml"/></Relationships>'
    ),
    "xl/_rels/workbook.xml.rels": (
        f'<Relationships xmlns="{RELS}">'
        f'<Relationship Id="rId1" Type="{DOC_RELS}/worksheet" Target="worksheets/sheet1.xml"/>'
        f'<Relationship Id="rId2" Type="{DOC_RELS}/styles" Target="styles.xml"/></Relationships>'
    ),
    # The cell formats openpyxl gives dates (1), date-times (2) and times (3).
    "xl/styles.xml": (
        f'<styleSheet xmlns="{MAIN}"><numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/>'
        '<numFmt numFmtId="165" formatCode="yyyy-mm-dd h:mm:ss"/></numFmts>'
        '<fonts count="1"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>'
        '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/>'
        '</fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
        '<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
        '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
        '<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
        '<xf numFmtId="21" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>'
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>'
    ),
}
# Characters XML 1.0 cannot hold are dropped (openpyxl refused the whole file); markup characters escaped.
TEXT = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;"} | {chr(c): None for c in range(32) if chr(c) not in "\t\n\r"}
)
SHEET_NAME_FORBIDDEN = re.compile(r"[\\/?*\[\]:]")
ROWS_PER_WRITE = 500
DATE_EPOCH = date(1899, 12, 30).toordinal()
FIRST_PLAIN_DATE = date(1900, 3, 1)  # Excel's serials before this date carry the 1900 leap-year bug


def _cell(ref: str, value: object) -> str:
    """One cell's XML ("" for an empty cell, which is left out as openpyxl leaves it out)."""
    kind = type(value)
    if kind is str or isinstance(value, str | Promise):
        text = str(value)
        if not text:
            return ""
        space = ' xml:space="preserve"' if text != text.strip() else ""
        return f'<c r="{ref}" t="inlineStr"><is><t{space}>{text.translate(TEXT)}</t></is></c>'
    if kind is bool:
        return f'<c r="{ref}" t="b"><v>{int(value)}</v></c>'  # type: ignore[call-overload]
    if kind is int:
        return f'<c r="{ref}" t="n"><v>{value}</v></c>'
    if kind is float or kind is Decimal:
        number = float(value)  # type: ignore[arg-type]
        return f'<c r="{ref}" t="n"><v>{number:.16g}</v></c>' if math.isfinite(number) else ""
    if kind is date and value >= FIRST_PLAIN_DATE:  # type: ignore[operator]
        return f'<c r="{ref}" s="1" t="n"><v>{value.toordinal() - DATE_EPOCH}</v></c>'  # type: ignore[attr-defined]
    if isinstance(value, datetime):
        serial = to_excel(value.replace(tzinfo=None))
        return f'<c r="{ref}" s="2" t="n"><v>{serial:.16g}</v></c>'
    if isinstance(value, date):
        return f'<c r="{ref}" s="1" t="n"><v>{to_excel(value):.16g}</v></c>'
    if isinstance(value, time):
        return f'<c r="{ref}" s="3" t="n"><v>{to_excel(value.replace(tzinfo=None)):.16g}</v></c>'
    if value is None:
        return ""
    return _cell(ref, str(value))


def _sheet_name(title: str) -> str:
    """A worksheet name Excel accepts: at most 31 characters, none of \\ / ? * [ ] :, escaped for XML."""
    name = SHEET_NAME_FORBIDDEN.sub(" ", title)[:31].strip() or "Sheet1"
    return name.translate(TEXT).replace('"', "&quot;")


def write_xlsx(file: IO[bytes], *, sheet_title: str, rows: Iterable[Sequence[object]]) -> None:
    """Write `rows` (the first is usually the header) as the only worksheet of an XLSX workbook into `file`.
    Memory stays flat: rows are formatted and compressed a few hundred at a time."""
    letters: list[str] = []
    with zipfile.ZipFile(file, "w", compression=zipfile.ZIP_DEFLATED) as package:
        for name, xml in STATIC_PARTS.items():
            package.writestr(name, xml)
        package.writestr(
            "xl/workbook.xml",
            f'<workbook xmlns="{MAIN}" xmlns:r="{DOC_RELS}"><sheets><sheet name="{_sheet_name(sheet_title)}" '
            'sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        with package.open(SHEET_XML, "w") as sheet:
            sheet.write(f'<worksheet xmlns="{MAIN}"><sheetData>'.encode())
            chunk: list[str] = []
            for number, row in enumerate(rows, start=1):
                while len(letters) < len(row):
                    letters.append(get_column_letter(len(letters) + 1))
                cells = "".join([_cell(f"{letters[i]}{number}", value) for i, value in enumerate(row)])
                chunk.append(f'<row r="{number}">{cells}</row>')
                if len(chunk) == ROWS_PER_WRITE:
                    sheet.write("".join(chunk).encode())
                    chunk = []
            sheet.write(("".join(chunk) + "</sheetData></worksheet>").encode())
