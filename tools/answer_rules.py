"""Answer validation by question type: turns raw input into the stored JSON value or explains what is wrong.

A user mistake (a number that is not a number, text over the cap) raises ValidationError with a clear message.
Input no honest form can send (a choice not offered, an unknown table column) raises TamperedAnswer, which
Django answers with 400 Bad Request.
"""

from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import SuspiciousOperation, ValidationError
from django.utils.translation import gettext as _

from tools.cells import GROUP_LISTED, GROUP_OTHER, NOT_STATED, NOT_STATED_WORDS, cell_number, cell_range
from tools.models import Question

TEXT_CAPS: dict[str, int] = {Question.Type.SHORT_TEXT: 300, Question.Type.LONG_TEXT: 10000}
CELL_CAPS = {"text": 500, "long_text": 4000, "number": 100, "group": 200}
FOLLOW_UP_CAP = 4000
MAX_TABLE_ROWS = 200
COLUMN_TYPES = ("text", "long_text", "number", "date", "choice", "group")
YES, NO, NOT_STATED_ANSWER = "yes", "no", "not_stated"
YES_NO_ANSWERS = (YES, NO, NOT_STATED_ANSWER)
NUMBER_LIMIT = Decimal("1e15")


class TamperedAnswer(SuspiciousOperation):
    """The request carries a value the form never offered."""


def _text(value: object, *, cap: int, label: str) -> str:
    if not isinstance(value, str):
        raise TamperedAnswer("text expected")
    value = value.replace("\r\n", "\n").strip()
    if len(value) > cap:
        raise ValidationError(
            _("%(label)s is %(n)s characters long; the limit is %(cap)s. Shorten it or move detail to an attachment.")
            % {"label": label, "n": len(value), "cap": cap}
        )
    return value


def _number(value: object, *, label: str) -> str:
    if not isinstance(value, str):
        raise TamperedAnswer("number expected")
    value = value.strip().replace(",", "")
    if not value:
        return ""
    try:
        number = Decimal(value)
    except InvalidOperation:
        raise ValidationError(_("%(label)s must be a number, such as 1250 or 12.5.") % {"label": label}) from None
    if not number.is_finite() or abs(number) >= Decimal("1e15"):
        raise ValidationError(_("%(label)s must be a number below one quadrillion.") % {"label": label})
    return str(number)


def _date(value: object, *, label: str) -> str:
    if not isinstance(value, str):
        raise TamperedAnswer("date expected")
    value = value.strip()
    if not value:
        return ""
    try:
        day = datetime.date.fromisoformat(value)
    except ValueError:
        raise ValidationError(_("%(label)s must be a real date, written as YYYY-MM-DD.") % {"label": label}) from None
    if not 1900 <= day.year <= 2200:
        raise ValidationError(_("%(label)s must be between the years 1900 and 2200.") % {"label": label})
    return day.isoformat()


def _choice(value: object, *, options: list[str]) -> str:
    if not isinstance(value, str):
        raise TamperedAnswer("choice expected")
    if value and value not in options:
        raise TamperedAnswer("choice not offered")
    return value


def _number_cell(value: str, *, label: str) -> str:
    """A number cell keeps the text as typed ("20 %", "2012–2016", "about 400"); it must hold a number, and the
    numbers in it must be below the limit the plain number questions have."""
    text = _text(value, cap=CELL_CAPS["number"], label=label)
    if not text:
        return ""
    if not any(ch.isdigit() for ch in text):
        raise ValidationError(
            _(
                "%(label)s must contain a number, such as 1,250, 20 %%, about 400 or 2012–2016. "
                "If the number is not known, tick Not stated."
            )
            % {"label": label}
        )
    numbers = [n for n in [cell_number(text), *(cell_range(text) or ())] if n is not None]
    if any(abs(n) >= NUMBER_LIMIT for n in numbers):
        raise ValidationError(_("%(label)s must be a number below one quadrillion.") % {"label": label})
    return text


def _group_cell(value: str, *, label: str, groups: list[str]) -> dict | str:
    """A group cell: a group of the city's list (matched whatever the case and spacing) or any group as typed."""
    text = _text(value, cap=CELL_CAPS["group"], label=label)
    if not text:
        return ""
    listed = {" ".join(g.casefold().split()): g for g in groups}
    name = listed.get(" ".join(text.casefold().split()))
    if name is not None:
        return {"kind": GROUP_LISTED, "name": name}
    return {"kind": GROUP_OTHER, "name": " ".join(text.split())}


