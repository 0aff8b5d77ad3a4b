"""Access cases for every URL of the plans app (see tests/access.py).

The world (tests/plans/conftest.build_world): an active plan of Community Development (the personas' `dept`) whose
action is led by CD with `staff` accountable, plus a CD draft plan. Non-draft plans are readable by all staff;
drafts only by their departments' members and the equity team; editing by CD managers and the equity team.
"""

from tests.access import AccessCase, everyone
from tests.plans.conftest import build_world

READ = everyone(200)
DRAFT_READ = everyone(200, other_staff=404, other_manager=404)
EDIT = everyone(403, manager=200, equity=200)
EDIT_POST = everyone(403, manager=302, equity=302)
CREATE_PLAN = everyone(403, manager=200, equity=200, other_manager=200)
POST_UPDATE = everyone(403, staff=200, manager=200, equity=200)
EQUITY_ONLY = everyone(403, equity=200)


def _kw(attr: str, key: str = "pk", **extra):
    def setup(p):
        world = build_world(p)
        return {key: getattr(world, attr).pk, **extra}

    return setup


def _draft_action(p):
    """An action of CD's draft plan: only the department's members and the equity team see it (so may follow it)."""
    from tests.plans.factories import ActionFactory

    world = build_world(p)
    return {"pk": ActionFactory(plan=world.draft, lead_department=p.dept).pk}


def _pw_indicator(p):
    """An indicator used only by a result of a plan of the other department (PW): its managers edit it, CD's don't."""
    from tests.plans.factories import IndicatorFactory, PlanFactory, ResultFactory

    build_world(p)
    plan = PlanFactory(title="PW plan", departments=[p.other_dept])
    return {"pk": IndicatorFactory(result=ResultFactory(plan=plan)).pk}


def _lone_indicator(p):
    """An indicator no plan uses yet: only the equity team edits it."""
    from tests.plans.factories import IndicatorFactory

    indicator = IndicatorFactory()
    indicator.results.clear()
    return {"pk": indicator.pk}


def _link(p, kw):
    from tests.plans.factories import IndicatorFactory

    other = IndicatorFactory(name="Shared city-wide indicator")
    return {"indicator": other.pk}


def _unlink_kw(p):
    world = build_world(p)
    return {"result_pk": world.result.pk, "pk": world.indicator.pk}


def _pending_upload(p):
    """The CD manager's upload of the world's indicator, waiting for its group names: only they continue it."""
    from plans.models import IndicatorUpload

    world = build_world(p)
    pending = IndicatorUpload.objects.create(
        indicator=world.indicator,
        uploaded_by=p.manager,
        file_name="mde.csv",
        content="year,group,value\n2020,African American,12\n",
        source="MDE",
    )
    return {"pk": world.indicator.pk, "upload_pk": pending.pk}


def _mapping(p, kw):
    from plans.models import Indicator, RacialGroup

    version = Indicator.objects.get(pk=kw["pk"]).version  # the form's version, as the page carries it
    return {"version": str(version), "g0": str(RacialGroup.objects.get(code="black").pk)}


def _group(p):
    from plans.models import RacialGroup

    return {"pk": RacialGroup.objects.get(code="black").pk}


def _legend(p):
    from plans.models import StatusLegendEntry

    return {"pk": StatusLegendEntry.objects.get(status="at_risk").pk}


def _pending_import(p):
    """The CD manager's spreadsheet upload into the world's plan, waiting for its preview: only they continue it."""
    from plans.models import PlanImport

    world = build_world(p)
    content = "Result,Action,Lead department\nAll residents are housed,Audit lending,Community Development\n"
    pending = PlanImport.objects.create(
        plan=world.plan, uploaded_by=p.manager, file_name="plan.csv", content=content.encode(),
        columns=["result", "action", "lead_department"],
    )  # fmt: skip
    return {"pk": world.plan.pk, "import_pk": pending.pk}


def _columns(p, kw):
    return {"c0": "result", "c1": "action", "c2": "lead_department", "remember": "on"}


def _stale_token(p, kw):
    return {"token": "0" * 64}


# Someone else's pending import is not found, even by the equity team (who may edit the plan).
OWN_IMPORT = everyone(403, manager=200, equity=404)


def _cancel(p, kw):
    from plans.models import Action

    version = Action.objects.get(pk=kw["pk"]).version
    return {"reason": "Withdrawn by council.", "confirm": "on", "version": str(version)}


def _correction(p, kw):
    from django.utils import timezone

    from plans.models import ProgressUpdate

    version = ProgressUpdate.objects.select_related("action").get(pk=kw["pk"]).action.version
    return {
        "status": "on_track",
        "percent_complete": "20",
        "summary": "Work started (corrected).",
        "correction_reason": "The percent was typed wrong.",
        "as_of": timezone.localdate().isoformat(),
        "version": str(version),
    }


