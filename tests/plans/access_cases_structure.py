"""Access cases of the plan-structure pages (plans.views.structure), added to tests/plans/access_cases.CASES.

Deleting, links and the action's co-leads follow the action or plan edit rights; scale levels are the equity team's.
A member of a department that co-leads an action reads it even in another department's draft plan (ADR 0035).
"""

from tests.access import AccessCase, everyone
from tests.plans.conftest import build_world

READ = everyone(200)
DRAFT_READ = everyone(200, other_staff=404, other_manager=404)
EDIT = everyone(403, manager=200, equity=200)
EDIT_POST = everyone(403, manager=302, equity=302)
EQUITY_ONLY = everyone(403, equity=200)


def _world(attr: str):
    def setup(p):
        return {"pk": getattr(build_world(p), attr).pk}

    return setup


def _empty_result(p):
    from tests.plans.factories import ResultFactory

    return {"pk": ResultFactory(plan=build_world(p).plan).pk}


def _empty_outcome(p):
    from tests.plans.factories import OutcomeFactory

    return {"pk": OutcomeFactory(result=build_world(p).result).pk}


def _new_action(p):
    from tests.plans.factories import ActionFactory

    return {"pk": ActionFactory(plan=build_world(p).plan, lead_department=p.dept).pk}


def _draft_action(co_led: bool):
    def setup(p):
        from tests.plans.factories import ActionFactory

        action = ActionFactory(plan=build_world(p).draft, lead_department=p.dept)
        if co_led:
            action.co_lead_departments.add(p.other_dept)
        return {"pk": action.pk}

    return setup


def _link(p):
    from plans.models import ActionLink

    link = ActionLink.objects.create(action=build_world(p).action, url="https://example.org/a", label="Report")
    return {"pk": link.pk}


def _level(p):
    from plans.models import ScaleLevel

    return {"pk": ScaleLevel.objects.create(kind="priority", label="Level 9", order=9).pk}


STRUCTURE_CASES = [
    AccessCase("plans:result_delete", EDIT, setup=_world("result"), label="has-outcomes"),
    AccessCase("plans:result_delete", EDIT_POST, setup=_empty_result, method="post", data=lambda p, kw: {}),
    AccessCase("plans:outcome_delete", EDIT, setup=_world("outcome"), label="has-actions"),
    AccessCase("plans:outcome_delete", EDIT_POST, setup=_empty_outcome, method="post", data=lambda p, kw: {}),
    AccessCase("plans:action_delete", EDIT, setup=_world("action"), label="has-updates"),
    AccessCase("plans:action_delete", EDIT, setup=_new_action, label="new"),
    AccessCase("plans:action_delete", EDIT_POST, setup=_new_action, method="post", data=lambda p, kw: {}),
    AccessCase(
        "plans:action_delete",
        everyone(403, manager=200, equity=200, other_staff=404, other_manager=404),
        setup=_draft_action(co_led=False),
        label="draft",
    ),
    AccessCase("plans:action_detail", DRAFT_READ, setup=_draft_action(co_led=False), label="draft"),
    AccessCase("plans:action_detail", READ, setup=_draft_action(co_led=True), label="draft-co-led"),
    AccessCase("plans:action_links", EDIT, setup=_world("action")),
    AccessCase(
        "plans:action_links",
        EDIT_POST,
        setup=_world("action"),
        method="post",
        data=lambda p, kw: {"label": "Council resolution", "url": "https://example.org/r"},
        label="post",
    ),
    AccessCase("plans:action_link_remove", EDIT_POST, setup=_link, method="post"),
    AccessCase("plans:scale_level_create", EQUITY_ONLY, setup=lambda p: {"kind": "priority"}),
    AccessCase("plans:scale_level_create", everyone(403, equity=404), setup=lambda p: {"kind": "x"}, label="bad"),
    AccessCase("plans:scale_level_update", EQUITY_ONLY, setup=_level),
    AccessCase("plans:scale_level_delete", everyone(403, equity=302), setup=_level, method="post"),
]
