"""The Nu HTML Checker step of the browser tests (tests/html_validity.py, ADR 0064) finds errors and names the page."""

import json

import pytest

from tests.html_validity import IN_CI, check, missing_tools

VALID = (
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title></head><body><h1>a</h1></body></html>'
)
INVALID = VALID.replace("<h1>a</h1>", '<h1>a</h1><h3>b</h3><p id="x"></p><p id="x"></p>')


@pytest.fixture
def checker_present():
    missing = missing_tools()
    if missing:
        if IN_CI:
            pytest.fail(f"CI=true and a required tool is missing: {missing}", pytrace=False)
        pytest.skip(f"needs {missing}")


def _save(directory, pages: dict[str, str]) -> None:
    with open(directory / "index-1.jsonl", "w", encoding="utf-8") as index:
        for url, html in pages.items():
            name = f"{abs(hash(url))}.html"
            (directory / name).write_text(html, encoding="utf-8")
            index.write(json.dumps({"file": name, "url": url}) + "\n")


def test_errors_are_reported_with_the_page_address_and_line(tmp_path, checker_present):
    _save(tmp_path, {"http://testserver/good/": VALID, "http://testserver/bad/": INVALID})
    outcome = check(tmp_path)
    assert outcome.pages == 2 and not outcome.skipped
    assert outcome.errors and all(error.startswith("http://testserver/bad/") for error in outcome.errors)
    assert any("Duplicate ID" in error for error in outcome.errors)
    assert any("skipping 1 heading level" in error for error in outcome.errors)
    assert all(" line 1: " in error for error in outcome.errors)


def test_no_pages_saved_means_nothing_to_check(tmp_path):
    assert check(tmp_path).pages == 0 and check(tmp_path).errors == []
