"""Benchmark one report kind on a large throwaway data set: pages, total time, data vs WeasyPrint time, peak memory.

A command of the `bench` app, which only the benchmark's settings install (targets in bench/report_targets.py)."""

import os
import resource
import tempfile
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from bench.report_targets import BENCH_TARGETS
from equity.models import User
from reports import render
from reports.jobs import report_context
from reports.kinds import report_kind_get
from reports.models import ReportJob

# Issue 20, target 3 (the plan report): pages per CPU second, and the largest share of CPU gathering data may take.
PLAN_PAGES_PER_CPU_SECOND = 10
PLAN_DATA_CPU_SHARE = 0.10


class Command(BaseCommand):
    help = (
        "Build a report for a large throwaway data set (created in a transaction that is rolled back) and print "
        "the page count, total time, time gathering data versus in WeasyPrint, and peak memory."
    )

    def add_arguments(self, parser):
        parser.add_argument("--kind", default="", help="Report kind (default: the plan progress report if present).")
        parser.add_argument("--keep", metavar="PATH", help="Also copy the PDF to PATH.")

    def handle(self, *args, **options):
        benchable = [code for code in BENCH_TARGETS if report_kind_get(code) is not None]
        code = options["kind"] or ("plan_progress" if "plan_progress" in benchable else benchable[0])
        kind = report_kind_get(code)
        if kind is None or code not in BENCH_TARGETS:
            raise CommandError(f"No benchmark data for kind {code!r}; choose one of: {', '.join(benchable)}")
        with transaction.atomic():
            figures = self._run(kind=kind, make_target=BENCH_TARGETS[code], keep=options["keep"])
            transaction.set_rollback(True)  # the benchmark data is throwaway
        self._print(code, figures)

    def _run(self, *, kind, make_target, keep: str | None) -> dict:
        user = User.objects.create(username="bench-requester", email="bench@example.org", full_name="Benchmark User")
        user.is_equity_team = True
        target = make_target(user)
        job = ReportJob(kind=kind.code, title=kind.title(target, {}), params={"target": target.pk},
                        requested_by=user, queued_at=timezone.now())  # fmt: skip
        started, cpu_started = time.perf_counter(), time.process_time()
        with CaptureQueriesContext(connection) as queries:
            context = report_context(job=job, kind=kind, target=target)
            html = render.report_html(template=kind.template, context=context)
        gathered, cpu_gathered = time.perf_counter(), time.process_time()
        with tempfile.TemporaryDirectory() as folder:
            final = Path(folder) / "bench.pdf"
            rendered = render.report_pdf_write(html=html, final_path=final)
            render.report_pdf_publish(rendered=rendered, final_path=final)
            finished, cpu_finished = time.perf_counter(), time.process_time()
            if keep:
                Path(keep).write_bytes(final.read_bytes())
        total = finished - started
        return {
            "pages": rendered.pages,
            "bytes": rendered.size,
            "queries": len(queries.captured_queries),
            "total": total,
            "cpu": cpu_finished - cpu_started,
            "load": os.getloadavg()[0],
            "data": gathered - started,
            "data_cpu": cpu_gathered - cpu_started,
            "weasyprint": finished - gathered,
            "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        }

    def _print(self, code: str, f: dict) -> None:
        self.stdout.write(
            f"kind: {code}\n"
            f"pages: {f['pages']}  size: {f['bytes'] / 1024:.0f} KiB  queries: {f['queries']}\n"
            f"total: {f['total']:.2f} s  ({f['pages'] / f['total']:.1f} pages/s)\n"
            f"gathering data (queries + template): {f['data']:.2f} s ({100 * f['data'] / f['total']:.1f}%)\n"
            f"WeasyPrint (layout + PDF): {f['weasyprint']:.2f} s ({100 * f['weasyprint'] / f['total']:.1f}%)\n"
            f"peak memory (ru_maxrss): {f['peak_mb']:.0f} MB\n"
            f"CPU time: {f['cpu']:.2f} s ({f['pages'] / f['cpu']:.1f} pages per CPU second), "
            f"gathering data {f['data_cpu']:.2f} s of it ({100 * f['data_cpu'] / f['cpu']:.1f}%); "
            f"load average when run: {f['load']:.1f} on {os.cpu_count()} cores"
        )
        if code == "plan_progress":
            met = f["pages"] / f["cpu"] >= PLAN_PAGES_PER_CPU_SECOND and f["data_cpu"] / f["cpu"] <= PLAN_DATA_CPU_SHARE
            self.stdout.write(
                f"target: >= {PLAN_PAGES_PER_CPU_SECOND} pages per CPU second, gathering data <= "
                f"{PLAN_DATA_CPU_SHARE:.0%} of CPU: {'met' if met else 'NOT met'}"
            )
