"""The library's side of links shown on other apps' pages (plan actions, equity tool assessments)."""

from django import template

from library.selectors import practice_list_for_action, practice_list_for_assessment

register = template.Library()


@register.inclusion_tag("library/_action_practices.html", takes_context=True)
def action_practices(context, action) -> dict:
    """The practices a plan action adopts, as the signed-in user may read them (one query)."""
    return {"adoptions": list(practice_list_for_action(user=context["request"].user, action=action))}


@register.inclusion_tag("library/_assessment_practices.html", takes_context=True)
def assessment_practices(context, assessment) -> dict:
    """The practices an equity tool assessment draws strategies from, as the user may read them (one query)."""
    return {"strategies": list(practice_list_for_assessment(user=context["request"].user, assessment=assessment))}
