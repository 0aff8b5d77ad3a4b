"""What a job's title may show: the title names the record the report is about, so it is shown only to a viewer who
may still see that record (a plan made confidential since keeps its job, but not its title, from other viewers)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.http import Http404
from django.utils.translation import gettext as _

from equity.models import User
from reports.jobs import report_job_target
from reports.kinds import report_kind_get
from reports.models import ReportJob


def _hidden_title(job: ReportJob) -> str:
    kind = report_kind_get(job.kind)
    if kind is None:
        return _("A report that is no longer available")
    return _("%(kind)s on a record you can no longer see") % {"kind": kind.label}


def report_job_shown_title(*, job: ReportJob, user: User) -> str:
    """The job's title if `user` may still see its record, else a title naming only the kind of report."""
    try:
        report_job_target(job=job, user=user)
    except Http404:
        return _hidden_title(job)
    return job.title


def report_jobs_with_shown_titles(*, jobs: Iterable[ReportJob], user: User) -> list[ReportJob]:
    """The jobs, each with `shown_title` set; one query per kind of report among them, whatever their number."""
    rows = list(jobs)
    targets: dict[str, set] = defaultdict(set)
    for job in rows:
        targets[job.kind].add(job.params.get("target"))
    visible: dict[str, set] = {}
    for code, pks in targets.items():
        kind = report_kind_get(code)
        if kind is None:
            visible[code] = set()
        elif kind.targets_for_user is None:
            visible[code] = {None} if kind.can_request(user, None) else set()
        else:
            wanted = [pk for pk in pks if pk is not None]
            visible[code] = set(kind.targets_for_user(user).filter(pk__in=wanted).values_list("pk", flat=True))
    for job in rows:
        shown = job.params.get("target") in visible[job.kind]
        job.shown_title = job.title if shown else _hidden_title(job)
    return rows
