"""`make bench`: query counts, sequential scans and a locust load test at demo size and at city scale.

1. Prepares two PostgreSQL databases: `<name>_demo` (seed_demo) and `<name>_scale` (seed_demo + seed_scale).
2. Probes every page on each (bench/probe.py): SQL query count, and sequential scans on tables over 10,000 rows.
3. Starts gunicorn (2 x cores + 1 workers) on 127.0.0.1 against each database and drives it with locust in headless
   mode; every role signs in through the login form and requests its pages.
4. Prints, per page: median, p95, requests/s, failures, p95 / floor p95 (the profile page), and p95 at scale /
   p95 at demo size; query counts at both sizes; writes everything to a JSON file. Stops what it started by PID.
"""

from __future__ import annotations

import argparse
import csv
import json
import multiprocessing
import os
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
FLOOR = "profile (floor)"


def _env(database_url: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "REDIS_URL"}
    env.update(
        DATABASE_URL=database_url,
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY=os.environ.get("DJANGO_SECRET_KEY", "bench-only-secret-key-0123456789abcdefghijklmnop"),
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        DJANGO_SECURE="false",
        AXES_FAILURE_LIMIT="100000",
    )
    return env


def _manage(database_url: str, *args: str) -> None:
    subprocess.run([PY, "manage.py", *args], cwd=ROOT, env=_env(database_url), check=True)


def _database_exists(server_url: str, name: str) -> bool:
    import psycopg2

    with psycopg2.connect(server_url.rsplit("/", 1)[0] + "/postgres") as conn, conn.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        return cursor.fetchone() is not None


def _create_database(server_url: str, name: str, fresh: bool) -> None:
    import psycopg2

    conn = psycopg2.connect(server_url.rsplit("/", 1)[0] + "/postgres")
    conn.autocommit = True
    with conn.cursor() as cursor:
        if fresh:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone() is None:
            cursor.execute(f'CREATE DATABASE "{name}"')
    conn.close()


def prepare(server_url: str, prefix: str, factor: float, fresh: bool) -> dict[str, str]:
    """Create and fill the demo-size and scale databases (skipped when they already exist, unless fresh)."""
    urls = {}
    for size in ("demo", "scale"):
        name = f"{prefix}_{size}"
        url = server_url.rsplit("/", 1)[0] + "/" + name
        existed = _database_exists(server_url, name) and not fresh
        _create_database(server_url, name, fresh)
        if not existed:
            print(f"== preparing {name}", flush=True)
            _manage(url, "migrate", "--no-input", "-v", "0")
            _manage(url, "seed_demo", "--force")
            if size == "scale":
                _manage(url, "seed_scale", "--force", "--factor", str(factor))
        urls[size] = url
    return urls


def probe(database_url: str) -> dict:
    out = subprocess.run(
        [PY, "bench/probe.py"], cwd=ROOT, env=_env(database_url), check=True, capture_output=True, text=True
    )
    return json.loads(out.stdout)


