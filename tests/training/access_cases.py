"""Access cases for every training URL, for every persona (see tests/access.py)."""

from tests.access import AccessCase, everyone
from tests.training.factories import FacilitatorFactory, ModuleFactory, SessionFactory
from training.models import RosterImport

EQUITY_ONLY = everyone(403, equity=200)
LOGGERS = everyone(403, facilitator=200, equity=200)
LOGGERS_POST = everyone(403, facilitator=302, equity=302)
# Department-specific session of Community Development: Public Works people cannot see it at all.
LOGGERS_DEPT = {**LOGGERS, "other_staff": 404, "other_manager": 404}
REPORTS = everyone(403, manager=200, facilitator=200, equity=200, other_manager=200)


def _session(p, **kw) -> dict:
    module = ModuleFactory(title="Foundations")
    lead = FacilitatorFactory(user=p.facilitator, modules=[module])
    return {"pk": SessionFactory.create(module=module, lead_facilitator=lead, **kw).pk}


def _dept_session(p) -> dict:
    return _session(p, audience="department", department=p.dept)


def _module(p) -> dict:
    return {"pk": ModuleFactory.create().pk}


def _facilitator(p) -> dict:
    return {"pk": FacilitatorFactory.create(user=p.facilitator).pk}


def _import(p) -> dict:
    session_pk = _session(p)["pk"]
    imp = RosterImport.objects.create(
        session_id=session_pk,
        created_by=p.facilitator,
        filename="roster.csv",
        header=["email", "status"],
        rows=[[2, [p.staff.email, "attended"]]],
        mapping={"email": "email", "status": "status"},
    )
    return {"pk": imp.pk}


def _staff_record(p) -> dict:
    return {"pk": p.staff.pk}


def _csv(p) -> dict:
    return {"fmt": "csv"}


def _xlsx(p) -> dict:
    return {"fmt": "xlsx"}


def _evaluation(p, kw) -> dict:
    return {"respondents": "3", "pre_score": "50", "post_score": "70"}


CASES = [
    AccessCase("training:session_list", everyone(200)),
    AccessCase("training:session_list", everyone(200), query="page=999&date_from=not-a-date", label="bad-query"),
    AccessCase("training:session_calendar", everyone(200)),
    AccessCase("training:session_create", LOGGERS),
    AccessCase("training:session_detail", everyone(200), setup=_session),
    AccessCase(
        "training:session_detail",
        everyone(200, other_staff=404, other_manager=404),
        setup=_dept_session,
        label="department",
    ),  # fmt: skip
    AccessCase("training:session_update", LOGGERS, setup=_session),
    AccessCase("training:session_update", LOGGERS_DEPT, setup=_dept_session, label="department"),
    AccessCase("training:roster_edit", LOGGERS, setup=_session),
    AccessCase("training:roster_edit", LOGGERS_DEPT, setup=_dept_session, label="department"),
    AccessCase("training:session_history", LOGGERS, setup=_session),
    AccessCase("training:session_history", LOGGERS_DEPT, setup=_dept_session, label="department"),
    AccessCase("training:session_delete", LOGGERS_POST, setup=_session, method="post"),
    AccessCase("training:evaluation_create", LOGGERS_POST, setup=_session, method="post", data=_evaluation),
    AccessCase("training:roster_import_upload", LOGGERS, setup=_session),
    AccessCase("training:roster_import_map", LOGGERS, setup=_import),
    AccessCase("training:roster_import_review", LOGGERS, setup=_import),
    AccessCase("training:roster_import_save", LOGGERS_POST, setup=_import, method="post"),
    AccessCase("training:roster_template", everyone(200)),
    AccessCase("training:attendance_export", REPORTS, setup=_csv),
    AccessCase("training:attendance_export", REPORTS, setup=_xlsx, label="xlsx"),
    AccessCase("training:module_list", everyone(200)),
    AccessCase("training:module_create", EQUITY_ONLY),
    AccessCase("training:module_detail", everyone(200), setup=_module),
    AccessCase("training:module_update", EQUITY_ONLY, setup=_module),
    AccessCase("training:module_history", EQUITY_ONLY, setup=_module),
    AccessCase("training:facilitator_list", everyone(200)),
    AccessCase("training:facilitator_list", everyone(200), query="page=-1", label="bad-page"),
    AccessCase("training:facilitator_create", EQUITY_ONLY),
    AccessCase("training:facilitator_update", EQUITY_ONLY, setup=_facilitator),
    AccessCase("training:facilitator_history", EQUITY_ONLY, setup=_facilitator),
    AccessCase("training:my_record", everyone(200)),
    AccessCase(
        "training:person_record",
        everyone(404, staff=200, manager=200, equity=200),
        setup=_staff_record,
    ),
    AccessCase("training:completion_report", REPORTS),
    AccessCase("training:completion_chart", REPORTS),
    AccessCase("training:completion_report", REPORTS, query="date_from=2026-02-01&date_to=2025-01-01", label="bad"),
    AccessCase("training:completion_export", REPORTS, setup=_csv),
    AccessCase("training:completion_export", REPORTS, setup=_xlsx, label="xlsx"),
]


# Required training and approval requests (issue 14).
def _requirement(p) -> dict:
    from datetime import date

    from training.models import TrainingRequirement

    module = ModuleFactory.create()
    return {"pk": TrainingRequirement.objects.create(module=module, effective_from=date(2026, 1, 1)).pk}


def _request(p) -> dict:
    from training.models import CertificationRequest

    module = ModuleFactory.create(title="Tool")
    facilitator = FacilitatorFactory.create(user=p.facilitator)
    return {"pk": CertificationRequest.objects.create(facilitator=facilitator, module=module, reason="Planned").pk}


def _retire(p, kw) -> dict:
    return {"revision": "1"}


def _decision(p, kw) -> dict:
    return {"decision": "approved", "note": ""}


REQUESTERS = everyone(403, facilitator=200)
REQUEST_VIEWERS = everyone(403, facilitator=200, equity=200)

CASES += [
    AccessCase("training:requirement_list", EQUITY_ONLY),
    AccessCase("training:requirement_create", EQUITY_ONLY),
    AccessCase("training:requirement_update", EQUITY_ONLY, setup=_requirement),
    AccessCase("training:requirement_history", EQUITY_ONLY, setup=_requirement),
    AccessCase(
        "training:requirement_retire", everyone(403, equity=302), setup=_requirement, method="post", data=_retire
    ),
    AccessCase("training:certification_request_list", REQUEST_VIEWERS),
    AccessCase("training:certification_request_list", REQUEST_VIEWERS, query="status=bogus&page=x", label="bad"),
    AccessCase("training:certification_request_create", REQUESTERS),
    AccessCase("training:certification_request_detail", REQUEST_VIEWERS, setup=_request),
    AccessCase(
        "training:certification_request_detail",
        everyone(403, facilitator=403, equity=302),
        setup=_request,
        method="post",
        data=_decision,
    ),
    AccessCase("training:certification_request_history", EQUITY_ONLY, setup=_request),
]

# Self-registration and certificate verification (issue 14) keep their cases in their own module.
from tests.training.registration_access import CASES as REGISTRATION_CASES  # noqa: E402

CASES += REGISTRATION_CASES
