"""What the completion report adds for issue 14: who is overdue on required training, and (for the equity team,
where the city records them) completion by workforce group with small cells suppressed."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.db.models import Q
from django.utils import timezone

from equity.models import Department, User
from training.completion import CompletionReport
from training.models import TrainingRequirement
from training.requirements import required_conditions_for, required_report_for_user, requirements_in_effect
from training.workforce import sees_workforce_counts, workforce_tables


@dataclass(frozen=True)
class RequiredInputs:
    """What the overdue section reads before the report: the requirements in effect today and, city-wide (no
    names), the conditions it counts, which the report's grouped queries count with their own figures (for the
    report's `people_conditions`: two aggregate queries fewer)."""

    today: date
    requirements: list[TrainingRequirement]
    conditions: Callable[[str], dict[str, Q]] | None


def required_inputs(*, with_names: bool) -> RequiredInputs:
    today = timezone.localdate()
    requirements = requirements_in_effect(on=today)
    counted = not with_names and bool(requirements)
    conditions = required_conditions_for(requirements=requirements, today=today) if counted else None
    return RequiredInputs(today=today, requirements=requirements, conditions=conditions)


def required_training_context(
    *,
    user: User,
    report: CompletionReport,
    params: dict,
    with_names: bool,
    visible: list[Department],
    inputs: RequiredInputs | None = None,
) -> dict:
    """The overdue section (every viewer of the report) and the workforce counts (the equity team, one module);
    `visible`: the departments the user may see; `inputs`: `required_inputs`, read before the report."""
    inputs = inputs or required_inputs(with_names=with_names)
    required = required_report_for_user(
        user=user, department=params["department"], with_names=with_names, visible=visible, today=inputs.today,
        requirements=inputs.requirements, counted=report.people_meeting,
    )  # fmt: skip
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