def _wait_http(url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError(f"{url} did not answer within {timeout} s")


def load(database_url: str, pages: dict, port: int, users: int, duration: int, workdir: Path) -> dict:
    """Serve with gunicorn, drive with locust, return per-page stats; both processes are stopped by PID."""
    env = _env(database_url)
    workers = 2 * multiprocessing.cpu_count() + 1
    pages_file = workdir / f"pages-{port}.json"
    page_list = [{"label": label, "path": info["path"], "username": info["username"]} for label, info in pages.items()]
    pages_file.write_text(json.dumps(page_list))
    gunicorn = subprocess.Popen(
        [PY, "-m", "gunicorn", "equity.wsgi:application", "--config", "gunicorn.conf.py",
         "--bind", f"127.0.0.1:{port}", "--workers", str(workers), "--access-logfile", "/dev/null"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    prefix = workdir / f"locust-{port}"
    try:
        _wait_http(f"http://127.0.0.1:{port}/healthz")
        locust = subprocess.Popen(
            [PY, "-m", "locust", "-f", "bench/locustfile.py", "--headless", "--only-summary",
             "-u", str(users), "-r", str(max(1, users // 2)), "-t", f"{duration}s",
             "--host", f"http://127.0.0.1:{port}", "--csv", str(prefix)],
            cwd=ROOT, env={**env, "BENCH_PAGES": str(pages_file)},
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        try:
            locust.wait(timeout=duration + 120)
        finally:
            if locust.poll() is None:
                locust.send_signal(signal.SIGTERM)
                locust.wait(timeout=30)
    finally:
        gunicorn.send_signal(signal.SIGTERM)
        try:
            gunicorn.wait(timeout=30)
        except subprocess.TimeoutExpired:
            gunicorn.kill()
    stats = {}
    with open(f"{prefix}_stats.csv", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["Name"] == "Aggregated":
                continue
            stats[row["Name"]] = {
                "requests": int(row["Request Count"]),
                "failures": int(row["Failure Count"]),
                "median_ms": float(row["Median Response Time"]),
                "p95_ms": float(row["95%"]),
                "rps": float(row["Requests/s"]),
            }
    return stats


def report(results: dict) -> None:
    floor = {size: results["load"][size].get(FLOOR, {}).get("p95_ms") for size in ("demo", "scale")}
    header = (
        f"{'page':34} {'q demo':>6} {'q scale':>7} {'median':>7} {'p95':>6} {'rps':>6} {'fail':>4} "
        f"{'p95/floor':>9} {'p95 scale/demo':>14}  seq scans"
    )
    print(header)
    print("-" * len(header))
    for label, info in results["queries"]["scale"].items():
        demo_q = results["queries"]["demo"].get(label, {}).get("queries")
        scale_stats = results["load"]["scale"].get(label, {})
        demo_stats = results["load"]["demo"].get(label, {})
        p95 = scale_stats.get("p95_ms")
        ratio_floor = (p95 / floor["scale"]) if p95 and floor["scale"] else None
        ratio_demo = (p95 / demo_stats["p95_ms"]) if p95 and demo_stats.get("p95_ms") else None
        print(
            f"{label:34} {demo_q!s:>6} {info['queries']!s:>7} {_fmt(scale_stats.get('median_ms'), 0):>7} "
            f"{_fmt(p95, 0):>6} {_fmt(scale_stats.get('rps'), 2):>6} {scale_stats.get('failures', '-')!s:>4} "
            f"{_fmt(ratio_floor, 2):>9} {_fmt(ratio_demo, 2):>14}  {', '.join(info['seq_scans']) or '-'}"
        )


def _fmt(value: float | None, digits: int) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--factor", type=float, default=1.0, help="scale of seed_scale (1.0 = the full city)")
    parser.add_argument("--users", type=int, default=20, help="simulated users")
    parser.add_argument("--duration", type=int, default=60, help="seconds of load per database")
    parser.add_argument("--prefix", default="equity_bench", help="database name prefix")
    parser.add_argument("--fresh", action="store_true", help="drop and rebuild the benchmark databases")
    parser.add_argument("--no-load", action="store_true", help="only query counts and scans (what CI runs)")
    parser.add_argument("--out", default="bench-results/bench.json")
    args = parser.parse_args()

    server_url = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    if urlparse(server_url).scheme not in ("postgres", "postgresql"):
        print("make bench needs PostgreSQL: set DATABASE_URL=postgres://USER@HOST:PORT/NAME", file=sys.stderr)
        return 2
    started = time.monotonic()
    urls = prepare(server_url, args.prefix, args.factor, args.fresh)
    # Production settings serve hashed static files from a manifest: build it once for the probe and gunicorn.
    _manage(urls["demo"], "collectstatic", "--no-input", "-v", "0")
    results: dict = {
        "date": time.strftime("%Y-%m-%d %H:%M:%S %Z"),
        "machine": {"cores": multiprocessing.cpu_count()},
        "factor": args.factor,
        "queries": {size: probe(url) for size, url in urls.items()},
        "load": {"demo": {}, "scale": {}},
    }
    bad = {label for size in urls for label, info in results["queries"][size].items() if info["status"] != 200}
    if not args.no_load:
        with tempfile.TemporaryDirectory() as workdir:
            for port, size in ((8811, "demo"), (8812, "scale")):
                results["load"][size] = load(
                    urls[size], results["queries"][size], port, args.users, args.duration, Path(workdir)
                )
    report(results)
    unequal = [
        label
        for label, info in results["queries"]["scale"].items()
        if results["queries"]["demo"].get(label, {}).get("queries") != info["queries"]
    ]
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    results["unequal_query_counts"] = unequal
    results["non_200"] = sorted(bad)
    Path(args.out).write_text(json.dumps(results, indent=2))
    print(f"\nresults written to {args.out} in {time.monotonic() - started:.0f} s")
    if unequal:
        print(f"query counts differ between demo size and scale: {unequal}")
    if bad:
        print(f"pages that did not answer 200: {sorted(bad)}")
    return 1 if unequal or bad else 0


if __name__ == "__main__":
    sys.exit(main())
