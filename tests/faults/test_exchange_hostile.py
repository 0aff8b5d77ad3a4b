"""Hostile exchange files: each is refused with a clear message (HTTP 400, the form's error summary), nothing is
saved, never a 500, in well under a second and within a bounded amount of memory (the 1 MB size limit alone bounds
neither: 1,000 nested brackets crashed the parser, 1 MB of small items took 30-100 s and 2-6 GB to validate)."""

from __future__ import annotations

import json
import tracemalloc
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from library.bounded_json import JSONLimitExceeded, json_limits_check
from library.exchange import MAX_DEPTH, MAX_ENTRIES, MAX_IMPORT_BYTES, ExchangeError, exchange_parse
from library.models import Practice

pytestmark = [pytest.mark.fault, pytest.mark.django_db]
PARSE_MEMORY_BOUND = 64 * 1024 * 1024  # traced peak of one parse of any file up to the 1 MB limit


def _document(practices: list) -> dict:
    return {
        "format": "equity-portal-exchange",
        "schema_version": 1,
        "exported_at": "2026-11-28T12:00:00+00:00",
        "source": {"jurisdiction": "City of Minneapolis"},
        "practices": practices,
    }


def _practice(**overrides) -> dict:
    record = {"uid": str(uuid.uuid4()), "title": "T", "summary": "S", "kind": "policy", "jurisdiction": "X"}
    return {**record, **overrides}


HEAD = json.dumps(_document([]))[: -len("[]}")].encode()  # ends with `"practices": `


def _fill(prefix: bytes, item: bytes, suffix: bytes) -> bytes:
    """`prefix` + as many `item`s as fit in the 1 MB limit (the last one's trailing comma dropped) + `suffix`."""
    count = (MAX_IMPORT_BYTES - len(prefix) - len(suffix)) // len(item)
    return prefix + (item * count).rstrip(b",") + suffix


def _text(document: dict) -> str:
    return json.dumps(document, ensure_ascii=False)


HOSTILE = {
    "1,000 nested brackets": (b"[" * 1000 + b"]" * 1000, "levels deep"),
    "100,000 nested brackets": (b"[" * 100_000 + b"]" * 100_000, "levels deep"),
    "nested objects in a practice": (HEAD + b"[" + b'{"a":' * 5000 + b"1" + b"}" * 5000 + b"]}", "levels deep"),
    "a BOM, then nesting": (b"\xef\xbb\xbf" + b"[" * 1000 + b"]" * 1000, "levels deep"),
    "1 MB array of numbers": (_fill(HEAD + b"[", b"0,", b"]}"), f"more than {MAX_ENTRIES} entries"),
    "1 MB array of objects": (_fill(HEAD + b"[", b"{},", b"]}"), f"more than {MAX_ENTRIES} entries"),
    "1 MB object of keys": (_fill(HEAD + b"[{", b'"k":0,', b"}]}"), f"more than {MAX_ENTRIES} entries"),
    "1 MB of lists of 1,000": (_fill(HEAD + b"[", b"[" + b"{}," * 999 + b"{}],", b"]}"), "the check stops after 100"),
    "1,000 distinct objects where codes go": (
        _text(_document([_practice(equity_areas=[{"n": i} for i in range(1000)])] * 80)).encode(),
        "too many entries (1000; the limit is 20)",
    ),
    "1 MB summary": (
        _text(_document([_practice(summary="a" * (MAX_IMPORT_BYTES - 400))])).encode(),
        "practices[1].summary: too long (",
    ),
    "UTF-16": (_text(_document([_practice(title="Égalité")])).encode("utf-16"), "not UTF-8"),
    "Latin-1 bytes": (_text(_document([_practice(title="Égalité")])).encode("latin-1"), "not UTF-8"),
    "a NUL byte in a string": (HEAD + b'[{"title": "a\x00b"}]}', "not valid JSON"),
    "an escaped NUL in a string": (_text(_document([_practice(title="a\x00b")])).encode(), "NUL character"),
    "an unpaired surrogate": (json.dumps(_document([_practice(title="a\ud800b")])).encode(), "surrogate pair"),
    "NUL bytes outside strings": (b"\x00" * 1000, "not valid JSON"),
    "a BOM alone": (b"\xef\xbb\xbf", "not valid JSON"),
    "HTML, not JSON": (b"<!doctype html><html><body>" + b"<div>" * 10_000 + b"</body></html>", "not valid JSON"),
    "an unterminated string hiding brackets": (HEAD + b'["' + b"[" * 100_000, "not valid JSON"),
}


@pytest.mark.parametrize("case", HOSTILE)
def test_a_hostile_file_is_refused_quickly_in_bounded_memory(case):
    raw, message = HOSTILE[case]
    assert len(raw) <= MAX_IMPORT_BYTES or case == "100,000 nested brackets"  # the form refuses larger files first
    with pytest.raises(ExchangeError) as untraced:
        exchange_parse(raw=raw)
    tracemalloc.start()
    try:
        with pytest.raises(ExchangeError):
            exchange_parse(raw=raw)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    problems = untraced.value.problems
    assert any(message in p for p in problems), problems[:3]
    assert len(problems) <= 101 and all(len(p) <= 300 for p in problems)  # never the whole file quoted back
    assert peak < PARSE_MEMORY_BOUND, f"{case}: {peak / 1e6:.0f} MB"


@pytest.mark.parametrize("case", HOSTILE)
def test_the_import_page_answers_400_with_the_message_and_saves_nothing(client, personas, case):
    raw, message = HOSTILE[case]
    client.force_login(personas.equity)
    client.get(reverse("library:exchange_import"))  # warm up: the first request of a process compiles templates
    response = client.post(reverse("library:exchange_import"), {"file": SimpleUploadedFile("hostile.json", raw)})
    assert response.status_code == 400
    content = response.content.decode()
    assert "There is a problem" in content  # the error summary at the top of the form
    assert message.replace("'", "&#x27;") in content
    assert not Practice.objects.exists() and "library_import" not in client.session


def test_a_utf8_bom_before_a_good_file_is_read():
    document = exchange_parse(raw=b"\xef\xbb\xbf" + _text(_document([_practice()])).encode())
    assert document["practices"][0]["title"] == "T"


def test_the_limits_themselves_are_accepted():
    json_limits_check("[" * MAX_DEPTH + "]" * MAX_DEPTH, max_depth=MAX_DEPTH, max_entries=MAX_ENTRIES)
    json_limits_check("[" + "0," * (MAX_ENTRIES - 1) + "0]", max_depth=MAX_DEPTH, max_entries=MAX_ENTRIES)
    json_limits_check('["[[[[", "]]", {"a": "\\"[,,,"}]', max_depth=2, max_entries=3)  # strings are skipped
    with pytest.raises(JSONLimitExceeded):
        json_limits_check("[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1), max_depth=MAX_DEPTH, max_entries=MAX_ENTRIES)
    with pytest.raises(JSONLimitExceeded):
        json_limits_check("[" + "0," * MAX_ENTRIES + "0]", max_depth=MAX_DEPTH, max_entries=MAX_ENTRIES)
    # The largest legal practices list: 1,000 practices, each with every list at its schema maximum.
    areas = ["education", "health", "environment", "jobs", "housing", "workforce"]
    wide = [
        _practice(equity_areas=areas, departments=[f"D{j}" for j in range(50)], tags=[f"t{j}" for j in range(30)])
        for _ in range(1000)
    ]
    assert len(exchange_parse(raw=_text(_document(wide)).encode())["practices"]) == 1000
