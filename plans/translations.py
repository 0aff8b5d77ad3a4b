"""The plans records whose published text is translated (equity.contributions.TRANSLATABLE): plans' titles and
statements, results, outcomes, actions' public text, and indicators' names, definitions and stories. Public text
only: never barriers, cost, staff time, partners or internal notes (the public snapshot never copies them either)."""

from __future__ import annotations

from django.urls import reverse

from equity.contributions import TRANSLATABLE, TranslatableRecord
from plans.models import Action, Indicator, Outcome, Plan, Result
from plans.permissions import can_edit_action, can_edit_indicator, can_edit_plan
from plans.selectors import action_list_for_user, plan_list_for_user
from plans.selectors_indicators import indicator_list_for_user


def _plan_url(plan_id: int, anchor: str = "") -> str:
    return reverse("plans:plan_detail", args=[plan_id]) + (f"#{anchor}" if anchor else "")


def _results(user):
    return Result.objects.select_related("plan").filter(plan__in=plan_list_for_user(user=user).values("pk"))


def _outcomes(user):
    return Outcome.objects.select_related("result__plan").filter(
        result__plan__in=plan_list_for_user(user=user).values("pk")
    )


@TRANSLATABLE.register(order=10)
def plans_translatable_records() -> list[TranslatableRecord]:
    """Plans, results and outcomes: whoever may edit the plan; actions: the action's editors; indicators: theirs."""
    return [
        TranslatableRecord(
            model=Plan,
            fields=("title", "narrative"),
            visible=lambda user: plan_list_for_user(user=user),
            can_edit=can_edit_plan,
            detail_url=lambda plan: _plan_url(plan.pk),
        ),
        TranslatableRecord(
            model=Result,
            fields=("statement", "description"),
            visible=_results,
            can_edit=lambda user, result: can_edit_plan(user, result.plan),
            detail_url=lambda result: _plan_url(result.plan_id),
        ),
        TranslatableRecord(
            model=Outcome,
            fields=("statement",),
            visible=_outcomes,
            can_edit=lambda user, outcome: can_edit_plan(user, outcome.result.plan),
            detail_url=lambda outcome: _plan_url(outcome.result.plan_id),
        ),
        TranslatableRecord(
            model=Action,
            fields=("title", "description", "measure_of_success", "timeline"),
            visible=lambda user: action_list_for_user(user=user),
            can_edit=can_edit_action,
            detail_url=lambda action: reverse("plans:action_detail", args=[action.pk]),
        ),
        TranslatableRecord(
            model=Indicator,
            fields=("name", "definition", "story"),
            visible=lambda user: indicator_list_for_user(user=user),
            can_edit=can_edit_indicator,
            detail_url=lambda indicator: reverse("plans:indicator_detail", args=[indicator.pk]),
        ),
    ]
