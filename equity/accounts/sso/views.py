"""The equity team's pages for the mapping table (/people/groups/): list, add, change, remove, history."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from equity import permissions
from equity.accounts.sso.forms import ConfirmDeleteForm, GroupMappingFilterForm, GroupMappingForm
from equity.accounts.sso.mappings import (
    group_mapping_create,
    group_mapping_delete,
    group_mapping_list_for_user,
    group_mapping_update,
)
from equity.audit import HistoryView
from equity.pagination import page_of
from equity.views.shortcuts import add_service_errors, require


def _status(form: forms.BaseForm) -> int:
    return 409 if form.has_error("__all__", "stale") else 200


@login_required
def group_mapping_list_view(request):
    require(permissions.can_manage_users(request.user))
    filters = GroupMappingFilterForm(request.GET or None)
    params = filters.cleaned_data if filters.is_valid() else {}
    mappings = group_mapping_list_for_user(
        user=request.user,
        search=params.get("q", ""),
        department=params.get("department"),
        role=params.get("role", ""),
    )
    context = {"page_obj": page_of(request, mappings), "filters": filters}
    return render(request, "accounts/groups/mapping_list.html", context)


@login_required
def group_mapping_form_view(request, pk: int | None = None):
    require(permissions.can_manage_users(request.user))
    mapping = get_object_or_404(group_mapping_list_for_user(user=request.user), pk=pk) if pk else None
    form = GroupMappingForm(request.POST or None, instance=mapping)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in ("group", "department", "role", "note")}
        try:
            if mapping is None:
                saved = group_mapping_create(author=request.user, **data)
            else:
                revision = form.cleaned_data["revision"]
                saved = group_mapping_update(author=request.user, mapping=mapping, revision=revision, **data)
        except ValidationError as exc:
            add_service_errors(form, exc)  # type: ignore[arg-type]  # a ModelForm is a form too
        else:
            messages.success(request, _("The mapping for %(group)s has been saved.") % {"group": saved.group})
            return redirect("group_mapping_list")
    context = {"form": form, "mapping": mapping}
    return render(request, "accounts/groups/mapping_form.html", context, status=_status(form))


@login_required
def group_mapping_delete_view(request, pk: int):
    require(permissions.can_manage_users(request.user))
    mapping = get_object_or_404(group_mapping_list_for_user(user=request.user), pk=pk)
    form = ConfirmDeleteForm(request.POST or None, initial={"revision": mapping.revision})
    if request.method == "POST" and form.is_valid():
        try:
            group_mapping_delete(author=request.user, mapping=mapping, revision=form.cleaned_data["revision"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The mapping for %(group)s has been removed.") % {"group": mapping.group})
            return redirect("group_mapping_list")
    context = {"form": form, "mapping": mapping}
    return render(request, "accounts/groups/mapping_confirm_delete.html", context, status=_status(form))


class GroupMappingHistoryView(HistoryView):
    hidden_fields = ("revision",)

    def get_queryset(self):
        require(permissions.can_manage_users(self.request.user))
        return group_mapping_list_for_user(user=self.request.user)
