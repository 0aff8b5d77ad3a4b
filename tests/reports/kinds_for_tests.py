"""Report kinds used only by tests (loaded through settings.REPORT_KIND_MODULES, also by test worker processes)."""

import time

from equity.reports.kinds import ReportKind, register
from equity.reports.roster import ROSTER

register(
    ReportKind(
        code="test_slow",
        label="Slow roster (tests)",
        description="The department roster, after sleeping params['seconds'].",
        template=ROSTER.template,
        target_label="Department",
        targets_for_user=ROSTER.targets_for_user,
        title=lambda department, params: f"Slow roster: {department.name}",
        build_context=lambda job, target: time.sleep(float(job.params.get("seconds", 0)))
        or ROSTER.build_context(job, target),
        department_of=ROSTER.department_of,
    )
)
register(
    ReportKind(
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
)
