"""Requests per second the application itself sustains for the floor page and the public pages, on the database
named by DATABASE_URL, with the production settings the bench's gunicorn uses (debug off).

One process sends each page's requests one after another through Django's whole handler and middleware stack (the
test client: no HTTP parsing, no socket, no load generator sharing the cores), for `BENCH_APP_SECONDS` seconds per
page after a warm-up, and prints {label: {"requests", "rps", "median_ms", "p95_ms"}} as JSON. On a small machine
the HTTP load generator (locust) runs out of CPU long before a cached page does, so this is what compares the pages'
own cost (docs/public/speed-and-safety.md).
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "equity.settings")

import django  # noqa: E402

django.setup()

from django.test import Client  # noqa: E402

from equity.models import User  # noqa: E402

WARM_UP = 20


def measure(client: Client, path: str, seconds: float) -> dict:
    """Sequential requests for `seconds`: count, requests/s, median and p95 (nearest rank) in ms."""
    for _ in range(WARM_UP):
        client.get(path)
    times: list[float] = []
    started = time.perf_counter()
    while time.perf_counter() - started < seconds:
        before = time.perf_counter()
        response = client.get(path)
        times.append((time.perf_counter() - before) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{path} answered {response.status_code}")
    elapsed = time.perf_counter() - started
    times.sort()
    return {
        "requests": len(times),
        "rps": len(times) / elapsed,
        "median_ms": times[len(times) // 2],
        "p95_ms": times[max(0, -(-95 * len(times) // 100) - 1)],
    }


def main() -> None:
    pages = json.loads(Path(os.environ["BENCH_PAGES"]).read_text())
    seconds = float(os.environ.get("BENCH_APP_SECONDS", "10"))
    results = {}
    for page in pages:
        client = Client()
        if page["username"]:
            client.force_login(User.objects.get(username=page["username"]))
        results[page["label"]] = measure(client, page["path"], seconds)
    json.dump(results, sys.stdout)


if __name__ == "__main__":
    main()
