"""The library's side of links shown on other apps' pages (plan actions)."""

from django import template

from library.selectors import practice_list_for_action

register = template.Library()


@register.inclusion_tag("library/_action_practices.html", takes_context=True)
def action_practices(context, action) -> dict:
    """The practices a plan action adopts, as the signed-in user may read them (one query)."""
    return {"adoptions": list(practice_list_for_action(user=context["request"].user, action=action))}
