"""The "From racial equity assessments" section that other apps' pages (the plan action page) include."""

from __future__ import annotations

from django import template

from tools.links import assessment_list_for_action

register = template.Library()


@register.inclusion_tag("tools/_action_assessments.html", takes_context=True)
def action_assessments(context, action) -> dict:
    """The assessments a plan action came from, limited to those the viewer may see (one query)."""
    return {"assessments": list(assessment_list_for_action(user=context["request"].user, action=action))}
