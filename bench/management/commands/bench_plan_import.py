"""Benchmark the plan spreadsheet import at its documented maximum: a 5,000-row file into a new plan (all
created), then the same file again (all unchanged), then with every action's status changed (5,000 updates).

Each phase reports wall time, SQL queries (and per row) and peak memory; everything runs in a transaction that is
rolled back. A command of the `bench` app, which only the benchmark's settings install:

    DJANGO_SETTINGS_MODULE=bench.settings python manage.py bench_plan_import [--rows 5000]
"""

import csv
import io
import resource
import time
import tracemalloc

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import BaseCommand
from django.db import connection, transaction

from equity.models import Department, User
from plans.imports.reader import MAX_ROWS
from plans.models import Plan
from plans.services.imports import plan_import_apply, plan_import_preview, plan_import_start

HEADER = ["Result code", "Result", "Outcome code", "Outcome", "Action code", "Action", "Lead department",
          "Co-lead departments", "Timeline", "Due date", "Priority", "Cost (dollars)", "Status", "Percent complete",
          "Description"]  # fmt: skip


def _file(rows: int, status: str) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADER)
    for i in range(rows):
        writer.writerow([
            f"{i // 500 + 1}", f"Focus area {i // 500}", f"{i // 500 + 1}.{i // 50 + 1}", f"Objective {i // 50}",
            f"{i // 500 + 1}.{i // 50 + 1}.{i + 1}", f"Action {i} for African American residents",
            "Bench department", "Bench partner" if i % 3 else "", "FY2027 Q2" if i % 2 else "2026–27",
            "2026-12-31", "High", f"{1000 + i}.00", status, f"{i % 100} %",
            "Evaluated against the 2012–2016 baseline.",
        ])  # fmt: skip
    return buffer.getvalue().encode()


class _Counter:
    """Counts SQL statements (CaptureQueriesContext keeps only the last 9,000)."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


class Command(BaseCommand):
    help = "Import a 5,000-row plan spreadsheet three ways (create, unchanged, update) and print time, queries, memory."

    def add_arguments(self, parser):
        parser.add_argument("--rows", type=int, default=MAX_ROWS)
        parser.add_argument("--trace-memory", action="store_true", help="Trace Python allocations (slower).")

    def handle(self, *args, **options):
        rows, self.trace = options["rows"], options["trace_memory"]
        with transaction.atomic():
            user = User.objects.create(username="bench-importer", email="bench-import@example.org", full_name="Bench")
            user.is_equity_team = True
            user.save()
            Department.objects.create(name="Bench department", code="BENCH")
            Department.objects.create(name="Bench partner", code="BENCHP")
            from datetime import date

            plan = Plan.objects.create(title="Bench import plan", period_start=date(2026, 1, 1),
                                       period_end=date(2028, 12, 31))  # fmt: skip
            self.stdout.write(f"database: {connection.vendor}; rows: {rows}")
            for label, status in (("create", "On track"), ("unchanged", "On track"), ("update", "At risk")):
                self._phase(label, plan, user, _file(rows, status), rows)
            transaction.set_rollback(True)

    def _phase(self, label: str, plan: Plan, user: User, raw: bytes, rows: int) -> None:
        if self.trace:
            tracemalloc.start()
        started = time.perf_counter()
        queries = _Counter()
        with connection.execute_wrapper(queries):
            pending, _known = plan_import_start(author=user, plan=plan, upload=SimpleUploadedFile("bench.csv", raw))
            previewed = time.perf_counter()
            preview = plan_import_preview(author=user, pending=pending)
            preview_time = time.perf_counter() - previewed
            done = plan_import_apply(author=user, pending=pending, token=preview.token)
        total = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1] if self.trace else 0
        tracemalloc.stop()
        self.stdout.write(
            f"{label}: {total:.1f} s (preview {preview_time:.1f} s); created {done.created}, updated {done.updated}, "
            f"unchanged {done.unchanged}; queries {queries.count} "
            f"({queries.count / rows:.1f} per row); Python peak {peak / 1e6:.0f} MB (0: not traced); "
            f"process max RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB"
        )
