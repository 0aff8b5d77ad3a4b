"""A bounded, breadth-first walk of the portal as one signed-in person, with Django's test client: every same-site GET
link (`a[href]`) and GET form (submitted as the page fills it in) it finds, up to a number of pages. Used to check
that no page offers a link that ends in 403 (tests/test_crawl_personas.py)."""

from __future__ import annotations

from collections import Counter, deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlencode, urljoin, urlsplit

from django.test import Client
from django.urls import Resolver404, resolve

# Links a crawler must not follow: signing out ends the walk, the admin site is Django's own (tested by Django),
# and static or media files are not pages.
SKIPPED_PREFIXES = ("/accounts/logout", "/logout", "/admin/", "/static/", "/media/", "/__debug__/")
SKIPPED_URL_NAMES = {"logout", "account_logout", "set_language"}
PER_URL_NAME = 2  # pages of each URL pattern visited (two plans are enough to find what a plan page links to)


class _LinkReader(HTMLParser):
    """Collects the page's `a[href]` and its GET forms, each form as (action, [(name, value), ...])."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.forms: list[tuple[str, list[tuple[str, str]]]] = []
        self._form: tuple[str, list[tuple[str, str]]] | None = None
        self._select: str | None = None
        self._select_value: str | None = None

    def handle_starttag(self, tag, attrs):
        a = {key: value or "" for key, value in attrs}
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        elif tag == "form" and a.get("method", "get").lower() == "get":
            self._form = (a.get("action", ""), [])
        elif self._form is None:
            return
        elif tag == "input" and a.get("name") and a.get("type") not in ("submit", "button", "file", "reset"):
            if a.get("type") not in ("checkbox", "radio") or "checked" in a:
                self._form[1].append((a["name"], a.get("value", "")))
        elif tag == "select" and a.get("name"):
            self._select, self._select_value = a["name"], None
        elif tag == "option" and self._select and (self._select_value is None or "selected" in a):
            self._select_value = a.get("value", "")

    def handle_endtag(self, tag):
        if tag == "select" and self._form is not None and self._select:
            self._form[1].append((self._select, self._select_value or ""))
            self._select = None
        elif tag == "form" and self._form is not None:
            self.forms.append(self._form)
            self._form = None


@dataclass
class Crawl:
    """What one walk found: the pages visited and each refused one with the page that linked to it."""

    visited: list[str] = field(default_factory=list)
    refused: list[tuple[str, int, str]] = field(default_factory=list)  # (url, status, linked from)


def _url_name(path: str) -> str | None:
    try:
        return resolve(path).view_name
    except Resolver404:
        return None


def _same_site_path(href: str, base: str) -> str | None:
    url = urlsplit(urljoin(base, href))
    if url.scheme not in ("http", "https", "") or url.netloc not in ("", "testserver"):
        return None
    if not url.path or url.path.startswith(SKIPPED_PREFIXES):
        return None
    return url.path + (f"?{url.query}" if url.query else "")


def crawl(client: Client, start: list[str], *, max_pages: int) -> Crawl:
    """Walk breadth first from `start`, at most `max_pages` pages and PER_URL_NAME pages of each URL pattern;
    a redirect to another page of the site is followed like a link."""
    result = Crawl()
    queue: deque[tuple[str, str]] = deque((url, "(start)") for url in start)
    seen: set[str] = set(start)
    per_name: Counter[str] = Counter()
    while queue and len(result.visited) < max_pages:
        url, source = queue.popleft()
        name = _url_name(urlsplit(url).path)
        if name is None or name in SKIPPED_URL_NAMES or per_name[name] >= PER_URL_NAME:
            continue
        per_name[name] += 1
        response = client.get(url)
        result.visited.append(url)
        if response.status_code == 403:
            result.refused.append((url, 403, source))
        found: list[str] = []
        if response.status_code in (301, 302) and response.has_header("Location"):
            found.append(response["Location"])
        elif response.status_code == 200 and response.get("Content-Type", "").startswith("text/html"):
            reader = _LinkReader()
            reader.feed(response.content.decode(errors="replace"))
            found += reader.links
            found += [f"{action or url.split('?')[0]}?{urlencode(data)}" for action, data in reader.forms]
        for href in found:
            path = _same_site_path(href, url)
            if path is not None and path not in seen:
                seen.add(path)
                queue.append((path, url))
    return result
