"""Reading answers out of submitted forms: the field names the worksheet pages use for each question type."""

from __future__ import annotations

import re

from django.http import QueryDict

from tools.answer_rules import MAX_TABLE_ROWS, TamperedAnswer
from tools.cells import NOT_STATED
from tools.models import Question

MAX_VERSION = 2_147_483_647  # the largest value a version column holds on every database
SAVE_KEY = re.compile(r"[A-Za-z0-9-]{8,64}")
MAX_EARLIER_KEYS = 32  # the browser sends at most this many unconfirmed keys; older ones are dropped (ADR 0045)


def field_name(question: Question) -> str:
    return f"q{question.pk}"


def raw_from_post(*, question: Question, data: QueryDict) -> object:
    """The raw answer to `question` in a worksheet step form (tables use `rows_from_post`)."""
    name = field_name(question)
    if question.type == Question.Type.MULTIPLE_CHOICE:
        return data.getlist(name)
    if question.type == Question.Type.YES_NO:
        return {"answer": data.get(name, ""), "follow_up": data.get(f"{name}_follow_up", "")}
    return data.get(name, "")


def version_from_post(*, question: Question, data: QueryDict) -> int:
    """The answer version the editor loaded; a missing or forged one (not a whole number a version can be) is
    tampering. A well-formed version that is not the answer's current one is a stale edit, for the service."""
    try:
        version = int(data.get(f"{field_name(question)}_version", ""))
    except ValueError:
        raise TamperedAnswer("bad version") from None
    if not 0 <= version <= MAX_VERSION:
        raise TamperedAnswer("bad version")
    return version


def save_keys_from_post(*, question: Question, data: QueryDict) -> tuple[str, list[str]]:
    """The browser's key for this save and the keys of its earlier saves whose response never arrived (ADR 0045).
    A malformed key is ignored: the save then falls back to the plain version check, which refuses nothing new."""
    name = field_name(question)
    key = data.get(f"{name}_save_key", "")
    earlier = data.get(f"{name}_earlier_keys", "").split(",")[-MAX_EARLIER_KEYS:]
    return (
        key if SAVE_KEY.fullmatch(key) else "",
        [k for k in earlier if SAVE_KEY.fullmatch(k)],
    )


def _cell_from_post(*, data: QueryDict, name: str) -> object:
    """A cell's typed text, or the Not stated mark when its `<name>-ns` box is ticked (the text is then ignored)."""
    marked = data.get(f"{name}-ns")
    if marked is None:
        return data.get(name, "")
    if marked != "1":
        raise TamperedAnswer("bad not-stated mark")
    return dict(NOT_STATED)


def rows_from_post(*, question: Question, data: QueryDict) -> list[dict]:
    """The rows of the table editor, in the order shown (`r<i>-<column key>` fields, `r<i>-<column key>-ns` the
    Not stated boxes, `rows` = how many)."""
    try:
        count = int(data.get("rows", ""))
    except ValueError:
        raise TamperedAnswer("bad row count") from None
    if not 0 <= count <= MAX_TABLE_ROWS:
        raise TamperedAnswer("bad row count")
    keys = [c["key"] for c in question.columns]
    return [{key: _cell_from_post(data=data, name=f"r{i}-{key}") for key in keys} for i in range(count)]
