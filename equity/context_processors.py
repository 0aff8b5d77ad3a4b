"""Values every page's shell needs."""

from django.conf import settings
from django.http import HttpRequest

from equity import permissions
from equity.contributions import page_sections


def portal(request: HttpRequest) -> dict:
    """The city name and the navigation entries the user may see: each app contributes its own (PAGE_SECTIONS
    slots "nav" and "nav.admin", in the apps' order), so the shell names no app."""
    user = getattr(request, "user", None)
    show_admin = bool(user and permissions.is_equity_team(user))
    return {
        "CITY_NAME": settings.CITY_NAME,
        "WORKFORCE_ATTRIBUTES": settings.WORKFORCE_ATTRIBUTES,
        "nav_show_admin": show_admin,
        "nav_sections": page_sections(slot="nav", user=user, obj=None),
        "nav_admin_sections": page_sections(slot="nav.admin", user=user, obj=None) if show_admin else [],
    }
