"""`make bench`: query counts, sequential scans and a locust load test at demo size and at city scale.

1. Prepares two PostgreSQL databases: `<name>_demo` (seed_demo) and `<name>_scale` (seed_demo + seed_scale, run
   under bench.settings, which install the `bench` app).
2. Probes every page on each (bench/probe.py): SQL query count, and sequential scans on tables over 10,000 rows
   (rows counted exactly, on an analysed database).
3. In-process CPU of every page on each (bench/cpu.py): one process, the whole middleware stack, best and median of
   N rounds that request every page once in turn, the time split into SQL, template and Python, against a bare Django
   view (the CPU baseline).
4. Starts gunicorn (2 x cores + 1 workers) on 127.0.0.1 against each database and drives them with locust in headless
   mode, in alternating rounds (demo, scale, demo, ...) so both sizes see the same machine; every role signs in
   through the login form and requests its pages; every response time is recorded for exact percentiles. Two load
   shapes, one after the other: `think` (each user requests its role's pages one after another, then pauses 0.5-1.5 s)
   and `closed` (a closed loop of users who never pause, so the cores stay busy; --closed-users, at least one per
   role). Each server first answers WARM_UP_SECONDS of unrecorded load, so no round measures a cold worker.
   Prints, per page and shape: p95 at scale, p95 / floor p95 (the profile page), and p95 at scale / p95 at demo
   size; the sign-in (once per user and round: the password hash is slow by design) apart from the pages counted;
   query counts at both sizes; then the CPU table; writes everything to a JSON file. Stops what it started by
   PID.
5. Throughput at city scale (docs/public/speed-and-safety.md): the floor page and each public page alone, (a) over
   HTTP with locust users that do not pause (the same client and user count for each), and (b) the application
   alone (bench/app_throughput.py: one process, requests one after another through the whole middleware stack, no
   load generator sharing the cores); prints requests/s, p95 and public plan page / floor for both. With
   --public-gate (`make bench`), exits non-zero unless, for the application alone, the public plan page serves at
   least 10x the floor's requests/s with a lower p95 (on a 2-core machine locust saturates first, so (a) measures
   the client). The public pages are published first (bench_publish) and requested anonymously.
"""

from __future__ import annotations

import argparse
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
sys.path.insert(0, str(ROOT))

from bench.tables import FLOOR, report, report_cpu, report_throughput  # noqa: E402

PY = sys.executable
PUBLIC_PLAN = "public plan page (anonymous)"
THROUGHPUT_PAGES = [FLOOR, PUBLIC_PLAN, "public indicator page (anonymous)", "public home (anonymous)",
                    "data.json (anonymous)"]  # fmt: skip
PUBLIC_MIN_RATIO = 10.0
# Before the measured rounds each server answers this many seconds of the closed loop, unrecorded: every worker has
# loaded its templates, translations and connections, so the first round's samples are not a cold start.
WARM_UP_SECONDS = 15


def _env(database_url: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "REDIS_URL"}
    env.update(
        DATABASE_URL=database_url,
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY=os.environ.get("DJANGO_SECRET_KEY", "bench-only-secret-key-0123456789abcdefghijklmnop"),
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        DJANGO_SECURE="false",
        AXES_FAILURE_LIMIT="100000",
        EQUITY_PUBLIC_RATE_LIMIT="0",  # every simulated visitor comes from 127.0.0.1
        # The bench's people sign in without a second factor; the pages cost the same for an enrolled person (the
        # requirement's answer is kept in the session, ADR 0056), so the enrolment step is left out of the measure.
        MFA_REQUIRED_ROLES="",
    )
    return env


def _manage(database_url: str, *args: str, settings: str = "equity.settings") -> None:
    """`manage.py` on one database; bench-only commands (seed_scale) need settings="bench.settings"."""
    env = {**_env(database_url), "DJANGO_SETTINGS_MODULE": settings}
    subprocess.run([PY, "manage.py", *args], cwd=ROOT, env=env, check=True)


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
                _manage(url, "seed_scale", "--force", "--factor", str(factor), settings="bench.settings")
        _manage(url, "bench_publish", settings="bench.settings")  # the public pages need something published
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


