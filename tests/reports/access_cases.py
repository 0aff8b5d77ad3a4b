"""Access cases for the Reports pages: jobs are private to their requester (and the equity team)."""

from django.conf import settings
from django.utils import timezone

from reports.jobs import report_file_path
from reports.models import ReportJob
from tests.access import AccessCase, everyone

OWNER_AND_EQUITY = everyone(404, manager=200, equity=200)


def _job(p, status=ReportJob.Status.DONE, with_file=True) -> ReportJob:
    job = ReportJob.objects.create(
        kind="department_roster",
        title="Staff and roles: Community Development",
        params={"target": p.dept.pk},
        requested_by=p.manager,
        department=p.dept,
        status=status,
        attempts=1,
        queued_at=timezone.now(),
        finished_at=timezone.now(),
        error="" if status == ReportJob.Status.DONE else "The report could not be built: test",
    )
    if with_file:
        path = report_file_path(job=job)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"%PDF-1.7\n%test\n")
        job.file.name = str(path.relative_to(settings.MEDIA_ROOT))
        job.save()
    return job


def _done(p):
    return {"pk": _job(p).pk}


def _failed(p):
    return {"pk": _job(p, status=ReportJob.Status.FAILED, with_file=False).pk}


def _roster(p):
    return {"kind": "department_roster"}


def _roster_dept(p):
    return {"kind": "department_roster", "target": p.dept.pk}


def _missing_kind(p):
    return {"kind": "no-such-report"}


def _active_plan(p):
    from tests.plans.factories import PlanFactory

    return {"kind": "plan_progress", "target": PlanFactory(departments=[p.dept]).pk}


def _draft_plan(p):
    from plans.models import Plan
    from tests.plans.factories import PlanFactory

    plan = PlanFactory(departments=[p.dept], status=Plan.Status.DRAFT, adopted_on=None)
    return {"kind": "plan_progress", "target": plan.pk}


def _session(p):
    from tests.training.factories import AttendanceFactory, SessionFactory

    session = SessionFactory()
    AttendanceFactory(session=session, user=p.staff, department=p.dept)
    return {"kind": "certificates", "target": session.pk}


def _completion(p):
    return {"kind": "training_completion", "target": 0}


def _completion_choose(p):
    return {"kind": "training_completion"}


def _assessment(p):
    from tests.tools.factories import AssessmentFactory

    assessment = AssessmentFactory(department=p.dept, lead=p.staff, team=[p.staff])
    return {"kind": "worksheet", "target": assessment.pk}


ROSTER_REQUEST = everyone(403, manager=200, equity=200, other_staff=404, other_manager=404)

CASES = [
    AccessCase("reports:job_list", everyone(200)),
    AccessCase("reports:job_choose", everyone(200), setup=_roster),
    AccessCase("reports:job_choose", everyone(404), setup=_missing_kind, label="unknown-kind"),
    AccessCase("reports:job_create", ROSTER_REQUEST, setup=_roster_dept),
    AccessCase(
        "reports:job_create",
        everyone(403, manager=302, equity=302, other_staff=404, other_manager=404),
        setup=_roster_dept,
        method="post",
        label="request",
    ),
    AccessCase("reports:job_create", everyone(200), setup=_active_plan, label="plan"),
    AccessCase("reports:job_create", everyone(302), setup=_active_plan, method="post", label="plan-request"),
    AccessCase(
        "reports:job_create", everyone(200, other_staff=404, other_manager=404), setup=_draft_plan, label="draft-plan"
    ),
    AccessCase(
        "reports:job_create",
        everyone(302, other_staff=404, other_manager=404),
        setup=_draft_plan,
        method="post",
        label="draft-plan-request",
    ),
    # Certificates: facilitators and the equity team for anyone; a participant (staff) for their own completion.
    AccessCase(
        "reports:job_create",
        everyone(403, staff=200, facilitator=200, equity=200),
        setup=_session,
        label="certificates",
    ),
    AccessCase("reports:job_choose", everyone(302), setup=_completion_choose, label="no-target"),
    AccessCase(
        "reports:job_create",
        everyone(403, manager=200, facilitator=200, equity=200, other_manager=200),
        setup=_completion,
        label="training-completion",
    ),
    AccessCase(
        "reports:job_create", everyone(404, staff=200, manager=200, equity=200), setup=_assessment, label="worksheet"
    ),
    AccessCase("reports:job_detail", OWNER_AND_EQUITY, setup=_done),
    AccessCase("reports:job_status", OWNER_AND_EQUITY, setup=_done),
    AccessCase("reports:job_download", OWNER_AND_EQUITY, setup=_done),
    AccessCase("reports:job_retry", everyone(404, manager=302, equity=302), setup=_failed, method="post"),
]
