"""Report kinds used only by tests: registered for each report test by tests/reports/conftest.py, and in the test
worker processes by tests/reports/worker_kinds.py (through tests/reports/worker_settings.py)."""

import time

from reports.kinds import ReportKind
from reports.reports import ROSTER


def _slow_context(job, target) -> dict:
    time.sleep(float(job.params.get("seconds", 0)))
    return ROSTER.build_context(job, target)


SLOW = ReportKind(
    code="test_slow",
    label="Slow roster (tests)",
    description="The department roster, after sleeping params['seconds'].",
    template=ROSTER.template,
    target_label="Department",
    targets_for_user=ROSTER.targets_for_user,
    title=lambda department, params: f"Slow roster: {department.name}",
    build_context=_slow_context,
    department_of=ROSTER.department_of,
)
BROKEN_LAYOUT = ReportKind(
    code="test_broken_layout",
    label="Broken layout (tests)",
    description="A kind whose template does not exist.",
    template="reports/pdf/no_such_template.html",
    target_label="Department",
    targets_for_user=ROSTER.targets_for_user,
    title=lambda department, params: f"Broken: {department.name}",
    build_context=ROSTER.build_context,
    department_of=ROSTER.department_of,
)
TEST_KINDS = [SLOW, BROKEN_LAYOUT]
