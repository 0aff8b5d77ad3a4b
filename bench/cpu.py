"""In-process CPU of every benchmarked page, and where its time goes, on the database named by DATABASE_URL.

One process (bench.settings, debug off, the production middleware and template loaders) requests each page through
Django's whole handler and middleware stack with the test client (no HTTP parsing, no socket, no load generator on
the cores): a warm-up, then BENCH_CPU_REQUESTS rounds, each requesting every page (and baseline) once in turn, so
that load from elsewhere on a shared machine falls on all pages alike rather than on one page's run of requests. For
each request it reads `time.process_time()` (CPU of this process) and `time.perf_counter()` (wall), and splits the
wall time into

- SQL: the sum of the query times, measured by a `connection.execute_wrapper` around every query;
- template: the outermost template renders (`django.template.backends.django.Template.render`), less the SQL that ran
  inside them (querysets evaluated by the template count as SQL);
- Python: the rest (middleware, view, forms, serialising the response).

The CPU time is split the same way (SQL CPU is the driver's: sending, waiting is not CPU, decoding rows).
Three baselines come first: a bare Django view with no middleware, the cost of Django's handler and the test client
themselves; the same bare view through the whole middleware stack, signed in; and an empty page in the portal's shell
(base.html), signed in: the floor page's cost above them is the middleware's, the shell's and its own.

Prints one JSON object: {"baseline": {label: stats}, "pages": {label: stats}}, where stats holds the best and median
CPU ms, the median wall ms and the breakdown of the median request (by CPU). Pages come from BENCH_PAGES (the
resolved pages of bench/run.py: [{"label", "path", "username"}]) or, without it, from bench.pages.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"  # the bare view's URL
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.template.backends.django import Template  # noqa: E402
from django.test import Client, override_settings  # noqa: E402

from bench.urls import BARE_PATH, SHELL_PATH  # noqa: E402
from equity.models import User  # noqa: E402

WARM_UP = 5
BARE = "bare view (no middleware)"
BARE_STACK = "bare view (full stack, signed in)"
SHELL = "empty page in the shell (signed in)"


class Clock:
    """Running totals of one request: SQL and template time, wall and CPU, in seconds."""

    def __init__(self) -> None:
        self.reset()
        self.depth = 0

    def reset(self) -> None:
        self.sql_wall = self.sql_cpu = self.tpl_wall = self.tpl_cpu = 0.0
        self.queries = 0


CLOCK = Clock()


def _timed_query(execute, sql, params, many, context):
    wall, cpu = time.perf_counter(), time.process_time()
    try:
        return execute(sql, params, many, context)
    finally:
        CLOCK.sql_wall += time.perf_counter() - wall
        CLOCK.sql_cpu += time.process_time() - cpu
        CLOCK.queries += 1


_render = Template.render


def _timed_render(self, context=None, request=None):
    """Times the outermost render only (includes render inside it), without the SQL that ran within it."""
    if CLOCK.depth:
        return _render(self, context, request)
    CLOCK.depth += 1
    wall, cpu, sql_wall, sql_cpu = time.perf_counter(), time.process_time(), CLOCK.sql_wall, CLOCK.sql_cpu
    try:
        return _render(self, context, request)
    finally:
        CLOCK.depth -= 1
        CLOCK.tpl_wall += time.perf_counter() - wall - (CLOCK.sql_wall - sql_wall)
        CLOCK.tpl_cpu += time.process_time() - cpu - (CLOCK.sql_cpu - sql_cpu)


Template.render = _timed_render  # type: ignore[method-assign]


def _one(client: Client, path: str) -> dict:
    CLOCK.reset()
    wall, cpu = time.perf_counter(), time.process_time()
    response = client.get(path)
    cpu = time.process_time() - cpu
    wall = time.perf_counter() - wall
    if response.status_code != 200:
        raise SystemExit(f"{path} answered {response.status_code}")
    ms = 1000
    return {
        "cpu_ms": cpu * ms,
        "wall_ms": wall * ms,
        "queries": CLOCK.queries,
        "sql_ms": CLOCK.sql_wall * ms,
        "template_ms": CLOCK.tpl_wall * ms,
        "python_ms": (wall - CLOCK.sql_wall - CLOCK.tpl_wall) * ms,
        "sql_cpu_ms": CLOCK.sql_cpu * ms,
        "template_cpu_ms": CLOCK.tpl_cpu * ms,
        "python_cpu_ms": (cpu - CLOCK.sql_cpu - CLOCK.tpl_cpu) * ms,
    }


def _stats(samples: list[dict]) -> dict:
    """Best and median CPU of one page's samples, with the breakdown of the median one."""
    samples = sorted(samples, key=lambda s: s["cpu_ms"])
    median = samples[len(samples) // 2]
    return {
        **{key: round(value, 3) for key, value in median.items()},
        "cpu_best_ms": round(samples[0]["cpu_ms"], 3),
        "cpu_median_ms": round(median["cpu_ms"], 3),
        "wall_median_ms": round(statistics.median(s["wall_ms"] for s in samples), 3),
        "requests": len(samples),
    }


def measure(targets: dict[str, tuple[Client, str]], requests: int) -> dict[str, dict]:
    """Each target's stats (label -> `_stats`) over `requests` rounds: a warm-up of each, then each round requests
    every target once, in turn. Interleaved, a burst of load from elsewhere on a shared machine touches every page a
    little rather than one page's run of requests, so the ratios to the floor and the baselines stay comparable."""
    for client, path in targets.values():
        for _ in range(WARM_UP):
            client.get(path)
    samples: dict[str, list[dict]] = {label: [] for label in targets}
    for _ in range(requests):
        for label, (client, path) in targets.items():
            samples[label].append(_one(client, path))
    return {label: _stats(of_label) for label, of_label in samples.items()}


def _client(username: str, clients: dict[str, Client]) -> Client:
    if username not in clients:
        client = clients[username] = Client()
        if username:  # "" is an anonymous visitor (the public site)
            client.force_login(User.objects.get(username=username))
    return clients[username]


def main() -> None:
    requests = int(os.environ.get("BENCH_CPU_REQUESTS", "30"))
    if os.environ.get("BENCH_PAGES"):
        pages = json.loads(Path(os.environ["BENCH_PAGES"]).read_text())
    else:
        from bench.pages import all_pages

        pages = [{"label": p.label, "path": p.path(), "username": p.username} for p in all_pages()]
    connection.execute_wrappers.append(_timed_query)
    bare = Client()
    with override_settings(MIDDLEWARE=[]):
        bare.handler.load_middleware()  # this client's handler keeps the empty middleware list
    clients: dict[str, Client] = {}
    floor_user = next((p["username"] for p in pages if p["username"]), "staff")
    baselines = {
        BARE: (bare, BARE_PATH),
        BARE_STACK: (_client(floor_user, clients), BARE_PATH),
        SHELL: (_client(floor_user, clients), SHELL_PATH),
    }
    targets = {**baselines, **{page["label"]: (_client(page["username"], clients), page["path"]) for page in pages}}
    stats = measure(targets, requests)
    results: dict = {
        "requests": requests,
        "baseline": {label: stats[label] for label in baselines},
        "pages": {page["label"]: stats[page["label"]] for page in pages},
    }
    json.dump(results, sys.stdout)


if __name__ == "__main__":
    main()
