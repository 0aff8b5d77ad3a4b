"""HTML written in Python for long tables and lists (row tags, timelines, quick selects): `format_html` and `escaped`
with exactly the output of Django's `django.utils.html.format_html` and `conditional_escape`, at a third of the cost;
and what the rows of one render share (`shared_by_rows`, `url_pattern`).

Django's versions pass every value through `escape`, which is wrapped for lazy translations (a check of every
argument, then a SafeString built per value); on a page of 25 rows of a dozen cells those wrappers were most of the
rows' time. Here a value that knows its HTML (a safe string) is kept as it is and anything else (lazy translations,
numbers and dates included) is its `str()` through the standard library's `html.escape`, which is what Django's
`escape` calls. tests/core/test_markup.py compares both on every kind of value."""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

from django.template import Context
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe


def escaped(value: Any) -> str:
    """`conditional_escape(value)` as a plain string: safe text (anything with `__html__`) as it is, anything else
    as its string with &, <, >, " and ' escaped."""
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(str(value), quote=True)


def format_html(format_string: str, *args: Any, **kwargs: Any) -> SafeString:
    """`django.utils.html.format_html`: `format_string` (trusted markup) with every argument escaped (`escaped`)."""
    return mark_safe(  # noqa: S308  # every argument is escaped
        format_string.format(*map(escaped, args), **{key: escaped(value) for key, value in kwargs.items()})
    )


MARKER = 999999937  # an id no record has: a URL is reversed once with it, then each record's id put in its place


def url_pattern(name: str, *args: Any) -> Callable[[Any], str]:
    """The URL of the route `name` as a function of its last argument: reversed once (for MARKER), then each row's
    URL is a concatenation instead of a `reverse` per row."""
    before, after = reverse(name, args=[*args, MARKER]).rsplit(str(MARKER), 1)
    return lambda pk: f"{before}{pk}{after}"


def shared_by_rows(context: Context, key: str, build: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    """What every row of one template render shares (translated words, choice labels, URL patterns): built by
    `build` on the first row, kept in the render context under `key` for the others."""
    shared = context.render_context.get(key)
    if shared is None:
        shared = context.render_context[key] = build()
    return shared


def csrf_input(context: Context) -> str:
    """The hidden CSRF field of a form written in Python (what `{% csrf_token %}` writes), empty when the render has
    no token."""
    token = context.get("csrf_token")
    if not token or token == "NOTPROVIDED":
        return ""
    return format_html('<input type="hidden" name="csrfmiddlewaretoken" value="{}">', token)