def _bulk(p, kw):
    from plans.models import Action

    action = Action.objects.get(plan_id=kw["pk"])
    return {"actions": [str(action.pk)], f"version-{action.pk}": str(action.version), "bulk-due_date": "2027-01-31"}


def _plan_outcome(p, kw):
    """The query of the plan page's "open an outcome" request: the first outcome of the plan."""
    from plans.models import Outcome

    return {"outcome": Outcome.objects.filter(result__plan_id=kw["pk"]).order_by("pk").values_list("pk", flat=True)[0]}


CASES = [
    AccessCase("plans:plan_list", READ),
    AccessCase("plans:plan_list", READ, label="filtered", query="q=housing&status=active&year=2026&page=9"),
    AccessCase("plans:plan_create", CREATE_PLAN),
    AccessCase("plans:plan_detail", READ, setup=_kw("plan")),
    AccessCase("plans:plan_detail", DRAFT_READ, setup=_kw("draft"), label="draft"),
    AccessCase("plans:plan_update", EDIT, setup=_kw("plan")),
    AccessCase(
        "plans:plan_update",
        everyone(403, manager=200, equity=200, other_staff=404, other_manager=404),
        setup=_kw("draft"),
        label="draft",
    ),  # fmt: skip
    AccessCase("plans:plan_history", READ, setup=_kw("plan")),
    AccessCase("plans:plan_outcome_actions", READ, setup=_kw("plan"), data=_plan_outcome),
    AccessCase("plans:plan_outcome_actions", READ, setup=_kw("plan"), label="unlinked", query="outcome=none"),
    AccessCase("plans:plan_outcome_actions", DRAFT_READ, setup=_kw("draft"), label="draft", query="outcome=none"),
    AccessCase("plans:plan_actions", READ, setup=_kw("plan")),
    AccessCase("plans:plan_actions", DRAFT_READ, setup=_kw("draft"), label="draft"),
    AccessCase(
        "plans:plan_actions",
        READ,
        setup=_kw("plan"),
        label="filtered",
        query="outcome=none&status=at_risk&sort=-due&page=999",
    ),  # fmt: skip
    AccessCase("plans:plan_export", READ, setup=_kw("plan", fmt="csv"), label="csv"),
    AccessCase("plans:plan_export", READ, setup=_kw("plan", fmt="xlsx"), label="xlsx"),
    AccessCase("plans:plan_export", everyone(404), setup=_kw("plan", fmt="pdf"), label="bad-format"),
    AccessCase("plans:plan_import", EDIT, setup=_kw("plan")),
    AccessCase(
        "plans:plan_import",
        everyone(403, manager=200, equity=200, other_staff=404, other_manager=404),
        setup=_kw("draft"),
        label="draft",
    ),
    AccessCase("plans:plan_import_map", OWN_IMPORT, setup=_pending_import),
    AccessCase(
        "plans:plan_import_map",
        everyone(403, manager=302, equity=404),
        setup=_pending_import,
        method="post",
        data=_columns,
        label="post",
    ),
    AccessCase("plans:plan_import_preview", OWN_IMPORT, setup=_pending_import),
    AccessCase(
        "plans:plan_import_preview",
        everyone(403, manager=409, equity=404),
        setup=_pending_import,
        method="post",
        data=_stale_token,
        label="stale",
    ),
    AccessCase("plans:plan_import_sample", READ, setup=lambda p: {"kind": "example", "fmt": "csv"}, label="example"),
    AccessCase("plans:plan_import_sample", READ, setup=lambda p: {"kind": "template", "fmt": "xlsx"}, label="tpl"),
    AccessCase("plans:plan_import_sample", everyone(404), setup=lambda p: {"kind": "x", "fmt": "csv"}, label="bad"),
    AccessCase("plans:result_create", EDIT, setup=_kw("plan", key="plan_pk")),
    AccessCase("plans:result_update", EDIT, setup=_kw("result")),
    AccessCase("plans:result_history", READ, setup=_kw("result")),
    AccessCase("plans:outcome_create", EDIT, setup=_kw("result", key="result_pk")),
    AccessCase("plans:outcome_update", EDIT, setup=_kw("outcome")),
    AccessCase("plans:indicator_create", EDIT, setup=_kw("result", key="result_pk")),
    AccessCase("plans:indicator_list", READ),
    AccessCase("plans:indicator_list", READ, label="search", query="q=housing&page=99"),
    AccessCase("plans:indicator_new", EQUITY_ONLY),
    AccessCase("plans:indicator_link", EDIT, setup=_kw("result", key="result_pk")),
    AccessCase("plans:indicator_link", EDIT, setup=_kw("result", key="result_pk"), label="search", query="q=x"),
    AccessCase(
        "plans:indicator_link", EDIT_POST, setup=_kw("result", key="result_pk"), method="post", data=_link, label="post"
    ),
    AccessCase(
        "plans:indicator_unlink",
        EDIT_POST,
        setup=_unlink_kw,
        method="post",
    ),
    AccessCase("plans:indicator_detail", READ, setup=_pw_indicator, label="other-dept"),
    AccessCase(
        "plans:indicator_update",
        everyone(403, other_manager=200, equity=200),
        setup=_pw_indicator,
        label="other-dept",
    ),
    AccessCase("plans:indicator_update", EQUITY_ONLY, setup=_lone_indicator, label="unused"),
    AccessCase("plans:indicator_detail", READ, setup=_kw("indicator")),
    AccessCase("plans:indicator_detail", READ, setup=_kw("indicator"), label="vs-total", query="compare=total"),
    AccessCase("plans:indicator_chart", READ, setup=_kw("indicator")),
    AccessCase("plans:indicator_update", EDIT, setup=_kw("indicator")),
    AccessCase("plans:indicator_data", EDIT, setup=_kw("indicator")),
    AccessCase("plans:indicator_upload", EDIT, setup=_kw("indicator")),
    # Someone else's pending upload is not found, even by the equity team (who may edit the indicator).
    AccessCase("plans:indicator_upload_map", everyone(403, manager=200, equity=404), setup=_pending_upload),
    AccessCase(
        "plans:indicator_upload_map",
        everyone(403, manager=302, equity=404),
        setup=_pending_upload,
        method="post",
        data=_mapping,
        label="post",
    ),
    AccessCase("plans:indicator_history", READ, setup=_kw("indicator")),
    AccessCase("plans:indicator_export", READ, setup=_kw("indicator", fmt="csv"), label="csv"),
    AccessCase("plans:indicator_export", READ, setup=_kw("indicator", fmt="xlsx"), label="xlsx"),
    AccessCase("plans:action_create", EDIT, setup=_kw("plan", key="plan_pk")),
    AccessCase("plans:action_detail", READ, setup=_kw("action")),
    AccessCase(
        "plans:action_follow",
        everyone(302),
        setup=_kw("action"),
        method="post",
        data=lambda p, kw: {"follow": "1"},
        label="post",
    ),
    AccessCase("plans:action_follow", everyone(405), setup=_kw("action")),
    AccessCase(
        "plans:action_follow",
        everyone(302, other_staff=404, other_manager=404),
        setup=_draft_action,
        method="post",
        data=lambda p, kw: {"follow": "1"},
        label="draft",
    ),
    AccessCase("plans:action_update", EDIT, setup=_kw("action")),
    AccessCase("plans:action_history", READ, setup=_kw("action")),
    AccessCase("plans:update_create", POST_UPDATE, setup=_kw("action")),
    AccessCase("plans:update_review", EDIT_POST, setup=_kw("update"), method="post"),
    AccessCase("plans:update_correct", POST_UPDATE, setup=_kw("update")),
    AccessCase(
        "plans:update_correct",
        everyone(403, staff=302, manager=302, equity=302),
        setup=_kw("update"),
        method="post",
        data=_correction,
        label="post",
    ),
    AccessCase("plans:action_cancel", EDIT, setup=_kw("action")),
    AccessCase("plans:action_cancel", EDIT_POST, setup=_kw("action"), method="post", data=_cancel, label="post"),
    AccessCase("plans:actions_bulk_edit", EDIT_POST, setup=_kw("plan"), method="post", data=_bulk),
    AccessCase("plans:milestone_create", EDIT, setup=_kw("action")),
    AccessCase("plans:milestone_update", EDIT, setup=_kw("milestone")),
    AccessCase("plans:measure_create", EDIT, setup=_kw("action")),
    AccessCase("plans:measure_point_create", EDIT, setup=_kw("measure")),
    AccessCase("plans:my_actions", READ),
    AccessCase("plans:department_tracking", READ),
    AccessCase(
        "plans:department_tracking", everyone(404), label="unknown-dept", setup=lambda p: {}, query="department=999999"
    ),  # fmt: skip
    AccessCase("plans:period_list", READ),
    AccessCase("plans:period_create", EQUITY_ONLY),
    AccessCase("plans:settings", EQUITY_ONLY),
    AccessCase("plans:group_create", EQUITY_ONLY),
    AccessCase("plans:group_update", EQUITY_ONLY, setup=_group),
    AccessCase("plans:legend_update", EQUITY_ONLY, setup=_legend),
    AccessCase(
        "plans:period_set_open",
        everyone(403, equity=302),
        setup=_kw("period"),
        method="post",
        data=lambda p, kw: {"open": "0"},
    ),
]

# The plan-structure pages (codes, co-leads, links, scales, delete): their own module to keep merges apart.
from tests.plans.access_cases_structure import STRUCTURE_CASES  # noqa: E402

CASES += STRUCTURE_CASES
