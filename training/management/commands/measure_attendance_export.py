"""Run the attendance export view to completion into /dev/null and print the process's peak memory.

Run one size per fresh process (peak memory never goes down within a process), e.g.:
    python manage.py measure_attendance_export --rows 15000 --format csv
    python manage.py measure_attendance_export --rows 150000 --format xlsx
"""

import resource
import time

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Count
from django.test import RequestFactory

from equity.models import User
from training.models import Attendance
from training.views.records import attendance_export_view


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def _date_from_for(rows: int):
    """The latest session date from which at least `rows` attendance rows follow (None: every row)."""
    total = 0
    per_day = Attendance.objects.values("session__date").annotate(n=Count("pk")).order_by("-session__date")
    for row in per_day.iterator():
        total += row["n"]
        if total >= rows:
            return row["session__date"]
    return None


class Command(BaseCommand):
    help = "Measure the peak memory (ru_maxrss) of the attendance CSV/XLSX export at a given row count."

    def add_arguments(self, parser):
        parser.add_argument("--rows", type=int, default=0, help="export at least this many rows (0: all of them)")
        parser.add_argument("--format", choices=["csv", "xlsx"], default="csv")
        parser.add_argument("--username", default="equity", help="a user who may export all attendance")

    def handle(self, *args, rows: int, format: str, username: str, **options):
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user {username!r}: run seed_demo first.")
        date_from = _date_from_for(rows) if rows else None
        params = {"date_from": date_from.isoformat()} if date_from else {}
        rows_qs = Attendance.objects.filter(session__date__gte=date_from) if date_from else Attendance.objects.all()
        exported = rows_qs.count()
        request = RequestFactory().get(f"/training/attendance.{format}", params)
        request.user = user
        baseline = _peak_mib()
        started = time.monotonic()
        response = attendance_export_view(request, fmt=format)
        written = 0
        with open("/dev/null", "wb") as sink:
            for chunk in response.streaming_content:
                chunk = chunk.encode() if isinstance(chunk, str) else chunk
                written += len(chunk)
                sink.write(chunk)
        response.close()  # sends request_finished, which closes the database connection
        elapsed = time.monotonic() - started
        self.stdout.write(
            f"{format}: {exported} rows, {written / 1024 / 1024:.1f} MiB written in {elapsed:.1f} s; "
            f"peak RSS {_peak_mib():.1f} MiB (before the export {baseline:.1f} MiB)"
        )
