"""Rich text for the narrative: a small HTML subset (headings, paragraphs, lists, links, emphasis), cleaned by nh3."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import nh3

ALLOWED_TAGS = {"h3", "h4", "p", "br", "ul", "ol", "li", "a", "strong", "em", "b", "i", "blockquote"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}
LINK_REL = "noopener noreferrer"
# nh3 gives every <a> the rel, even one whose href it removed (a `javascript:` link); HTML allows rel only beside an
# href, so an <a> left without one loses it again (nh3 writes the rel last and escapes quotes in values).
_REL_WITHOUT_HREF = re.compile(r'<a((?: title="[^"]*")?) rel="' + LINK_REL + '">')


def sanitise_html(*, html: str) -> str:
    """Keep only the allowed tags and attributes: no script, style, event handlers or `javascript:` links survive."""
    cleaned = nh3.clean(
        html or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        clean_content_tags={"script", "style"},
        link_rel=LINK_REL,
        strip_comments=True,
    )
    return _REL_WITHOUT_HREF.sub(r"<a\1>", cleaned).strip()


class _TextExtractor(HTMLParser):
    """Turns sanitised HTML into readable lines: headings, paragraphs, bullets and links with their address."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.current: list[str] = []
        self.href: str | None = None

    def _flush(self) -> None:
        line = " ".join("".join(self.current).split())
        if line:
            self.lines.append(line)
        self.current = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"h3", "h4", "p", "li", "blockquote", "br", "ul", "ol"}:
            self._flush()
        if tag == "li":
            self.current.append("• ")
        if tag == "a":
            self.href = dict(attrs).get("href")

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self.href:
            self.current.append(f" ({self.href})")
            self.href = None
        if tag in {"h3", "h4", "p", "li", "blockquote"}:
            self._flush()

    def handle_data(self, data: str) -> None:
        self.current.append(data)

    def close(self) -> None:
        super().close()
        self._flush()


def text_lines(*, html: str) -> list[str]:
    """The readable text of sanitised HTML, one line per block (used for the version comparison)."""
    parser = _TextExtractor()
    parser.feed(sanitise_html(html=html))
    parser.close()
    return parser.lines
