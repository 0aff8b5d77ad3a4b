"""Template helpers of the training app."""

from django import template

from training.permissions import (
    can_log_session,
    can_manage_requirements,
    can_view_certification_requests,
    can_view_completion,
)

register = template.Library()


@register.simple_tag(takes_context=True)
def training_nav(context) -> dict:
    """Which training sub-navigation entries the signed-in user gets (decided by training.permissions)."""
    user = context["request"].user
    return {
        "report": can_view_completion(user),
        "log": can_log_session(user),
        "requirements": can_manage_requirements(user),
        "requests": can_view_certification_requests(user),
    }
