"""What the completion report adds for issue 14: who is overdue on required training, and (for the equity team,
where the city records them) completion by workforce group with small cells suppressed."""

from __future__ import annotations

from equity.models import Department, User
from training.completion import CompletionReport
from training.requirements import required_report_for_user
from training.workforce import sees_workforce_counts, workforce_tables


def required_training_context(
    *, user: User, report: CompletionReport, params: dict, with_names: bool, visible: list[Department]
) -> dict:
    """The overdue section (every viewer of the report) and the workforce counts (the equity team, one module);
    `visible`: the departments the user may see."""
    required = required_report_for_user(
        user=user, department=params["department"], with_names=with_names, visible=visible
    )
    context: dict = {"required": required}
    if sees_workforce_counts(user):
        departments = [row.department for row in report.rows]
        module = params["module"]
        if module is not None and departments:
            context["workforce_module"] = module
            context["workforce"] = workforce_tables(
                module=module, departments=departments, date_from=params["date_from"], date_to=params["date_to"]
            )
        else:
            context["workforce_hint"] = True
    return context
