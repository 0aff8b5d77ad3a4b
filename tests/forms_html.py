"""Read a page's form as a browser would post it (inputs, checked boxes, textareas, selected options), for tests
that open a form, change it and post it back."""

from __future__ import annotations

from html.parser import HTMLParser


class _FormReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.data: list[tuple[str, str]] = []
        self._textarea: str | None = None
        self._select: str | None = None
        self._text = ""

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        name = a.get("name")
        if tag == "input" and name and a.get("type") not in ("submit", "button", "file"):
            if a.get("type") in ("checkbox", "radio") and "checked" not in a:
                return
            self.data.append((name, a.get("value") or ("on" if a.get("type") == "checkbox" else "")))
        elif tag == "textarea" and name:
            self._textarea, self._text = name, ""
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and "selected" in a:
            self.data.append((self._select, a.get("value") or ""))

    def handle_data(self, data):
        if self._textarea:
            self._text += data

    def handle_endtag(self, tag):
        if tag == "textarea" and self._textarea:
            self.data.append((self._textarea, self._text.removeprefix("\n")))
            self._textarea = None
        elif tag == "select":
            self._select = None


def form_data(html: str) -> dict[str, str | list[str]]:
    """The name → value pairs the page's forms would post (a name posted twice gives a list)."""
    reader = _FormReader()
    reader.feed(html)
    data: dict[str, str | list[str]] = {}
    for name, value in reader.data:
        if name in data:
            previous = data[name]
            data[name] = [*previous, value] if isinstance(previous, list) else [previous, value]
        else:
            data[name] = value
    return data
