"""The benchmark's statistics: exact nearest-rank percentiles over every recorded response."""

import importlib.util
from pathlib import Path

RUN = Path(__file__).resolve().parents[2] / "bench" / "run.py"


def _run_module():
    spec = importlib.util.spec_from_file_location("bench_run", RUN)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_summary_gives_nearest_rank_median_and_p95_failures_and_rate():
    lines = [f"page\t{ms}\t1\n" for ms in range(1, 101)] + ["page\t5000\t0\n", "other\t7.5\t1\n"]
    stats = _run_module().summarise(lines, seconds=50)
    page = stats["page"]
    assert page["requests"] == 101 and page["failures"] == 1
    assert page["median_ms"] == 51  # the 51st of 101 sorted times
    assert page["p95_ms"] == 96  # rank ceil(0.95 * 101) = 96
    assert page["rps"] == 101 / 50
    assert stats["other"] == {"requests": 1, "failures": 0, "median_ms": 7.5, "p95_ms": 7.5, "rps": 1 / 50}


def _stats(p95: float) -> dict:
    return {"requests": 100, "failures": 0, "median_ms": p95 / 2, "p95_ms": p95, "rps": 1.0}


def test_page_verdicts_count_every_probed_page_and_leave_the_sign_in_apart():
    from bench.tables import FLOOR, page_verdicts

    queries = {FLOOR: {}, "plan page": {}, "slow page": {}, "unsampled page": {}}
    demo = {FLOOR: _stats(10), "plan page": _stats(15), "slow page": _stats(20), "login": _stats(200)}
    scale = {FLOOR: _stats(10), "plan page": _stats(19), "slow page": _stats(21), "login": _stats(300)}
    results = {"queries": {"demo": queries, "scale": queries}, "load": {"think": {"demo": demo, "scale": scale}}}
    verdict = page_verdicts(results)["think"]
    # the slow page is 2.1x the floor; the plan page 1.9x the floor and 1.27x its demo size; the sign-in (30x the
    # floor) is no page; a page with no samples in the shape is outside, not left out
    assert verdict == {"pages": 4, "within": 2, "outside": ["slow page", "unsampled page"]}