def cell_clean(*, column: dict, value: object, groups: list[str] | None = None) -> object:
    """One table cell, checked against its column's type: the typed text, the Not stated mark, or a group."""
    label = column["label"]
    kind = column.get("type", "text")
    if isinstance(value, dict):
        if value != NOT_STATED:
            raise TamperedAnswer("unknown cell value")
        return dict(NOT_STATED)
    if isinstance(value, str) and kind in ("text", "number", "group") and value.strip().casefold() in NOT_STATED_WORDS:
        return dict(NOT_STATED)
    if kind == "number":
        if not isinstance(value, str):
            raise TamperedAnswer("number expected")
        return _number_cell(value, label=label)
    if kind == "date":
        return _date(value, label=label)
    if kind == "choice":
        return _choice(value, options=column.get("choices", []))
    if kind == "group":
        if not isinstance(value, str):
            raise TamperedAnswer("group expected")
        return _group_cell(value, label=label, groups=groups or [])
    return _text(value, cap=CELL_CAPS.get(kind, CELL_CAPS["text"]), label=label)


def table_clean(
    *, question: Question, rows: object, groups: list[str] | None = None
) -> tuple[list[dict], dict[tuple[int, str], str]]:
    """Every row of a table answer; returns the cleaned rows (blank rows dropped) and errors by (row, column key).
    `groups` is the city's list of groups, for group columns (`tools.selectors.city_group_names`)."""
    if not isinstance(rows, list) or len(rows) > MAX_TABLE_ROWS:
        raise TamperedAnswer("table rows expected")
    keys = [c["key"] for c in question.columns]
    cleaned: list[dict] = []
    errors: dict[tuple[int, str], str] = {}
    for index, row in enumerate(rows):
        if not isinstance(row, dict) or set(row) - set(keys):
            raise TamperedAnswer("unknown table column")
        out = {}
        for column in question.columns:
            try:
                out[column["key"]] = cell_clean(column=column, value=row.get(column["key"], ""), groups=groups)
            except ValidationError as exc:
                errors[(index, column["key"])] = exc.messages[0]
                out[column["key"]] = row.get(column["key"], "")
        if any(out.values()):
            cleaned.append(out)
    return cleaned, errors


def follow_up_applies(*, question: Question, answer: str) -> bool:
    """Whether the question's follow-up is asked after `answer` (its `follow_up_on`: after No, Yes, or either)."""
    if not question.follow_up or answer not in (YES, NO):
        return False
    return question.follow_up_on in (answer, Question.FollowUpOn.EITHER)


def answer_clean(*, question: Question, raw: object, groups: list[str] | None = None) -> object:
    """The value to store for `raw` input to `question`; ValidationError for mistakes, TamperedAnswer for forgeries."""
    label = _("The answer")
    kind = question.type
    if kind in TEXT_CAPS:
        return _text(raw, cap=TEXT_CAPS[kind], label=label)
    if kind == Question.Type.NUMBER:
        return _number(raw, label=label)
    if kind == Question.Type.DATE:
        return _date(raw, label=label)
    if kind == Question.Type.SINGLE_CHOICE:
        return _choice(raw, options=question.choices)
    if kind == Question.Type.MULTIPLE_CHOICE:
        if not isinstance(raw, list) or not all(isinstance(v, str) for v in raw):
            raise TamperedAnswer("choices expected")
        if set(raw) - set(question.choices):
            raise TamperedAnswer("choice not offered")
        return [c for c in question.choices if c in raw]
    if kind == Question.Type.YES_NO:
        if not isinstance(raw, dict):
            raise TamperedAnswer("yes/no expected")
        answer = _choice(raw.get("answer", ""), options=list(YES_NO_ANSWERS))
        follow_up = _text(raw.get("follow_up", ""), cap=FOLLOW_UP_CAP, label=_("The follow-up answer"))
        return {"answer": answer, "follow_up": follow_up if follow_up_applies(question=question, answer=answer) else ""}
    if kind == Question.Type.TABLE:
        rows, errors = table_clean(question=question, rows=raw, groups=groups)
        if errors:
            raise ValidationError(next(iter(errors.values())))
        return rows
    raise TamperedAnswer("unknown question type")


def is_answered(*, question: Question, value: object) -> bool:
    """Whether a stored value counts as an answer for the submission check."""
    if value in (None, "", [], {}):
        return False
    if question.type == Question.Type.YES_NO:
        if not isinstance(value, dict) or value.get("answer") not in YES_NO_ANSWERS:
            return False
        return not follow_up_applies(question=question, answer=value["answer"]) or bool(value.get("follow_up"))
    return True
