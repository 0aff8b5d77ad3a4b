"""Issue 16's "done when", end to end in real Chromium: the equity team publishes the demo plan and two indicators
and allows one site to embed; an anonymous visitor browses /public/, the plan and an indicator (axe-clean),
downloads the CSV, JSON and PDF, sees a suppressed small number; the widget renders in a page from the allowed site
and is refused in a page from another; unpublishing makes every public URL of the plan answer 404 at once."""

from __future__ import annotations

import json
from urllib.parse import urljoin

import pytest
from playwright.sync_api import expect

from equity.demo import DEMO_PASSWORD
from plans.demo import CITYWIDE_TITLE
from tests.browser import assert_accessible, login
from tests.public.test_browser_embeds import _frame_text, host_page, idle_connections_time_out  # noqa: F401
from tests.public.test_browser_publishing import INDICATORS, _confirm, _open_publish

pytestmark = [
    pytest.mark.needs_chromium,
    pytest.mark.django_db(transaction=True),
    pytest.mark.timeout(300, func_only=False),
]

SLUG = "citywide-plan"
SUPPRESSED = "Suppressed: fewer than 10 people"


def _publish_everything(page, live_server, allowed_site: str) -> None:
    login(page, live_server, "equity", DEMO_PASSWORD)
    _open_publish(page, live_server, CITYWIDE_TITLE)
    page.get_by_label("Web address").fill(SLUG)
    _confirm(page)
    for name in INDICATORS:
        _open_publish(page, live_server, name)
        _confirm(page)
    page.goto(f"{live_server.url}/publishing/embed/")
    page.get_by_role("textbox", name="Site").fill(allowed_site)
    page.get_by_role("button", name="Allow this site").click()
    expect(page.get_by_text(allowed_site, exact=True).first).to_be_visible()
    page.context.clear_cookies()


def _download(page, href: str, media_type: str) -> bytes:
    response = page.request.get(urljoin(page.url, href))
    assert response.status == 200, href
    assert response.headers["content-type"].startswith(media_type), (href, response.headers["content-type"])
    assert "set-cookie" not in response.headers
    return response.body()


def _plan_urls(live_server) -> list[str]:
    base = f"{live_server.url}/public/plans/{SLUG}/"
    return [
        base,
        f"{base}versions/1/",
        f"{base}actions.csv",
        f"{base}actions.json",
        f"{base}report.pdf",
        f"{base}versions/1/report.pdf",
        f"{live_server.url}/embed/plans/{SLUG}/",
        f"{live_server.url}/embed/plans/{SLUG}/badge.svg",
    ]


def test_browser_issue_16_publish_browse_download_embed_unpublish(page, live_server, demo, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    widget = f"{live_server.url}/embed/plans/{SLUG}/"
    with host_page(widget) as allowed, host_page(widget) as other:
        _publish_everything(page, live_server, allowed)

        page.goto(f"{live_server.url}/public/")
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        assert_accessible(page)
        page.get_by_role("link", name=CITYWIDE_TITLE).first.click()
        expect(page.get_by_role("heading", level=1)).to_have_text(CITYWIDE_TITLE)
        assert_accessible(page)
        csv_text = _download(page, page.get_by_role("link", name="actions (CSV)").get_attribute("href"), "text/csv")
        assert "Map displacement risk by census tract" in csv_text.decode("utf-8-sig")
        plan_json = json.loads(
            _download(page, page.get_by_role("link", name="actions (JSON)").get_attribute("href"), "application/json")
        )
        assert plan_json and "Map displacement risk by census tract" in json.dumps(plan_json)
        pdf = _download(
            page, page.get_by_role("link", name="progress report (PDF)").get_attribute("href"), "application/pdf"
        )
        assert pdf.startswith(b"%PDF")

        page.goto(f"{live_server.url}/public/")
        page.get_by_role("link", name=INDICATORS[0]).first.click()
        expect(page.get_by_role("heading", level=1)).to_have_text(INDICATORS[0])
        expect(page.get_by_role("table", name=f"{INDICATORS[0]} by group and year")).to_contain_text(SUPPRESSED)
        assert_accessible(page)
        values = _download(page, page.get_by_role("link", name="values (CSV)").get_attribute("href"), "text/csv")
        assert "American Indian" in values.decode("utf-8-sig")

        page.goto(f"{allowed}/", wait_until="domcontentloaded")
        frame = page.frame_locator('iframe[title="Scorecard"]')
        expect(frame.get_by_role("heading", name=CITYWIDE_TITLE)).to_be_visible(timeout=20000)
        refused: list[str] = []
        page.on("console", lambda message: refused.append(message.text))
        page.goto(f"{other}/", wait_until="domcontentloaded")
        page.wait_for_timeout(2000)
        assert CITYWIDE_TITLE not in _frame_text(page)
        assert any("frame-ancestors" in text for text in refused), refused

    for url in _plan_urls(live_server):
        assert page.request.get(url).status == 200, url
    login(page, live_server, "equity", DEMO_PASSWORD)
    page.goto(f"{live_server.url}/publishing/")
    page.get_by_role("link", name=f"Versions {CITYWIDE_TITLE}", exact=True).click()
    page.get_by_role("link", name="Unpublish", exact=True).click()
    page.get_by_role("button", name="Unpublish now").click()
    expect(page.get_by_role("status")).to_contain_text("is no longer on the public site")
    page.context.clear_cookies()
    for url in _plan_urls(live_server):
        assert page.request.get(url).status == 404, url
    page.goto(f"{live_server.url}/public/")
    expect(page.get_by_role("main")).not_to_contain_text(CITYWIDE_TITLE)
    assert_accessible(page)