def _serve(database_url: str, port: int) -> subprocess.Popen:
    """gunicorn with the production configuration (2 x cores + 1 workers) on 127.0.0.1:port."""
    workers = 2 * multiprocessing.cpu_count() + 1
    return subprocess.Popen(
        [PY, "-m", "gunicorn", "equity.wsgi:application", "--config", "gunicorn.conf.py",
         "--bind", f"127.0.0.1:{port}", "--workers", str(workers), "--access-logfile", "/dev/null"],
        cwd=ROOT, env=_env(database_url), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _drive(port: int, pages_file: Path, samples: Path, users: int, seconds: int, no_wait: bool = False) -> None:
    """One locust round against 127.0.0.1:port; every response is appended to `samples`."""
    env = {**os.environ, "BENCH_PAGES": str(pages_file), "BENCH_SAMPLES": str(samples),
           "BENCH_NO_WAIT": "1" if no_wait else "0"}  # fmt: skip
    locust = subprocess.Popen(
        [PY, "-m", "locust", "-f", "bench/locustfile.py", "--headless", "--only-summary",
         "-u", str(users), "-r", str(users), "-t", f"{seconds}s", "--host", f"http://127.0.0.1:{port}"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        locust.wait(timeout=seconds + 120)
    finally:
        _stop(locust)


def summarise(lines: list[str], seconds: float) -> dict:
    """Per page: requests, failures, median and p95 (nearest rank, in ms) and requests per second."""
    times: dict[str, list[float]] = {}
    failures: dict[str, int] = {}
    for line in lines:
        label, ms, ok = line.rstrip("\n").split("\t")
        times.setdefault(label, []).append(float(ms))
        failures[label] = failures.get(label, 0) + (ok != "1")
    stats = {}
    for label, values in times.items():
        values.sort()
        stats[label] = {
            "requests": len(values),
            "failures": failures[label],
            "median_ms": values[max(0, -(-len(values) * 50 // 100) - 1)],
            "p95_ms": values[max(0, -(-len(values) * 95 // 100) - 1)],
            "rps": len(values) / seconds if seconds else 0.0,
        }
    return stats


def load(
    urls: dict[str, str],
    pages: dict[str, dict],
    users: int,
    duration: int,
    rounds: int,
    workdir: Path,
    no_wait: bool = False,
) -> dict:
    """Serve both databases at once and drive them in alternating rounds (demo, scale, demo, ...), so both sizes
    see the same machine conditions; gunicorn and locust are stopped by process id. `no_wait`: the closed-loop shape
    (users that never pause, so the cores stay busy) instead of users who think between pages."""
    ports = {"demo": 8811, "scale": 8812}
    servers = {size: _serve(url, ports[size]) for size, url in urls.items()}
    samples = {size: workdir / f"samples-{size}.tsv" for size in urls}
    try:
        pages_files = {}
        for size in urls:
            _wait_http(f"http://127.0.0.1:{ports[size]}/healthz")
            page_list = [{"label": k, "path": v["path"], "username": v["username"]} for k, v in pages[size].items()]
            pages_files[size] = workdir / f"pages-{size}.json"
            pages_files[size].write_text(json.dumps(page_list))
            samples[size].write_text("")
            _drive(ports[size], pages_files[size], workdir / "warm-up.tsv", users, WARM_UP_SECONDS, no_wait=True)
        seconds = max(1, duration // rounds)
        for _round in range(rounds):
            for size in urls:
                _drive(ports[size], pages_files[size], samples[size], users, seconds, no_wait=no_wait)
    finally:
        for server in servers.values():
            _stop(server)
    return {size: summarise(samples[size].read_text().splitlines(), seconds * rounds) for size in urls}


def throughput(url: str, pages: dict[str, dict], users: int, seconds: int, workdir: Path) -> dict:
    """Each of THROUGHPUT_PAGES alone, by `users` locust users that never pause, against one gunicorn (same machine,
    same client, same concurrency for the staff floor page and the public pages): requests/s and p95 at saturation."""
    port = 8813
    server = _serve(url, port)
    stats: dict = {}
    try:
        _wait_http(f"http://127.0.0.1:{port}/healthz")
        for label in THROUGHPUT_PAGES:
            if label not in pages:
                continue
            pages_file, samples = workdir / "throughput-page.json", workdir / "throughput-samples.tsv"
            pages_file.write_text(json.dumps([{"label": label, **{k: pages[label][k] for k in ("path", "username")}}]))
            samples.write_text("")
            _drive(port, pages_file, samples, users, seconds, no_wait=True)
            page_stats = summarise(samples.read_text().splitlines(), seconds).get(label)
            if page_stats:
                stats[label] = page_stats
    finally:
        _stop(server)
    return stats


def app_throughput(url: str, pages: dict[str, dict], seconds: int, workdir: Path) -> dict:
    """bench/app_throughput.py on the scale database: each THROUGHPUT_PAGES page's own cost, requests one after
    another in one process through the whole middleware stack (no HTTP client sharing the cores)."""
    pages_file = workdir / "app-pages.json"
    chosen = [{"label": label, "path": pages[label]["path"], "username": pages[label]["username"]}
              for label in THROUGHPUT_PAGES if label in pages]  # fmt: skip
    pages_file.write_text(json.dumps(chosen))
    env = {**_env(url), "BENCH_PAGES": str(pages_file), "BENCH_APP_SECONDS": str(seconds)}
    out = subprocess.run([PY, "bench/app_throughput.py"], cwd=ROOT, env=env, check=True, capture_output=True, text=True)
    return json.loads(out.stdout)


def cpu(url: str, pages: dict[str, dict], requests: int, workdir: Path) -> dict:
    """bench/cpu.py on one database: every page's in-process CPU and where its time goes, with the bare-view
    baselines (one process, every page once a round in turn, no load generator)."""
    pages_file = workdir / "cpu-pages.json"
    pages_file.write_text(json.dumps([{"label": k, "path": v["path"], "username": v["username"]}
                                      for k, v in pages.items()]))  # fmt: skip
    env = {**_env(url), "BENCH_PAGES": str(pages_file), "BENCH_CPU_REQUESTS": str(requests)}
    out = subprocess.run([PY, "bench/cpu.py"], cwd=ROOT, env=env, check=True, capture_output=True, text=True)
    return json.loads(out.stdout)


def public_verdict(stats: dict) -> dict:
    """Public plan page against the floor page: rps ratio (target >= 10) and whether its p95 is lower."""
    floor, public = stats.get(FLOOR), stats.get(PUBLIC_PLAN)
    if not floor or not public or not floor["rps"]:
        return {"ratio": None, "p95_lower": None, "ok": False}
    ratio = public["rps"] / floor["rps"]
    p95_lower = public["p95_ms"] < floor["p95_ms"] and not public.get("failures")
    return {"ratio": ratio, "p95_lower": p95_lower, "ok": ratio >= PUBLIC_MIN_RATIO and p95_lower}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--factor", type=float, default=1.0, help="scale of seed_scale (1.0 = the full city)")
    parser.add_argument(
        "--users",
        type=int,
        default=0,
        help="simulated users (default: two per role, shared by page count; more than the cores can serve measures "
        "queueing, not pages)",
    )
    parser.add_argument("--duration", type=int, default=300, help="seconds of load per database")
    parser.add_argument("--rounds", type=int, default=5, help="alternate demo and scale load this many times")
    parser.add_argument("--prefix", default="equity_bench", help="database name prefix")
    parser.add_argument("--fresh", action="store_true", help="drop and rebuild the benchmark databases")
    parser.add_argument("--no-load", action="store_true", help="only query counts, scans and in-process CPU")
    parser.add_argument(
        "--shapes",
        default="think,closed",
        help="load shapes, comma-separated: think (users who request their pages in turn, then pause 0.5-1.5 s) and "
        "closed (a closed loop: "
        "users who never pause, so the cores stay busy)",
    )
    parser.add_argument(
        "--closed-users", type=int, default=4, help="users of the closed-loop shape (at least one per role)"
    )
    parser.add_argument(
        "--cpu-requests", type=int, default=30, help="requests per page of the in-process CPU measure (0: none)"
    )
    parser.add_argument("--out", default="bench-results/bench.json")
    parser.add_argument("--throughput-users", type=int, default=8, help="locust users of each throughput round")
    parser.add_argument("--throughput-seconds", type=int, default=30, help="seconds of each throughput round")
    parser.add_argument(
        "--public-gate",
        action="store_true",
        help=f"fail unless the public plan page serves {PUBLIC_MIN_RATIO:.0f}x the floor's requests/s, lower p95",
    )
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
        "load": {},
    }
    bad = {label for size in urls for label, info in results["queries"][size].items() if info["status"] != 200}
    if args.cpu_requests:
        with tempfile.TemporaryDirectory() as workdir:
            results["cpu"] = {
                size: cpu(url, {k: v for k, v in results["queries"][size].items() if v["status"] == 200},
                          args.cpu_requests, Path(workdir))
                for size, url in urls.items()
            }  # fmt: skip
    if not args.no_load:
        roles = len({info["username"] for info in results["queries"]["demo"].values()})
        # locust gives each role's user class at least one user
        users = {"think": max(args.users or 2 * roles, roles), "closed": max(args.closed_users, roles)}
        shapes = [shape for shape in args.shapes.split(",") if shape in users]
        results.update(users={shape: users[shape] for shape in shapes}, duration_s=args.duration, rounds=args.rounds)
        with tempfile.TemporaryDirectory() as workdir:
            for shape in shapes:
                results["load"][shape] = load(
                    urls, results["queries"], users[shape], args.duration, args.rounds, Path(workdir),
                    no_wait=shape == "closed",
                )  # fmt: skip
            seconds = min(args.throughput_seconds, args.duration)
            results["throughput"] = throughput(
                urls["scale"], results["queries"]["scale"], args.throughput_users, seconds, Path(workdir)
            )
            results["app_throughput"] = app_throughput(
                urls["scale"], results["queries"]["scale"], max(3, seconds // 3), Path(workdir)
            )
        results["http_verdict"] = public_verdict(results["throughput"])
        results["public_verdict"] = public_verdict(results["app_throughput"])
    verdicts = report(results)
    if results["load"]:
        results["load_verdict"] = verdicts
    for size, measured in results.get("cpu", {}).items():
        results.setdefault("cpu_verdict", {})[size] = report_cpu(measured, f"{size} database")
    if "throughput" in results:
        report_throughput(results["throughput"], results["http_verdict"], "over HTTP: locust, no pauses, same users",
                          PUBLIC_MIN_RATIO)  # fmt: skip
        report_throughput(results["app_throughput"], results["public_verdict"], "the application alone (the gate)",
                          PUBLIC_MIN_RATIO)  # fmt: skip
    gate_failed = args.public_gate and not args.no_load and not results["public_verdict"]["ok"]
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
    if gate_failed:
        print(f"the public plan page is below its target: {results['public_verdict']}")
    return 1 if unequal or bad or gate_failed else 0


if __name__ == "__main__":
    sys.exit(main())
