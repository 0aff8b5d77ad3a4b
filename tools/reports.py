"""Report kinds of the tools app: "worksheet", an equity tool assessment with all steps, answers and tables, the
review and sign-off, and the linked plan actions; marked "Draft" unless the assessment is completed."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from reports.kinds import ReportKind, register
from reports.models import ReportJob
from tools.links import action_links_for_assessment
from tools.models import Assessment
from tools.selectors import assessment_list_for_user, assessment_reviews, assessment_steps


def _context(job: ReportJob, assessment: Assessment) -> dict:
    return {
        "assessment": assessment,
        "steps": assessment_steps(assessment=assessment),
        "team": list(assessment.team.all()),
        "reviews": list(assessment_reviews(assessment=assessment)),
        "action_links": action_links_for_assessment(assessment=assessment),
        "can_link": False,  # a document carries no buttons
        "is_draft": assessment.status != Assessment.Status.COMPLETED,
    }


WORKSHEET = register(
    ReportKind(
        code="worksheet",
        label=gettext_lazy("Equity tool worksheet"),
        description=gettext_lazy("An assessment with every step and answer, its review and the linked plan actions."),
        template="reports/pdf/worksheet.html",
        target_label=gettext_lazy("Assessment"),
        targets_for_user=lambda user: assessment_list_for_user(user=user),
        title=lambda assessment, params: _("Equity tool worksheet: %(title)s") % {"title": assessment.title},
        build_context=_context,
        department_of=lambda assessment: assessment.department,
        order=40,
    )
)
