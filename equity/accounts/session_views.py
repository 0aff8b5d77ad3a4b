"""Ending sessions: a person's other sessions from their security page; the equity team's "sign out everywhere"."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from equity import permissions
from equity.accounts.session_services import session_end, sessions_end_others, user_sign_out_everywhere
from equity.accounts.sessions import live_user_sessions, sessions_for_user
from equity.selectors import user_list_for_user


@login_required
@require_POST
def session_end_view(request, pk: int):
    """Sign out one of my other sessions; anyone else's session (or this one) is not found."""
    others = live_user_sessions(user=request.user).exclude(session_key=request.session.session_key)
    session_end(session=get_object_or_404(others, pk=pk), user=request.user, request=request)
    messages.success(request, _("That session has been signed out."))
    return redirect("account_security")


@login_required
@require_POST
def sessions_end_others_view(request):
    """Sign out every session but this one."""
    count = sessions_end_others(user=request.user, request=request)
    messages.success(request, _("You have been signed out everywhere else (%(count)d sessions).") % {"count": count})
    return redirect("account_security")


@login_required
def user_sign_out_view(request, pk: int):
    """The equity team's "sign this person out everywhere": a confirmation page, then the POST that does it."""
    if not permissions.can_manage_users(request.user):
        raise PermissionDenied
    target = get_object_or_404(user_list_for_user(user=request.user), pk=pk)
    if request.method == "POST":
        user_sign_out_everywhere(user=target, author=request.user)
        messages.success(request, _("%(name)s has been signed out everywhere.") % {"name": target.display_name})
        return redirect("user_update", pk=target.pk)
    sessions = sessions_for_user(user=target)
    return render(request, "accounts/people/sign_out_confirm.html", {"target": target, "sessions": sessions})
