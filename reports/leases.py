"""Leases on report jobs (ADR 0043): who owns a running job, whether that owner is provably gone, and the heartbeat
that renews the lease while a build runs.

An owner is "host:pid:start" (the process's start time in clock ticks, from /proc on Linux), so a reused pid is not
mistaken for the owner. Only an owner on this host can be proved gone; one on another host is lost when its lease ends.
Hosts must have distinct names (Celery's node names already require it).
"""

from __future__ import annotations

import logging
import os
import socket
import threading
from datetime import timedelta

from django.conf import settings
from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _

from reports.models import ReportJob
from reports.notices import report_job_outcome_notify

logger = logging.getLogger(__name__)


def _process_tag(pid: int) -> str | None:
    """A live process's start time (from /proc; "" elsewhere), None if it is gone or a zombie: tells pid reuse apart."""
    if not os.path.exists("/proc/self/stat"):
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return None
        except PermissionError:
            pass
        return ""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rpartition(")")[2].split()
    except OSError:
        return None
    return None if fields[0] in ("Z", "X") else fields[19]


def owner_here() -> str:
    """This process as a lease owner: "host:pid:start"."""
    pid = os.getpid()
    return f"{socket.gethostname()}:{pid}:{_process_tag(pid) or ''}"


def owner_is_gone(owner: str) -> bool:
    """True only when the owner provably died: it ran on this host and its process is gone (or the pid was reused)."""
    host, _, rest = owner.partition(":")
    pid, _, tag = rest.partition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return False  # another machine (or no owner): only its lease's end tells
    current = _process_tag(int(pid))
    return current is None or (tag != "" and current != tag)


class Heartbeat(threading.Thread):
    """Renews a run's lease every third of REPORTS_LEASE_SECONDS until stopped; dies with its process."""

    def __init__(self, job: ReportJob) -> None:
        super().__init__(name=f"report-{job.pk}-lease", daemon=True)
        self.job, self.stopped = job, threading.Event()

    def run(self) -> None:
        lease = timedelta(seconds=settings.REPORTS_LEASE_SECONDS)
        owned = ReportJob.objects.filter(
            pk=self.job.pk,
            status=ReportJob.Status.RUNNING,
            attempts=self.job.attempts,
            lease_owner=self.job.lease_owner,
        )
        try:
            while not self.stopped.wait(settings.REPORTS_LEASE_SECONDS / 3):
                try:
                    if not owned.update(lease_expires_at=timezone.now() + lease):
                        return  # another run took the job over: its own finish will discard this one's file
                except Exception as exc:  # noqa: BLE001 - a missed beat only shortens the lease; keep beating
                    logger.warning("Report job %s: lease not renewed (%s)", self.job.pk, exc)
        finally:
            connection.close()  # this thread's own database connection

    def stop(self) -> None:
        self.stopped.set()
        self.join(timeout=5)


def lease_end(job: ReportJob, now):
    # A run recorded before leases existed: its hard time limit was its lease.
    return job.lease_expires_at or (job.started_at or now) + timedelta(seconds=settings.REPORTS_HARD_TIME_LIMIT)


def lose_run(job: ReportJob, now) -> bool:
    """Count a lost run of a locked job; fail it after REPORTS_MAX_ATTEMPTS lost runs. True if it may run again."""
    job.lost_runs += 1
    job.lease_owner, job.lease_expires_at = "", None
    if job.lost_runs < settings.REPORTS_MAX_ATTEMPTS:
        return True
    job.status = ReportJob.Status.FAILED
    job.finished_at = now
    job.error = _(
        "The report stopped without finishing %(count)s times (its process was stopped, perhaps for lack of memory). "
        "You can try again."
    ) % {"count": job.lost_runs}
    job.save()
    report_job_outcome_notify(job=job)
    return False
