"""The person's own security page: second factors, active sessions, recent sign-ins, the city account."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from equity.accounts.factors import factors_for_user
from equity.accounts.history import recent_sign_ins_for_user
from equity.accounts.sessions import sessions_for_user
from equity.accounts.sso.identity import identity_for_user


@login_required
def security_view(request):
    """/account/security/: everything about how this person signs in, and the means to change it."""
    context = {
        "factors": factors_for_user(user=request.user),
        "sessions": sessions_for_user(user=request.user, request=request),
        "sign_ins": recent_sign_ins_for_user(user=request.user),
        "identity": identity_for_user(user=request.user),
    }
    return render(request, "accounts/security.html", context)
