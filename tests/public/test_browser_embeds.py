"""Embeds in real Chromium: a page served from an allowed site shows the plan widget in its frame, a page from
another site gets it refused (frame-ancestors); the widget and the equity team's embed page are axe-clean."""

from __future__ import annotations

import threading
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from tests.browser import assert_accessible, login
from tests.public.embeds_world import PLAN_TITLE, allow, build_world

pytestmark = [
    pytest.mark.needs_chromium,
    pytest.mark.django_db(transaction=True),
    pytest.mark.timeout(240, func_only=False),
]


@contextmanager
def host_page(widget_url: str):
    """A tiny site on 127.0.0.1 (its own port, so its own origin) whose page frames `widget_url`."""
    html = (
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>City home</title></head><body>'
        f'<h1>City home</h1><iframe title="Scorecard" src="{widget_url}" width="600" height="400"></iframe>'
        "</body></html>"
    ).encode()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - http.server's name
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(html)))
            self.end_headers()
            self.wfile.write(html)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def _frame_text(page) -> str:
    texts = []
    for frame in page.frames[1:]:
        try:
            texts.append(frame.content())
        except PlaywrightError:
            texts.append("")
    return "\n".join(texts)


@pytest.fixture(autouse=True)
def idle_connections_time_out(monkeypatch):
    """Chromium opens a spare connection to a framed site before it needs it; the one-request-at-a-time live server
    of the SQLite runs (tests/conftest.py) would wait on that idle connection for ever. A read timeout frees it."""
    from django.core.servers.basehttp import WSGIRequestHandler

    monkeypatch.setattr(WSGIRequestHandler, "timeout", 2)


@pytest.fixture
def world(personas, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return build_world(personas.equity)


def test_widget_renders_for_an_allowed_site_and_is_refused_by_another(page, live_server, world, personas):
    widget = f"{live_server.url}/embed/plans/{world.plan_pub.slug}/"
    with host_page(widget) as allowed, host_page(widget) as other:
        allow(personas.equity, allowed)
        page.goto(f"{allowed}/", wait_until="domcontentloaded")
        frame = page.frame_locator('iframe[title="Scorecard"]')
        expect(frame.get_by_role("heading", name=PLAN_TITLE)).to_be_visible(timeout=20000)
        expect(frame.get_by_role("link", name="Full details")).to_have_attribute("target", "_blank")

        refused = []
        page.on("console", lambda message: refused.append(message.text))
        page.goto(f"{other}/", wait_until="domcontentloaded")
        page.wait_for_timeout(2000)
        assert PLAN_TITLE not in _frame_text(page)
        assert any("frame-ancestors" in text for text in refused), refused


def test_widget_and_embed_page_are_accessible(page, live_server, world, personas):
    allow(personas.equity, "https://www.example.gov")
    for path in (
        f"/embed/plans/{world.plan_pub.slug}/",
        f"/embed/indicators/{world.indicator_pub.slug}/",
        "/embed/city/",
    ):
        page.goto(f"{live_server.url}{path}")
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        assert_accessible(page)
    login(page, live_server, "equity")
    page.goto(f"{live_server.url}/publishing/embed/")
    expect(page.get_by_role("heading", name="Embed the scorecard")).to_be_visible()
    expect(page.get_by_label(f"Widget code for {PLAN_TITLE}")).to_have_attribute("readonly", "")
    assert_accessible(page)
    page.get_by_role("textbox", name="Site").fill("https://www.example.gov/page")
    page.get_by_role("button", name="Allow this site").click()
    expect(page.get_by_text("without a path").first).to_be_visible()
    assert_accessible(page)
