"""Access cases for every URL of the tools app (see tests/access.py)."""

from tests.access import AccessCase, everyone
from tests.tools.conftest import answer_all_required
from tests.tools.factories import AssessmentFactory, full_template
from tools.models import Answer, Assessment, Question
from tools.services.templates import template_copy

# Drafts and reviews: the team (staff), the department's manager and the equity team; others get 404.
TEAM_ONLY = everyone(404, staff=200, manager=200, equity=200)
MANAGERS_ONLY = everyone(404, staff=403, manager=200, equity=200)
EQUITY_ONLY_404 = everyone(404, equity=200)


def _make(p, status=Assessment.Status.DRAFT, confidential=False, template=None, answered=False):
    a = AssessmentFactory(
        department=p.dept,
        lead=p.staff,
        team=[p.staff],
        status=status,
        confidential=confidential,
        template=template or full_template(),
    )
    if answered:
        answer_all_required(a, p.staff)
    return a


def _draft(p):
    return {"pk": _make(p).pk}


def _completed(p):
    return {"pk": _make(p, Assessment.Status.COMPLETED, answered=True).pk}


def _confidential(p):
    return {"pk": _make(p, Assessment.Status.COMPLETED, confidential=True).pk}


def _in_review(p):
    return {"pk": _make(p, Assessment.Status.IN_REVIEW, answered=True).pk}


def _answered_draft(p):
    return {"pk": _make(p, answered=True).pk}


def _step(p):
    return {"pk": _make(p).pk, "number": 2}


def _completed_step(p):
    return {"pk": _make(p, Assessment.Status.COMPLETED).pk, "number": 2}


def _question(p, code):
    a = _make(p)
    return {"pk": a.pk, "question_id": Question.objects.get(step__template=a.template, code=code).pk}


def _published(p):
    return {"pk": full_template().pk}


def _copy(p):
    return template_copy(template=full_template(), author=p.equity)


def _draft_template(p):
    return {"pk": _copy(p).pk}


def _draft_step(p):
    t = _copy(p)
    return {"pk": t.pk, "step_id": t.steps.get(number=1).pk}


def _draft_question(p):
    t = _copy(p)
    step = t.steps.get(number=1)
    return {"pk": t.pk, "step_id": step.pk, "question_id": step.questions.order_by("order").last().pk}


def _autosave_data(p, kw):
    return {f"q{kw['question_id']}": "Plain-language answer", f"q{kw['question_id']}_version": "0"}


def _table_autosave_data(p, kw):
    version = f"q{kw['question_id']}_version"
    return {"rows": "1", "r0-indicator": "Home ownership", "r0-value": "about 40 %", version: "0"}


def _completed_question(p, code):
    a = _make(p, Assessment.Status.COMPLETED)
    return {"pk": a.pk, "question_id": Question.objects.get(step__template=a.template, code=code).pk}


CASES = [
    AccessCase("tools:assessment_list", everyone(200)),
    AccessCase("tools:assessment_list", everyone(200), label="filters", query="scope=all&status=draft&year=2026"),
    AccessCase("tools:completed_counts", everyone(200)),
    AccessCase("tools:assessment_create", everyone(200)),
    AccessCase("tools:assessment_detail", TEAM_ONLY, setup=_draft, label="draft"),
    AccessCase("tools:assessment_detail", TEAM_ONLY, setup=_in_review, label="in_review"),
    AccessCase("tools:assessment_detail", everyone(200), setup=_completed, label="completed"),
    AccessCase("tools:assessment_detail", TEAM_ONLY, setup=_confidential, label="confidential"),
    AccessCase("tools:assessment_update", TEAM_ONLY, setup=_draft, label="draft"),
    AccessCase("tools:assessment_update", everyone(403), setup=_completed, label="completed"),
    AccessCase("tools:assessment_print", TEAM_ONLY, setup=_draft, label="draft"),
    AccessCase("tools:assessment_print", everyone(200), setup=_completed, label="completed"),
    AccessCase("tools:assessment_history", TEAM_ONLY, setup=_draft),
    AccessCase("tools:step_fill", TEAM_ONLY, setup=_step),
    AccessCase("tools:step_fill", everyone(200), setup=_completed_step, label="completed"),
    AccessCase(
        "tools:step_fill",
        everyone(403),
        setup=_completed_step,
        method="post",
        label="completed",
        data=lambda p, kw: {"x": "1"},
    ),
    AccessCase(
        "tools:step_comment",
        everyone(404, staff=302, manager=302, equity=302),
        setup=_step,
        method="post",
        data=lambda p, kw: {"body": "Please add the 2024 housing data."},
    ),
    AccessCase(
        "tools:step_comment",
        everyone(403),
        setup=_completed_step,
        method="post",
        label="completed",
        data=lambda p, kw: {"body": "Late comment."},
    ),
    AccessCase(
        "tools:answer_autosave",
        TEAM_ONLY,
        setup=lambda p: _question(p, "1.1"),
        method="post",
        data=_autosave_data,
    ),
    AccessCase("tools:table_edit", TEAM_ONLY, setup=lambda p: _question(p, "2.3")),
    AccessCase(
        "tools:table_autosave",
        TEAM_ONLY,
        setup=lambda p: _question(p, "2.3"),
        method="post",
        data=_table_autosave_data,
    ),
    AccessCase(
        "tools:table_autosave",
        everyone(403),
        setup=lambda p: _completed_question(p, "2.3"),
        method="post",
        label="completed",
        data=_table_autosave_data,
    ),
    AccessCase(
        "tools:assessment_submit",
        everyone(404, staff=302, manager=302, equity=302),
        setup=_answered_draft,
        method="post",
    ),
    AccessCase("tools:assessment_submit", everyone(403), setup=_completed, method="post", label="completed"),
    AccessCase("tools:assessment_review", MANAGERS_ONLY, setup=_in_review),
    AccessCase(
        "tools:assessment_review",
        everyone(404, staff=403, manager=302, equity=302),
        setup=_in_review,
        method="post",
        data=lambda p, kw: {"decision": "return", "note": "Add the engagement log."},
    ),
    AccessCase("tools:assessment_reopen", everyone(403, manager=200, equity=200), setup=_completed),
    AccessCase("tools:template_list", everyone(200)),
    AccessCase("tools:template_detail", everyone(200), setup=_published),
    AccessCase("tools:template_detail", EQUITY_ONLY_404, setup=_draft_template, label="draft"),
    AccessCase("tools:template_history", everyone(200), setup=_published),
    AccessCase("tools:template_update", EQUITY_ONLY_404, setup=_draft_template),
    AccessCase("tools:template_update", everyone(403), setup=_published, label="published"),
    AccessCase("tools:template_copy", everyone(403, equity=302), setup=_published, method="post"),
    AccessCase(
        "tools:template_status",
        everyone(404, equity=302),
        setup=_draft_template,
        method="post",
        data=lambda p, kw: {"status": "published"},
    ),
    AccessCase("tools:step_create", EQUITY_ONLY_404, setup=_draft_template),
    AccessCase("tools:step_update", EQUITY_ONLY_404, setup=_draft_step),
    AccessCase("tools:question_create", EQUITY_ONLY_404, setup=_draft_step),
    AccessCase("tools:question_update", EQUITY_ONLY_404, setup=_draft_question),
    AccessCase(
        "tools:question_action",
        everyone(404, equity=302),
        setup=_draft_question,
        method="post",
        data=lambda p, kw: {"action": "up"},
    ),
]


