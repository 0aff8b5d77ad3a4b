"""Values every page's shell needs."""

from django.conf import settings

from equity import permissions


def portal(request):
    """The city name and which navigation entries the user may see."""
    user = getattr(request, "user", None)
    return {
        "CITY_NAME": settings.CITY_NAME,
        "nav_show_admin": bool(user and permissions.is_equity_team(user)),
    }
