"""Template helpers shared by every app's pages."""

from django import template

from equity.i18n.numbers import percent_format

register = template.Library()


@register.simple_tag(takes_context=True)
def query_replace(context, **kwargs) -> str:
    """The current query string with some parameters replaced (pagination keeps the filters)."""
    query = context["request"].GET.copy()
    for key, value in kwargs.items():
        query[key] = value
    return query.urlencode()


@register.filter
def percent(value, places=None) -> str:
    """A percentage in the active language's way: `{{ share|percent }}` → "20%" (English), "20 %" (Spanish, a
    no-break space); `{{ x|percent:1 }}` with one decimal ("12,5 %"). equity.i18n.numbers."""
    return percent_format(value, None if places in (None, "") else int(places))
