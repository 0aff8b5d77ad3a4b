"""Values every page's shell needs."""

from django.conf import settings
from django.http import HttpRequest

from equity import permissions
from equity.contributions import page_sections


def portal(request: HttpRequest) -> dict:
    """The city name and the navigation entries the user may see: each app contributes its own (PAGE_SECTIONS
    slot "nav", in the apps' order), so the shell names no app. The equity team's Admin menu (slot "nav.admin") is
    the `admin_menu` tag's."""
    user = getattr(request, "user", None)
    show_admin = bool(user and permissions.is_equity_team(user))
    return {
        "CITY_NAME": settings.CITY_NAME,
        "WORKFORCE_ATTRIBUTES": settings.WORKFORCE_ATTRIBUTES,
        "nav_show_admin": show_admin,
        "nav_sections": page_sections(slot="nav", user=user, obj=None),
    }
