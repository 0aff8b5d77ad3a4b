"""Reading JSON with bounded nesting and entry counts, checked before any Python object is built.

`json.loads` recurses once per level (a few thousand `[` raise RecursionError) and builds every object of the text
before anyone can count them; JSON Schema then reports one error per bad entry, each holding its path and instance.
A scan of the text first (strings skipped whole, only brackets and commas counted) refuses a hostile file in
milliseconds, so what `json.loads` and the validator get is at most `max_depth` deep and `max_entries` wide at
every level. See docs/adr/0046-bounded-exchange-parsing.md.
"""

from __future__ import annotations

import json
import re
from typing import Any

# A whole string (escapes included) or one structural character. A lone `"` is an unterminated string: the scan
# stops there and json.loads reports it with its position.
_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[][{},"]', re.DOTALL)


class JSONLimitExceeded(ValueError):
    """The text goes past a limit; `limit` names which ("depth" or "entries"), `line`/`column` say where."""

    def __init__(self, *, limit: str, maximum: int, line: int, column: int):
        super().__init__(f"{limit} over {maximum} at line {line}, column {column}")
        self.limit = limit
        self.maximum = maximum
        self.line = line
        self.column = column


def _position(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    return line, index - text.rfind("\n", 0, index)


def json_limits_check(text: str, *, max_depth: int, max_entries: int) -> None:
    """Raise JSONLimitExceeded at the first array/object nested deeper than `max_depth` or with over `max_entries`.

    Commas are counted per open container (a container with n commas has n + 1 entries), so the scan needs no
    memory beyond one integer per open level and stops at the first limit.
    """
    commas: list[int] = []
    for match in _TOKEN.finditer(text):
        start = match.start()
        char = text[start]
        if char == '"':
            if match.end() - start == 1:
                return  # unterminated string: not JSON, json.loads says where
            continue
        if char in "[{":
            if len(commas) >= max_depth:
                line, column = _position(text, start)
                raise JSONLimitExceeded(limit="depth", maximum=max_depth, line=line, column=column)
            commas.append(0)
        elif char in "]}":
            if commas:
                commas.pop()
        elif commas:
            commas[-1] += 1
            if commas[-1] >= max_entries:
                line, column = _position(text, start)
                raise JSONLimitExceeded(limit="entries", maximum=max_entries, line=line, column=column)


def json_loads_bounded(text: str, *, max_depth: int, max_entries: int) -> Any:
    """`json.loads` after `json_limits_check`: raises JSONLimitExceeded or JSONDecodeError, never RecursionError."""
    json_limits_check(text, max_depth=max_depth, max_entries=max_entries)
    return json.loads(text)
