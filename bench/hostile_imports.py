"""CPU time and traced memory peak of refusing each hostile exchange file of the fault suite.

`python bench/hostile_imports.py` (SQLite is enough: parsing touches no table). The fault suite
(tests/faults/test_exchange_hostile.py) asserts the message, the bounded problem list and the memory peak; times are
measured here instead, because a timed test fails on a busy machine (standing rule 5). Best of three per file.
"""

from __future__ import annotations

import os
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "equity.settings")
    import django

    django.setup()
    from library.exchange import ExchangeError, exchange_parse
    from tests.faults.test_exchange_hostile import HOSTILE

    print(f"{'file':45s} {'bytes':>10s} {'CPU ms':>8s} {'peak MB':>8s}")
    for case, (raw, _message) in HOSTILE.items():
        timings = []
        for _ in range(3):
            started = time.process_time()
            try:
                exchange_parse(raw=raw)
            except ExchangeError:
                pass
            timings.append(time.process_time() - started)
        tracemalloc.start()
        try:
            exchange_parse(raw=raw)
        except ExchangeError:
            pass
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        print(f"{case:45s} {len(raw):>10,d} {min(timings) * 1000:>8.0f} {peak / 1e6:>8.1f}")


if __name__ == "__main__":
    main()
