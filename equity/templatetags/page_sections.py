"""`{% page_section section %}`: render a section another app contributed (equity.contributions.PageSection)."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def page_section(context, section) -> str:
    """The section's template rendered with its own context only, like an inclusion tag (the CSRF token is kept)."""
    new_context = context.new(section.context)
    csrf_token = context.get("csrf_token")
    if csrf_token is not None:
        new_context["csrf_token"] = csrf_token
    return context.template.engine.get_template(section.template).render(new_context)
