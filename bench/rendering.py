"""Page-level cost of the rendering shortcut `QuickSelect` (docs/adr/0030-rendering-shortcuts.md).

    DJANGO_DEBUG=true .venv/bin/python bench/rendering.py [--factor 0.25] [--repeat 20] [--rounds 5]

Builds a throwaway test database (SQLite in memory unless DATABASE_URL names a server, then `test_<name>`), loads
`seed_demo`, measures every page that uses a shortcut, then adds city-scale rows (`seed_scale --factor`) and measures
again. Each page is requested through Django's test client, in process, in two variants taken in turn: as shipped,
and with `QuickSelect` rendering through Django's `forms.Select` templates. Prints the CPU time per request of each
variant (fastest round) and what the shortcut saves. Never imported by the product. (`ChoiceLabel`, the other
shortcut ADR 0030 measured, was removed after that measurement; run this script as of commit 56d3ebc to measure it.)
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import time
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path
from unittest import mock

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
os.environ.setdefault("DJANGO_DEBUG", "true")

import django  # noqa: E402

django.setup()

from django import forms  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.runner import DiscoverRunner  # noqa: E402
from django.test.utils import override_settings  # noqa: E402
from django.urls import reverse  # noqa: E402

from equity.models import User  # noqa: E402
from equity.widgets import QuickSelect  # noqa: E402

SHIPPED, STANDARD_SELECTS = "shipped", "forms.Select"
VARIANTS = (SHIPPED, STANDARD_SELECTS)
CALLS = {"selects": 0}


def _largest(model_path: str, relation: str) -> int:
    """The pk of the record with the most `relation` rows."""
    app_label, model_name = model_path.split(".")
    from django.apps import apps

    model = apps.get_model(app_label, model_name)
    rows = model.objects.annotate(n=Count(relation, distinct=True)).order_by("-n", "pk")
    return rows.values_list("pk", flat=True).first() or 0


# (label, username, path): the pages ADR 0030 measured (most show a QuickSelect filter; the others are controls).
PAGES: list[tuple[str, str, Callable[[], str]]] = [
    ("plan list", "staff", lambda: reverse("plans:plan_list")),
    ("plan detail (most actions)", "equity",
     lambda: reverse("plans:plan_detail", args=[_largest("plans.Plan", "actions")])),
    ("plan actions (most actions)", "equity",
     lambda: reverse("plans:plan_actions", args=[_largest("plans.Plan", "actions")])),
    ("my actions", "manager", lambda: reverse("plans:my_actions")),
    ("training sessions", "facilitator", lambda: reverse("training:session_list")),
    ("training upcoming", "staff", lambda: reverse("training:session_calendar")),
    ("training facilitators", "staff", lambda: reverse("training:facilitator_list")),
    ("session detail (most attendance)", "equity",
     lambda: reverse("training:session_detail", args=[_largest("training.Session", "attendances")])),
    ("practice list", "equity", lambda: reverse("library:practice_list")),
    ("assessment list (all)", "equity", lambda: reverse("tools:assessment_list") + "?scope=all"),
    ("dashboard (manager)", "manager", lambda: reverse("dashboard")),
    ("people list", "equity", lambda: reverse("user_list")),
]  # fmt: skip


def _counting_render(render):
    def counted(self, *args, **kwargs):
        CALLS["selects"] += 1
        return render(self, *args, **kwargs)

    return counted


SHIPPED_RENDER = QuickSelect.render


@contextmanager
def variant(name: str):
    """Swap the shortcut for Django's standard rendering for the duration (counting calls either way)."""
    render = _counting_render(forms.Select.render if name == STANDARD_SELECTS else SHIPPED_RENDER)
    with mock.patch.object(QuickSelect, "render", render):
        yield


def _timed(client: Client, path: str, repeat: int) -> float:
    """Mean milliseconds of CPU per request over `repeat` requests (process time: steadier than wall time on a
    shared machine, and all of a request's work, the in-memory database included, is this process's), with the
    garbage collector run before and held off during the batch so that no variant pays for another's garbage."""
    gc.collect()
    gc.disable()
    try:
        start = time.process_time()
        for _ in range(repeat):
            response = client.get(path)
            assert response.status_code == 200, (path, response.status_code)
        return (time.process_time() - start) * 1000 / repeat
    finally:
        gc.enable()


def measure(*, size: str, repeat: int, rounds: int) -> list[dict]:
    """Every page in both variants, alternating rounds; the fastest of the rounds' means (the least disturbed by
    other processes)."""
    clients: dict[str, Client] = {}
    results = []
    for label, username, path_of in PAGES:
        if username not in clients:
            clients[username] = Client()
            clients[username].force_login(User.objects.get(username=username))
        client, path = clients[username], path_of()
        samples: dict[str, list[float]] = {name: [] for name in VARIANTS}
        calls: dict[str, int] = {}
        for name in VARIANTS:
            with variant(name):
                _timed(client, path, 2)  # warm caches
        for round_number in range(rounds):
            turn = round_number % len(VARIANTS)
            for name in VARIANTS[turn:] + VARIANTS[:turn]:  # each variant goes first in turn
                with variant(name):
                    CALLS.update(selects=0)
                    samples[name].append(_timed(client, path, repeat))
                    calls = {k: v // repeat for k, v in CALLS.items()} if name == SHIPPED else calls
        row = {"size": size, "page": label, **{n: min(s) for n, s in samples.items() if s}, **calls}
        results.append(row)
        _print_row(row)
    return results


def _print_row(row: dict) -> None:
    shipped = row[SHIPPED]
    selects_saved = row[STANDARD_SELECTS] - shipped
    print(
        f"{row['size']:<6} {row['page']:<34} {shipped:8.1f} ms"
        f" | QuickSelect x{row['selects']:<3} saves {selects_saved:6.2f} ms ({100 * selects_saved / shipped:5.1f} %)",
        flush=True,
    )


def per_call(*, size: str, n: int = 2000) -> None:
    """Microseconds per call of the shortcut and of Django's standard rendering, on the department filter."""
    from equity.widgets import department_filter_field

    field = department_filter_field()
    widget = field.widget
    widget.choices = field.choices
    options = len(list(iter(widget.choices)))

    def timed(func) -> float:
        start = time.process_time()
        for _ in range(n):
            func()
        return (time.process_time() - start) * 1e6 / n

    quick = timed(lambda: widget.render("department", ""))
    standard = timed(lambda: forms.Select.render(widget, "department", ""))
    print(
        f"{size:<6} per call, department filter ({options} options):"
        f" QuickSelect {quick:.0f} µs, forms.Select {standard:.0f} µs",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--factor", type=float, default=0.25, help="seed_scale --factor for the larger size")
    parser.add_argument("--repeat", type=int, default=2, help="requests per page, variant and round")
    parser.add_argument("--rounds", type=int, default=25, help="alternating rounds per page")
    args = parser.parse_args()
    runner = DiscoverRunner(verbosity=0)
    runner.setup_test_environment()
    databases = runner.setup_databases()
    try:
        with override_settings(DEBUG=True):
            call_command("seed_demo", verbosity=0)
        per_call(size="demo")
        measure(size="demo", repeat=args.repeat, rounds=args.rounds)
        with override_settings(DEBUG=True):
            call_command("seed_scale", factor=args.factor, verbosity=0)
        per_call(size="scale")
        measure(size="scale", repeat=args.repeat, rounds=args.rounds)
    finally:
        runner.teardown_databases(databases)
        runner.teardown_test_environment()


if __name__ == "__main__":
    main()
