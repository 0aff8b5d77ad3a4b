"""Template helpers shared by every app's pages."""

from django import template
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import get_script_prefix, get_urlconf
from django.utils import translation

from equity.contributions import page_sections
from equity.i18n.numbers import percent_format
from equity.markup import format_html

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


@register.simple_tag
def badge(label: str, tone: str = "secondary") -> str:
    """A status shown as a badge, text always (the markup of includes/_status_badge.html). A tag rather than that
    include where lists and roll-ups render it hundreds of times a page: it costs a fraction of an include."""
    return format_html('<span class="badge status-badge text-bg-{}">{}</span>', tone or "secondary", label)


_ADMIN_MENUS: dict[tuple[str, str, str], str] = {}  # rendered templates: safe strings


@register.simple_tag(takes_context=True)
def admin_menu(context) -> str:
    """The shell's Admin menu (includes/_nav_admin.html), rendered once per language, URL prefix and URL
    configuration in each process and kept: it is static links and translated words, the same for every member of
    the equity team (the "nav.admin" sections depend on no one), and rendering its dozen entries cost 0.6 ms of every
    page they saw."""
    key = (translation.get_language() or "", get_script_prefix(), str(get_urlconf() or settings.ROOT_URLCONF))
    menu = _ADMIN_MENUS.get(key)
    if menu is None:
        sections = page_sections(slot="nav.admin", user=context.get("user"), obj=None)
        menu = _ADMIN_MENUS[key] = render_to_string("includes/_nav_admin.html", {"sections": sections})
    return menu
