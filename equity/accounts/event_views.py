"""The equity team's page of every security event (sign-ins, failures, factor changes, ended sessions)."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from equity import permissions
from equity.accounts.event_filters import SecurityEventFilterForm
from equity.accounts.history import security_event_list_for_user
from equity.pagination import page_of


@login_required
def security_event_list_view(request):
    """/people/security-events/: filtered by person, username, event and dates; invalid filters are shown, unused."""
    if not permissions.can_manage_users(request.user):
        raise PermissionDenied
    filters = SecurityEventFilterForm(request.GET or None)
    params = filters.cleaned_data if filters.is_valid() else {}
    events = security_event_list_for_user(
        user=request.user,
        person=params.get("person"),
        username=params.get("username", ""),
        kind=params.get("kind", ""),
        since=params.get("since"),
        until=params.get("until"),
    )
    context = {
        "page_obj": page_of(request, events),
        "filters": filters,
        "person": params.get("person"),
        "keep_days": settings.SECURITY_EVENTS_KEEP_DAYS,
    }
    return render(request, "accounts/events.html", context)
