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
