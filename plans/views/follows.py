"""Following an action (a button on its page): anyone who can see the action may follow it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from plans.selectors import action_list_for_user
from plans.services.follows import action_follow_set


@login_required
@require_POST
def action_follow_view(request, pk: int):
    action = get_object_or_404(action_list_for_user(user=request.user), pk=pk)  # out of sight: 404
    following = action_follow_set(user=request.user, action=action, follow=request.POST.get("follow") == "1")
    if following:
        messages.success(request, _("You follow this action: you will hear about each progress update."))
    else:
        messages.success(request, _("You no longer follow this action."))
    return redirect("plans:action_detail", pk=action.pk)