def _link(p):
    from tests.plans.factories import ActionFactory, PlanFactory
    from tools.services.links import action_link_existing

    a = _make(p)
    action = ActionFactory(plan=PlanFactory(departments=[p.dept]), lead_department=p.dept)
    return {"pk": a.pk, "link_id": action_link_existing(assessment=a, action=action, author=p.staff).pk}


CASES += [
    AccessCase("tools:action_link", TEAM_ONLY, setup=_draft),
    AccessCase(
        "tools:action_link", everyone(403, staff=200, manager=200, equity=200), setup=_completed, label="completed"
    ),
    AccessCase("tools:action_unlink", everyone(404, staff=302, manager=302, equity=302), setup=_link, method="post"),
]


def _data_table(p, status=Assessment.Status.DRAFT):
    """A worksheet whose table 2.3 has data by race, and an indicator a Community Development plan uses."""
    from plans.models import Indicator
    from tests.plans.factories import IndicatorFactory, PlanFactory, ResultFactory

    a = _make(p, status)
    question = Question.objects.get(step__template=a.template, code="2.3")
    rows = [{"group": "Asian", "value": "52"}, {"group": "Black or African American", "value": "24"}]
    Answer.objects.create(assessment=a, question=question, value=rows, version=1)
    if not Indicator.objects.filter(name="Matrix homeownership").exists():
        IndicatorFactory(name="Matrix homeownership", result=ResultFactory(plan=PlanFactory(departments=[p.dept])))
    return {"pk": a.pk, "question_id": question.pk}


def _send_data(p, kw):
    from plans.models import Indicator

    indicator = Indicator.objects.get(name="Matrix homeownership")
    return {
        "indicator": indicator.pk,
        "year": "2024",
        "column": "value",
        "answer_version": "1",
        "version": str(indicator.version),
        "step": "send",
    }


def _public_works_action(p):
    from tests.plans.factories import ActionFactory, PlanFactory

    ActionFactory(
        plan=PlanFactory(departments=[p.other_dept]), lead_department=p.other_dept, title="Matrix sidewalk repair"
    )
    return _draft(p)


def _link_public_works(p, kw):
    from plans.models import Action

    return {"form": "link", "action": Action.objects.get(title="Matrix sidewalk repair").pk}


VISIBLE_NOT_TEAM_403 = everyone(403, staff=200, manager=200, equity=200)

CASES += [
    AccessCase("tools:table_send", TEAM_ONLY, setup=_data_table),
    AccessCase(
        "tools:table_send",
        VISIBLE_NOT_TEAM_403,
        setup=lambda p: _data_table(p, Assessment.Status.COMPLETED),
        label="completed",
    ),
    # Staff may open the page but edit no indicator: the one posted is not a choice (400, nothing saved).
    AccessCase(
        "tools:table_send",
        everyone(404, staff=400, manager=302, equity=302),
        setup=_data_table,
        method="post",
        data=_send_data,
    ),
    # Another department's action: the equity team links it (city-wide); the team's staff and manager get the form
    # back (the action is not among their choices); other departments do not see the draft.
    AccessCase(
        "tools:action_link",
        everyone(404, staff=200, manager=200, equity=302),
        setup=_public_works_action,
        method="post",
        data=_link_public_works,
        label="other-department-action",
    ),
]
