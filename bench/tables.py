"""The tables `make bench` prints (bench/run.py): per page, query counts and scans, both load shapes against the floor
and against demo size, in-process CPU and where the time goes, and the public pages' throughput."""

from __future__ import annotations

FLOOR = "profile (floor)"
SHAPES = {"think": "think-time users", "closed": "closed loop, no wait"}
TARGET_FLOOR = 2.0  # p95 / floor p95, each load shape
TARGET_DEMO = 1.3  # p95 at scale / p95 at demo size, each load shape
TARGET_CPU_FLOOR = 3.0  # in-process CPU / the floor's
TARGET_FLOOR_ABOVE_BARE_MS = 8.0  # the floor's CPU above a bare Django view's
# What each simulated user does once a round before its pages (bench/locustfile.py): shown, but not pages the targets
# count. The sign-in hashes the password (PBKDF2, slow by design) and its users all sign in at the round's start.
SIGN_IN = ("login form", "login")


def _fmt(value: float | None, digits: int) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def _ratio(value: float | None, base: float | None) -> float | None:
    return value / base if value and base else None


def load_ratios(results: dict) -> dict:
    """{shape: {label: {"p95", "floor", "demo"}}}: p95 at scale, p95 / the floor's, p95 at scale / at demo size."""
    ratios: dict = {}
    for shape, sizes in results.get("load", {}).items():
        floor = sizes["scale"].get(FLOOR, {}).get("p95_ms")
        ratios[shape] = {
            label: {
                "p95": info.get("p95_ms"),
                "floor": _ratio(info.get("p95_ms"), floor),
                "demo": _ratio(info.get("p95_ms"), sizes["demo"].get(label, {}).get("p95_ms")),
            }
            for label, info in sizes["scale"].items()
        }
    return ratios


def report(results: dict) -> dict:
    """Queries at both sizes, then per load shape: p95 at scale, x floor, x demo size; sequential scans. Returns the
    page verdicts it printed (`page_verdicts`)."""
    ratios = load_ratios(results)
    shapes = [shape for shape in SHAPES if shape in ratios]
    header = f"{'page':38} {'q demo':>6} {'q scale':>7}"
    for shape in shapes:
        header += f" | {shape + ' p95':>10} {'/floor':>6} {'/demo':>6}"
    header += "  seq scans"
    print("\n" + "; ".join(f"{shape}: {SHAPES[shape]}" for shape in shapes))
    print(header)
    print("-" * len(header))
    for label, info in results["queries"]["scale"].items():
        demo_q = results["queries"]["demo"].get(label, {}).get("queries")
        line = f"{label:38} {demo_q!s:>6} {info['queries']!s:>7}"
        for shape in shapes:
            row = ratios[shape].get(label, {})
            line += f" | {_fmt(row.get('p95'), 0):>10} {_fmt(row.get('floor'), 2):>6} {_fmt(row.get('demo'), 2):>6}"
        print(f"{line}  {', '.join(info['seq_scans']) or '-'}")
    for shape in shapes:
        sign_in = ", ".join(f"{label} {_fmt(ratios[shape].get(label, {}).get('p95'), 0)}" for label in SIGN_IN)
        print(f"{SHAPES[shape]}: sign-in once a round, p95 ms at scale (not a page the targets count): {sign_in}")
    verdicts = page_verdicts(results)
    for shape, verdict in verdicts.items():
        print(
            f"{SHAPES[shape]}: {verdict['within']} of {verdict['pages']} pages within {TARGET_FLOOR}x the floor, "
            f"{TARGET_DEMO}x demo size{'; outside: ' + ', '.join(verdict['outside']) if verdict['outside'] else ''}"
        )
    return verdicts


def page_verdicts(results: dict) -> dict:
    """{shape: {"pages", "within", "outside"}} over the benchmarked pages (every probed page; one without samples in
    a shape counts as outside), the sign-in steps apart."""
    verdicts = {}
    for shape, rows in load_ratios(results).items():
        outside = [
            label
            for label in results["queries"]["scale"]
            if not (
                (rows.get(label, {}).get("floor") or TARGET_FLOOR + 1) <= TARGET_FLOOR
                and (rows.get(label, {}).get("demo") or TARGET_DEMO + 1) <= TARGET_DEMO
            )
        ]
        pages = len(results["queries"]["scale"])
        verdicts[shape] = {"pages": pages, "within": pages - len(outside), "outside": outside}
    return verdicts


def report_cpu(cpu: dict, title: str) -> dict:
    """In-process CPU per page (median of N, best of N), x the floor's, and where the median request's time went."""
    pages, baseline = cpu["pages"], cpu["baseline"]
    floor = pages.get(FLOOR, {}).get("cpu_median_ms")
    header = (
        f"{'page':38} {'cpu med':>7} {'best':>6} {'/floor':>6} {'q':>3} | {'wall':>6} {'sql':>6} {'tmpl':>6} "
        f"{'python':>6} | {'cpu sql':>7} {'tmpl':>6} {'python':>6}"
    )
    print(f"\nin-process CPU, {title} (ms, median of {cpu['requests']}; wall and CPU split SQL/template/Python)")
    print(header)
    print("-" * len(header))
    for label, info in {**baseline, **pages}.items():
        print(
            f"{label:38} {info['cpu_median_ms']:>7.2f} {info['cpu_best_ms']:>6.2f} "
            f"{_fmt(_ratio(info['cpu_median_ms'], floor), 2):>6} {info['queries']:>3} | {info['wall_median_ms']:>6.1f} "
            f"{info['sql_ms']:>6.1f} {info['template_ms']:>6.1f} {info['python_ms']:>6.1f} | "
            f"{info['sql_cpu_ms']:>7.2f} {info['template_cpu_ms']:>6.2f} {info['python_cpu_ms']:>6.2f}"
        )
    bare = next(iter(baseline.values()))["cpu_median_ms"]
    above = floor - bare if floor is not None else None
    over = [label for label, info in pages.items() if (_ratio(info["cpu_median_ms"], floor) or 0) > TARGET_CPU_FLOOR]
    print(
        f"the floor costs {_fmt(above, 2)} ms CPU above a bare Django view "
        f"(target <= {TARGET_FLOOR_ABOVE_BARE_MS:.0f}); "
        f"pages over {TARGET_CPU_FLOOR:.0f}x the floor's CPU: {', '.join(over) or 'none'}"
    )
    return {"floor_above_bare_ms": above, "over_cpu_target": over}


def report_throughput(stats: dict, verdict: dict, title: str, minimum: float) -> None:
    print(f"\nthroughput, {title}\n{'page':34} {'rps':>8} {'median':>7} {'p95':>6} {'fail':>4}")
    for label, info in stats.items():
        print(f"{label:34} {info['rps']:>8.1f} {info['median_ms']:>7.1f} {info['p95_ms']:>6.1f} "
              f"{info.get('failures', 0):>4}")  # fmt: skip
    lower = "lower" if verdict["p95_lower"] else "NOT lower"
    print(f"public plan page / floor: {_fmt(verdict['ratio'], 1)}x the requests per second "
          f"(target {minimum:.0f}x), p95 {lower} than the floor's")  # fmt: skip
