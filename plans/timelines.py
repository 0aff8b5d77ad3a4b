"""Action timelines written the way plans write them, parsed into a start date, an end date and a canonical text.

Accepted formats (case-insensitive; spaces optional; a range may use "-", the en dash "–", the em dash "—" or "/"):

=====================  ====================================  ======================================================
Written                Shown as                              Covers
=====================  ====================================  ======================================================
``Ongoing``            ``Ongoing``                           no dates (no end)
``2021``               ``2021``                              1 Jan 2021 – 31 Dec 2021
``2021–22``,           ``2021–22``                           1 Jan 2021 – 31 Dec 2022 (calendar years)
``2021-2022``
``FY2023``, ``FY23``,  ``FY2023``                            the fiscal year ending in 2023; with the default start
``FY 2023``                                                  month (July) 1 Jul 2022 – 30 Jun 2023
``FY2023–25``,         ``FY2023–25``                         the start of FY2023 to the end of FY2025
``FY2023-FY2025``
``FY2023 Q2``,         ``FY2023 Q2``                         the second quarter of FY2023 (1 Oct – 31 Dec 2022)
``Q2 FY2023``
``FY2023 Q1–Q3``       ``FY2023 Q1–Q3``                      the first three quarters of FY2023
``2024 Q1``,           ``2024 Q1``                           1 Jan 2024 – 31 Mar 2024 (calendar quarter)
``Q1 2024``,
``2024Q1``
``2024 Q1–Q3``         ``2024 Q1–Q3``                        1 Jan 2024 – 30 Sep 2024
=====================  ====================================  ======================================================

A fiscal year is named by the calendar year it ends in and starts in the month set by ``PLANS_FISCAL_YEAR_START_MONTH``
(1-12, default 7 = July; with 1 a fiscal year is the calendar year). Two-digit years mean 2000-2099. Years must lie
between 1900 and 2100. Anything else raises TimelineError with a message saying what is accepted.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.utils.translation import gettext as _

TIMELINE_MAX_LENGTH = 40
EN_DASH = "–"
ONGOING = "ongoing"


class TimelineError(ValueError):
    """Text that is not a timeline; the message lists the accepted forms."""


@dataclass(frozen=True)
class Timeline:
    """A parsed timeline: its canonical text and the dates it covers (both None for Ongoing)."""

    text: str
    start: date | None
    end: date | None
    precision: str  # "ongoing", "year", "fiscal_year", "quarter" or "fiscal_quarter"


def fiscal_start_month() -> int:
    month = int(getattr(settings, "PLANS_FISCAL_YEAR_START_MONTH", 7))
    return month if 1 <= month <= 12 else 7


_DASH = r"\s*(?:-|–|—|/|to)\s*"
_YEAR = r"(\d{4}|\d{2})"
_PATTERNS = [
    ("year", re.compile(rf"^{_YEAR}(?:{_DASH}{_YEAR})?$")),
    ("fiscal_year", re.compile(rf"^fy\s*{_YEAR}(?:{_DASH}(?:fy\s*)?{_YEAR})?$")),
    ("fiscal_quarter", re.compile(rf"^fy\s*{_YEAR}\s*q([1-4])(?:{_DASH}q?([1-4]))?$")),
    ("fiscal_quarter_first", re.compile(rf"^q([1-4])(?:{_DASH}q?([1-4]))?\s*fy\s*{_YEAR}$")),
    ("quarter", re.compile(rf"^{_YEAR}\s*q([1-4])(?:{_DASH}q?([1-4]))?$")),
    ("quarter_first", re.compile(rf"^q([1-4])(?:{_DASH}q?([1-4]))?\s*{_YEAR}$")),
]


def _year(text: str) -> int:
    year = int(text) + 2000 if len(text) == 2 else int(text)
    if not 1900 <= year <= 2100:
        raise TimelineError(_("Years must be between 1900 and 2100."))
    return year


def _second_year(first: int, text: str) -> int:
    """The end of a range: "22" after 2021 is 2022; a full year is itself. It must not come before the first."""
    second = (first // 100) * 100 + int(text) if len(text) == 2 else _year(text)
    if second < first:
        raise TimelineError(_("A range must end on or after its start."))
    return second


def _month_start(year: int, month: int) -> date:
    """The first day of `month` counted from January of `year` (months past 12 roll into the next years)."""
    year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    return date(year, month, 1)


def _month_end(year: int, month: int) -> date:
    first = _month_start(year, month)
    return first.replace(day=calendar.monthrange(first.year, first.month)[1])


def _fiscal_months(fy: int) -> int:
    """The month (counted from January of `fy`, may be <= 0) a fiscal year named `fy` starts in."""
    start = fiscal_start_month()
    return start if start == 1 else start - 12


def _span(kind: str, year: int, first_q: int | None = None, last_q: int | None = None) -> tuple[date, date]:
    if kind == "year":
        return date(year, 1, 1), date(year, 12, 31)
    if kind == "fiscal_year":
        m = _fiscal_months(year)
        return _month_start(year, m), _month_end(year, m + 11)
    assert first_q is not None and last_q is not None
    m = _fiscal_months(year) if kind == "fiscal_quarter" else 1
    return _month_start(year, m + 3 * (first_q - 1)), _month_end(year, m + 3 * last_q - 1)


def _quarters(first: str, last: str | None) -> tuple[int, int, str]:
    q1, q2 = int(first), int(last or first)
    if q2 < q1:
        raise TimelineError(_("A range must end on or after its start."))
    return q1, q2, f"Q{q1}" if q1 == q2 else f"Q{q1}{EN_DASH}Q{q2}"


def parse_timeline(text: str | None) -> Timeline | None:
    """Parse a written timeline (formats in the module docstring); empty text is None. Raises TimelineError."""
    raw = " ".join((text or "").split())
    if not raw:
        return None
    if len(raw) > TIMELINE_MAX_LENGTH:
        raise TimelineError(_("A timeline has at most %(n)d characters.") % {"n": TIMELINE_MAX_LENGTH})
    low = raw.lower()
    if low == ONGOING:
        return Timeline(text="Ongoing", start=None, end=None, precision=ONGOING)
    for kind, pattern in _PATTERNS:
        match = pattern.match(low)
        if not match:
            continue
        groups = match.groups()
        if kind in ("year", "fiscal_year"):
            first = _year(groups[0])
            last = _second_year(first, groups[1]) if groups[1] else first
            start, _end = _span(kind, first)
            _start, end = _span(kind, last)
            prefix = "FY" if kind == "fiscal_year" else ""
            shown = f"{prefix}{first}" if last == first else f"{prefix}{first}{EN_DASH}{last % 100:02d}"
            if last != first and last // 100 != first // 100:
                shown = f"{prefix}{first}{EN_DASH}{last}"
            return Timeline(text=shown, start=start, end=end, precision=kind)
        if kind.endswith("_first"):
            kind = kind.removesuffix("_first")
            q_first, q_last, year_text = groups
        else:
            year_text, q_first, q_last = groups
        year = _year(year_text)
        q1, q2, q_text = _quarters(q_first, q_last)
        start, end = _span(kind, year, q1, q2)
        prefix = "FY" if kind == "fiscal_quarter" else ""
        return Timeline(text=f"{prefix}{year} {q_text}", start=start, end=end, precision=kind)
    raise TimelineError(
        _(
            "Write a year (2021), years (2021–22), a fiscal year (FY2023), a quarter (2024 Q1, FY2023 Q2), "
            "quarters (2024 Q1–Q3) or Ongoing."
        )
    )
