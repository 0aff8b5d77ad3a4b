"""Curriculum modules and the facilitator roster."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from equity.audit import HistoryView
from equity.pagination import page_of
from equity.views.shortcuts import add_service_errors, require
from training.forms import FacilitatorForm, ModuleForm
from training.models import Facilitator, Module
from training.permissions import can_edit_curriculum, can_manage_facilitators
from training.selectors import facilitator_list_for_user, module_list_for_user, session_list_for_user
from training.services import facilitator_save, module_save


@login_required
def module_list_view(request):
    """The curriculum: every module with its tier, length and who must take it."""
    modules = module_list_for_user(user=request.user, include_inactive=True).order_by("tier", "title")
    return render(
        request,
        "training/module_list.html",
        {"modules": modules, "can_edit": can_edit_curriculum(request.user)},
    )


@login_required
def module_detail_view(request, pk: int):
    module = get_object_or_404(module_list_for_user(user=request.user, include_inactive=True), pk=pk)
    facilitators = module.facilitators.filter(is_active=True).select_related("user").order_by("user__full_name")
    sessions = session_list_for_user(user=request.user, module=module)[:10]
    return render(
        request,
        "training/module_detail.html",
        {
            "module": module,
            "facilitators": facilitators,
            "sessions": sessions,
            "can_edit": can_edit_curriculum(request.user),
        },
    )


@login_required
def module_form_view(request, pk: int | None = None):
    require(can_edit_curriculum(request.user))
    module = (
        get_object_or_404(module_list_for_user(user=request.user, include_inactive=True), pk=pk) if pk else Module()
    )
    form = ModuleForm(request.POST or None, instance=module)
    if request.method == "POST" and form.is_valid():
        try:
            module_save(
                author=request.user, module=form.save(commit=False), expected_revision=form.cleaned_data["revision"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Module %(title)s has been saved.") % {"title": module.title})
            return redirect("training:module_detail", pk=module.pk)
    return render(request, "training/module_form.html", {"form": form, "module": module})


class ModuleHistoryView(HistoryView):
    def get_queryset(self):
        if not can_edit_curriculum(self.request.user):
            raise PermissionDenied
        return module_list_for_user(user=self.request.user, include_inactive=True)


@login_required
def facilitator_list_view(request):
    """Trained facilitators: status, train-the-trainer date, modules certified and sessions delivered (paginated)."""
    page = page_of(request, facilitator_list_for_user(user=request.user))
    return render(
        request,
        "training/facilitator_list.html",
        {"page_obj": page, "can_edit": can_manage_facilitators(request.user)},
    )


@login_required
def facilitator_form_view(request, pk: int | None = None):
    require(can_manage_facilitators(request.user))
    facilitator = get_object_or_404(facilitator_list_for_user(user=request.user), pk=pk) if pk else Facilitator()
    form = FacilitatorForm(request.POST or None, instance=facilitator)
    if request.method == "POST" and form.is_valid():
        try:
            facilitator_save(
                author=request.user,
                facilitator=form.save(commit=False),
                modules=form.cleaned_data["modules"],
                expected_revision=form.cleaned_data["revision"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("%(name)s has been saved.") % {"name": facilitator})
            return redirect("training:facilitator_list")
    return render(request, "training/facilitator_form.html", {"form": form, "facilitator": facilitator})


class FacilitatorHistoryView(HistoryView):
    def get_queryset(self):
        if not can_manage_facilitators(self.request.user):
            raise PermissionDenied
        return facilitator_list_for_user(user=self.request.user)
