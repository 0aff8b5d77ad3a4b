"""Report parameters are checked by the kind's own form before any build (ADR 0065): on request, on retry and in the
run. Parameters it refuses fail the job with a readable, translated message; a Python error is never shown."""

from dataclasses import dataclass
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from reports import jobs
from reports.failures import ReportParamsInvalid
from reports.kinds import report_kind_get, report_kinds
from reports.models import ReportJob
from tests.reports.kinds_for_tests import TEST_KINDS

pytestmark = pytest.mark.django_db
Status = ReportJob.Status
READABLE = "The report's settings are not valid"


@dataclass(frozen=True)
class Invalid:
    """For one kind: who asks, on what, and parameters its form refuses (None: the kind has no parameter to get
    wrong, so empty and unknown parameters must build)."""

    requester: str
    target: Any  # personas -> target record (or None)
    params: dict | None
    problem: str = ""  # a piece of the readable reason


def _plan(p):
    from tests.plans.factories import PlanFactory

    return PlanFactory(departments=[p.dept])


def _session(p):
    from tests.training.factories import AttendanceFactory, SessionFactory

    session = SessionFactory()
    AttendanceFactory(session=session, user=p.staff, department=p.dept)
    return session


def _assessment(p):
    from tests.tools.factories import AssessmentFactory

    return AssessmentFactory(department=p.dept, lead=p.staff, team=[p.staff])


CASES = {
    "training_completion": Invalid("manager", lambda p: None, {}, "Completed from: This field is required."),
    "department_roster": Invalid("manager", lambda p: p.dept, None),
    "plan_progress": Invalid("manager", _plan, {"period": 999999}, "Reporting period: Select a valid choice."),
    "certificates": Invalid("staff", _session, {}, "Participant: This field is required."),
    "worksheet": Invalid("staff", _assessment, None),
}


def test_every_report_kind_has_an_invalid_parameters_case():
    test_kinds = {kind.code for kind in TEST_KINDS}
    assert {kind.code for kind in report_kinds()} - test_kinds == set(CASES)


def _stored_job(personas, code: str, case: Invalid, params: dict, status=Status.QUEUED) -> ReportJob:
    """A job as an old request (or a tampered row) left it: parameters the form never saw."""
    target = case.target(personas)
    kind = report_kind_get(code)
    assert kind is not None
    return ReportJob.objects.create(
        kind=code,
        title="An old request",
        params={**params, "target": target.pk if target is not None else None},
        requested_by=personas.get(case.requester),
        department=kind.department_of(target),
        status=status,
        queued_at=timezone.now(),
        finished_at=timezone.now() if status == Status.FAILED else None,
        error="KeyError: 'date_from'" if status == Status.FAILED else "",
    )


@pytest.mark.parametrize("code", sorted(CASES))
def test_a_request_with_invalid_parameters_is_refused_before_any_job(personas, code):
    case = CASES[code]
    kind = report_kind_get(code)
    assert kind is not None
    target = case.target(personas)
    user = personas.get(case.requester)
    if case.params is None:
        assert kind.form_class.data_from_params({"unknown": "x"}) is not None
        return
    with pytest.raises(ReportParamsInvalid) as refused:
        jobs.report_job_request(user=user, kind=kind, target=target, params=case.params)
    assert refused.value.message.startswith(READABLE) and case.problem in refused.value.message
    assert not ReportJob.objects.exists()


@pytest.mark.parametrize("code", sorted(CASES))
def test_a_stored_job_with_invalid_parameters_fails_readably_in_the_run(personas, code, monkeypatch):
    monkeypatch.setattr(jobs, "report_job_send", lambda **kw: True)
    case = CASES[code]
    job = _stored_job(personas, code, case, case.params if case.params is not None else {"unknown": "x"})
    outcome = jobs.report_job_run(job_id=job.pk)
    job.refresh_from_db()
    if case.params is None:  # nothing to get wrong: empty and unknown parameters build
        assert outcome == Status.DONE, job.error
        return
    assert outcome == Status.FAILED and not job.file
    assert job.error.startswith(READABLE) and case.problem in job.error
    assert "Error" not in job.error and "Traceback" not in job.error


def test_the_readable_reason_is_in_the_language_of_the_report(personas):
    case = CASES["training_completion"]
    job = _stored_job(personas, "training_completion", case, {})
    ReportJob.objects.filter(pk=job.pk).update(language="es")
    assert jobs.report_job_run(job_id=job.pk) == Status.FAILED
    job.refresh_from_db()
    with translation.override("es"):
        from django.utils.translation import gettext

        expected = gettext("This field is required.")
    assert expected in job.error and expected != "This field is required."  # the sentence around it: the catalogs


def test_try_again_on_a_completion_report_without_parameters_says_why_and_never_queues(client, personas, monkeypatch):
    """The reported defect: "Try again" showed `KeyError: 'date_from'`."""
    monkeypatch.setattr(jobs, "report_job_send", lambda **kw: pytest.fail("an invalid job was queued"))
    case = CASES["training_completion"]
    job = _stored_job(personas, "training_completion", case, {}, status=Status.FAILED)
    client.force_login(personas.manager)
    response = client.post(reverse("reports:job_retry", args=[job.pk]), follow=True)
    assert response.status_code == 200
    job.refresh_from_db()
    assert job.status == Status.FAILED and job.error.startswith(READABLE)
    page = response.content.decode()
    assert "KeyError" not in page and "date_from" not in page
    assert "Completed from: This field is required." in page
