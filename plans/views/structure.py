"""Pages of a plan's structure: delete confirmations (results, outcomes, actions), an action's links, scale levels."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from equity.views.shortcuts import add_service_errors, require
from plans.forms.structure import ActionLinkForm, DeleteForm, ScaleLevelForm
from plans.models import ActionLink, Outcome, Result, ScaleLevel
from plans.permissions import can_delete_action, can_delete_from_plan, can_edit_action, can_manage_scales
from plans.selectors import action_list_for_user, plan_list_for_user
from plans.services.deletion import (
    action_delete,
    action_delete_refusal,
    outcome_delete,
    outcome_delete_refusal,
    result_delete,
    result_delete_refusal,
)
from plans.services.structure import action_link_add, action_link_remove, scale_level_delete, scale_level_save


def _confirm(request, *, obj, kind: str, refusal: str, delete, plan, back: str):
    """The delete confirmation page (GET) and the delete (POST); a refusal is shown and nothing is deleted."""
    data = request.POST if request.method == "POST" else None  # an empty POST still confirms
    form = DeleteForm(data, initial={"version": getattr(obj, "version", None)})
    if request.method == "POST" and form.is_valid() and not refusal:
        try:
            delete(form.cleaned_data.get("version"))
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Deleted. The history keeps a copy of it."))
            return redirect("plans:plan_detail", pk=plan.pk)
    context = {"obj": obj, "kind": kind, "refusal": refusal, "form": form, "plan": plan, "back": back}
    refused_post = bool(refusal) and request.method == "POST"
    status = 409 if form.has_error("__all__", "stale") else 400 if (form.errors or refused_post) else 200
    return render(request, "plans/delete_confirm.html", context, status=status)


@login_required
def action_delete_view(request, pk: int):
    action = get_object_or_404(action_list_for_user(user=request.user), pk=pk)
    require(can_delete_action(request.user, action))
    return _confirm(
        request,
        obj=action,
        kind=_("action"),
        refusal=action_delete_refusal(action),
        delete=lambda version: action_delete(author=request.user, action=action, version=version),
        plan=action.plan,
        back=reverse("plans:action_detail", args=[action.pk]),
    )


@login_required
def outcome_delete_view(request, pk: int):
    visible = Outcome.objects.select_related("result__plan").filter(
        result__plan__in=plan_list_for_user(user=request.user)
    )
    outcome = get_object_or_404(visible, pk=pk)
    plan = outcome.result.plan
    require(can_delete_from_plan(request.user, plan))
    return _confirm(
        request,
        obj=outcome,
        kind=_("outcome"),
        refusal=outcome_delete_refusal(outcome),
        delete=lambda version: outcome_delete(author=request.user, outcome=outcome),
        plan=plan,
        back=reverse("plans:plan_detail", args=[plan.pk]) + f"#result-{outcome.result_id}",
    )


@login_required
def result_delete_view(request, pk: int):
    result = get_object_or_404(
        Result.objects.select_related("plan").filter(plan__in=plan_list_for_user(user=request.user)), pk=pk
    )
    require(can_delete_from_plan(request.user, result.plan))
    return _confirm(
        request,
        obj=result,
        kind=_("result"),
        refusal=result_delete_refusal(result),
        delete=lambda version: result_delete(author=request.user, result=result),
        plan=result.plan,
        back=reverse("plans:plan_detail", args=[result.plan_id]) + f"#result-{result.pk}",
    )


@login_required
def action_links_view(request, pk: int):
    """An action's links: the list with remove buttons, and a form to add one."""
    action = get_object_or_404(action_list_for_user(user=request.user), pk=pk)
    require(can_edit_action(request.user, action))
    form = ActionLinkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            action_link_add(author=request.user, action=action, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The link was added."))
            return redirect("plans:action_links", pk=action.pk)
    context = {"action": action, "plan": action.plan, "links": list(action.links.all()), "form": form}
    return render(request, "plans/action_links.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def action_link_remove_view(request, pk: int):
    link = get_object_or_404(
        ActionLink.objects.select_related("action").filter(action__in=action_list_for_user(user=request.user)), pk=pk
    )
    require(can_edit_action(request.user, link.action))
    action_link_remove(author=request.user, link=link)
    messages.success(request, _("The link was removed."))
    return redirect("plans:action_links", pk=link.action_id)


def _level_form(request, *, form, heading: str):
    if request.method == "POST" and form.is_valid():
        try:
            scale_level_save(author=request.user, level=form.instance)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("plans:settings")
    context = {"form": form, "heading": heading}
    return render(request, "plans/settings_form.html", context, status=400 if form.errors else 200)


@login_required
def scale_level_create_view(request, kind: str):
    require(can_manage_scales(request.user))
    if kind not in ScaleLevel.Kind.values:
        raise Http404
    form = ScaleLevelForm(request.POST or None, instance=ScaleLevel(kind=kind))
    heading = _("Add a level to the scale “%(scale)s”") % {"scale": ScaleLevel.Kind(kind).label}
    return _level_form(request, form=form, heading=heading)


@login_required
def scale_level_update_view(request, pk: int):
    require(can_manage_scales(request.user))
    level = get_object_or_404(ScaleLevel, pk=pk)
    form = ScaleLevelForm(request.POST or None, instance=level)
    return _level_form(request, form=form, heading=_("Edit level “%(label)s”") % {"label": level.label})


@login_required
@require_POST
def scale_level_delete_view(request, pk: int):
    require(can_manage_scales(request.user))
    level = get_object_or_404(ScaleLevel, pk=pk)
    try:
        scale_level_delete(author=request.user, level=level)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, _("The level was removed."))
    return redirect("plans:settings")
