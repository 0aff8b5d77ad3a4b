"""The Nu HTML Checker (vnu.jar, tests/html, ADR 0064) over every page the browser tests check with axe.

A pytest plugin (tests/conftest.py's `pytest_plugins`). `tests.browser.assert_accessible` hands each page to
`save_page`, which writes its HTML twice into one directory for the whole run, each file named by the hash of its
content, with the page's address in a per-process index: the document as the browser holds it (after scripts and
htmx swaps, serialised by Chromium), and the bytes the server sent for it (the main frame's last navigation
response, which `track_documents` keeps). The second is what the checker must see: Chromium's parser mends
misnested or unclosed elements and stray end tags before it serialises, so the first alone hides them.

The controlling process (the one pytest process, or xdist's controller once every worker has finished) runs one
`java -jar vnu.jar` over all of them at the end of the session, prints one line, "vnu: N pages checked, E errors",
and the errors (address, line, message), and fails the run on any error. Without Java or the npm package the check
is skipped with a reason, never under CI=true, where it fails instead.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page

IN_CI = os.environ.get("CI", "").lower() == "true"
PAGES_ENV = "EQUITY_VNU_PAGES_DIR"  # set by the controlling process, inherited by xdist's workers
PACKAGE_DIR = Path(__file__).resolve().parent / "html"
VNU_JAR = PACKAGE_DIR / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
TIMEOUT = 600  # seconds for one checker run over every page
MAX_ERRORS_SHOWN = 200


def track_documents(page) -> None:
    """Remember on the page the response of each HTML document its main frame loads (what `save_page` checks as
    served). Only the response object is kept here: reading its body inside the event handler would block it."""

    def remember(response) -> None:
        if response.frame == page.main_frame and response.request.is_navigation_request():
            if response.headers.get("content-type", "").startswith("text/html"):
                page._served_document = response

    page.on("response", remember)


def _served_html(page) -> bytes | None:
    """The bytes the server sent for the document the page shows now, when the browser still holds them."""
    response = getattr(page, "_served_document", None)
    if response is None or response.url.split("#")[0] != page.url.split("#")[0]:
        return None  # a page written by script (about:blank, a pushState address): the DOM copy stands alone
    try:
        return response.body()
    except PlaywrightError:  # the body of a redirect, or one the browser has let go
        return None


def _keep(directory: Path, html: bytes, url: str) -> None:
    name = hashlib.sha256(html).hexdigest()[:20] + ".html"
    path = directory / name
    if not path.exists():
        path.write_bytes(html)
    with open(directory / f"index-{os.getpid()}.jsonl", "a", encoding="utf-8") as index:
        index.write(json.dumps({"file": name, "url": url}) + "\n")


def save_page(page) -> None:
    """Keep this page's HTML, as the browser holds it and as the server sent it, and its address for the checker
    (nothing when no run directory is set)."""
    directory = os.environ.get(PAGES_ENV)
    if not directory:
        return
    _keep(Path(directory), page.content().encode(), page.url)
    served = _served_html(page)
    if served is not None:
        _keep(Path(directory), served, f"{page.url} (as served)")


def missing_tools() -> str:
    """What the checker needs and this machine lacks ("" when it can run)."""
    if not shutil.which("java"):
        return "Java 11 or later (apt-get install default-jre-headless)"
    if not VNU_JAR.exists():
        return "the vnu-jar npm package (run `npm ci --ignore-scripts` in tests/html, or `make install-dev`)"
    return ""


@dataclass
class Outcome:
    pages: int = 0
    errors: list[str] = field(default_factory=list)
    skipped: str = ""


def check(directory: Path) -> Outcome:
    """Run vnu once over every saved page; each error as "<address> (<file>) line L: message"."""
    index: dict[str, list[str]] = {}
    for listing in sorted(directory.glob("index-*.jsonl")):
        for line in listing.read_text(encoding="utf-8").splitlines():
            entry = json.loads(line)
            index.setdefault(entry["file"], []).append(entry["url"])
    outcome = Outcome(pages=len(index))
    if not index:
        return outcome
    missing = missing_tools()
    if missing:
        outcome.skipped = missing
        return outcome
    files = [str(directory / name) for name in sorted(index)]
    command = ["java", "-Xss8m", "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *files]
    result = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT)
    try:
        messages = json.loads(result.stderr or result.stdout)["messages"]
    except (ValueError, KeyError):
        outcome.errors.append(f"vnu did not answer in JSON (exit {result.returncode}): {result.stderr[-2000:]}")
        return outcome
    for message in messages:
        if message.get("type") not in ("error", "non-document-error"):
            continue
        name = Path(str(message.get("url", "")).removeprefix("file:")).name
        urls = index.get(name, ["?"])
        also = f" and {len(urls) - 1} more" if len(urls) > 1 else ""
        line = message.get("lastLine", "?")
        outcome.errors.append(f"{urls[0]}{also} ({directory / name}) line {line}: {message.get('message')}")
    if result.returncode != 0 and not outcome.errors:
        outcome.errors.append(f"vnu exited with {result.returncode}: {result.stderr[-2000:]}")
    return outcome


def _is_controller(config) -> bool:
    return not hasattr(config, "workerinput")


def pytest_configure(config):
    if _is_controller(config):
        config._vnu_dir = Path(tempfile.mkdtemp(prefix="equity-vnu-"))
        os.environ[PAGES_ENV] = str(config._vnu_dir)


def pytest_sessionfinish(session, exitstatus):
    config = session.config
    directory = getattr(config, "_vnu_dir", None)
    if not _is_controller(config) or directory is None:
        return
    outcome = check(directory)
    config._vnu_outcome = outcome
    failed = bool(outcome.errors) or bool(outcome.skipped and IN_CI)
    if failed:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
    else:
        shutil.rmtree(directory, ignore_errors=True)  # kept on failure: the pages the errors name


def pytest_terminal_summary(terminalreporter):
    outcome: Outcome | None = getattr(terminalreporter.config, "_vnu_outcome", None)
    if outcome is None or not outcome.pages:
        return
    if outcome.skipped:
        if IN_CI:
            terminalreporter.write_line(f"vnu: FAILED: CI=true and a required tool is missing: {outcome.skipped}")
        else:
            terminalreporter.write_line(f"vnu: {outcome.pages} pages saved, not checked: needs {outcome.skipped}")
        return
    if outcome.errors:
        terminalreporter.section("Nu HTML Checker (vnu) errors", sep="=", red=True)
        for error in outcome.errors[:MAX_ERRORS_SHOWN]:
            terminalreporter.write_line(error)
        if len(outcome.errors) > MAX_ERRORS_SHOWN:
            terminalreporter.write_line(f"... and {len(outcome.errors) - MAX_ERRORS_SHOWN} more")
    terminalreporter.write_line(f"vnu: {outcome.pages} pages checked, {len(outcome.errors)} errors")


@pytest.fixture(autouse=True)
def _served_documents(request):
    """Every browser test's page keeps its documents' responses for `save_page`. Tests without Playwright's page get
    nothing: a test may name a parameter `page` (a page number), whose value is not a browser page."""
    if "page" in request.fixturenames:
        page = request.getfixturevalue("page")
        if isinstance(page, Page):
            track_documents(page)
