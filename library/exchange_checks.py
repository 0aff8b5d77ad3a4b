"""The checks of an exchange file that JSON Schema's stock validator does not make, or makes too slowly.

Problems are written for the person who uploaded the file: where it is, what is wrong, and never the whole value
quoted back (a 1 MB string or list would become a 1 MB message). See docs/adr/0046-bounded-exchange-parsing.md.
"""

from __future__ import annotations

import json
import re
from typing import Any

from django.utils.translation import gettext as _
from jsonschema import Draft202012Validator, ValidationError, validators

from library.bounded_json import JSONLimitExceeded
from tools.exchange import describe_schema_error

MAX_PROBLEM_CHARS = 300


def _unique_items(validator: Any, unique: bool, instance: Any, schema: dict[str, Any]) -> Any:
    """`uniqueItems` in linear time (each item's canonical JSON in a set): the stock check compares every pair of
    unhashable items, a second for 1,000 distinct objects."""
    if not unique or not validator.is_type(instance, "array"):
        return
    seen: set[str] = set()
    for item in instance:
        key = json.dumps(item, sort_keys=True)
        if key in seen:
            yield ValidationError(_("has repeated entries"))
            return
        seen.add(key)


ExchangeValidator = validators.extend(Draft202012Validator, {"uniqueItems": _unique_items})


# Only these escapes can produce a NUL or a lone surrogate; a file without them needs no walk through its strings.
_SUSPECT_ESCAPE = re.compile(r"\\u(?:0000|[dD][89a-fA-F])")


def unstorable_text(document: Any, *, text: str) -> str | None:
    """A NUL character or an unpaired surrogate (both legal JSON escapes) in any string: no database stores them."""
    if not _SUSPECT_ESCAPE.search(text):
        return None
    stack = [document]
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            stack.extend(value.keys())
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
        elif isinstance(value, str):
            if "\x00" in value:
                return _("The file contains a NUL character (\\u0000); text in an exchange file cannot hold one.")
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                return _("The file contains half of a surrogate pair (such as \\ud800): it is not valid Unicode text.")
    return None


def limit_problem(exc: JSONLimitExceeded) -> str:
    """The message for a file past the nesting or list-length limit, with where it happens."""
    where = {"line": exc.line, "col": exc.column, "limit": exc.maximum}
    if exc.limit == "depth":
        return (
            _(
                "The file nests lists and objects more than %(limit)s levels deep (line %(line)s, column %(col)s); "
                "an exchange file needs at most 10."
            )
            % where
        )
    return (
        _(
            "A list or object in the file has more than %(limit)s entries (line %(line)s, column %(col)s); "
            "an exchange file holds at most %(limit)s practices and fewer of anything else."
        )
        % where
    )


def schema_problem(error: Any) -> str:
    """One schema error in words, at most MAX_PROBLEM_CHARS long: a 1 MB value is not quoted back in full."""
    if error.validator == "maxLength" and isinstance(error.instance, str):
        error.message = _("too long (%(n)s characters; the limit is %(limit)s)") % {
            "n": len(error.instance),
            "limit": error.validator_value,
        }
    elif error.validator == "maxItems" and isinstance(error.instance, list):
        error.message = _("too many entries (%(n)s; the limit is %(limit)s)") % {
            "n": len(error.instance),
            "limit": error.validator_value,
        }
    text = describe_schema_error(error)
    if len(text) > MAX_PROBLEM_CHARS:
        text = f"{text[: MAX_PROBLEM_CHARS - 81]}…{text[-80:]}"
    return text
