"""Second-factor pages of the portal's own: allauth's MFA overview sends people to /account/security/, and the
equity team's reset of a person's factors (a lost device)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from equity import permissions
from equity.accounts.factor_reset import factors_reset
from equity.accounts.factors import factors_for_user
from equity.selectors import user_list_for_user


@login_required
def mfa_index_view(request):
    """allauth's MFA overview (/accounts/2fa/): the portal shows the factors on /account/security/."""
    return redirect("account_security")


@login_required
def factors_reset_view(request, pk: int):
    """GET: what the reset removes, and a confirmation; POST: reset the person's factors (equity team only)."""
    if not permissions.can_manage_users(request.user):
        raise PermissionDenied
    target = get_object_or_404(user_list_for_user(user=request.user), pk=pk)
    if request.method == "POST":
        try:
            removed = factors_reset(user=target, author=request.user, request=request)
        except ValidationError as exc:
            messages.error(request, exc.messages[0])
        else:
            text = _(
                "The second factors of %(name)s have been reset (%(count)s removed) and they have been signed out."
            )
            messages.success(request, text % {"name": target.display_name, "count": removed})
        return redirect("user_update", pk=target.pk)
    context = {"target": target, "factors": factors_for_user(user=target)}
    return render(request, "accounts/people/factors_reset_confirm.html", context)
