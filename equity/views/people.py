"""The equity team's pages to manage users and departments."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from equity import permissions
from equity.accounts.sso.sources import access_by_source_for_user, hand_given_initial
from equity.audit import HistoryView
from equity.forms import DepartmentForm, UserFilterForm, UserForm
from equity.models import Department, User
from equity.pagination import page_of
from equity.selectors import department_list_for_user, user_list_for_user
from equity.services import department_save, user_create, user_invite_send, user_set_active, user_update


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


@login_required
def user_list_view(request):
    _require(permissions.can_view_user_list(request.user))
    filters = UserFilterForm(request.GET or None)
    params = filters.cleaned_data if filters.is_valid() else {}
    users = user_list_for_user(
        user=request.user,
        search=params.get("q", ""),
        department=params.get("department"),
        role=params.get("role", ""),
        active=params.get("active", ""),
    )
    page = page_of(request, users)
    return render(request, "equity/user_list.html", {"page_obj": page, "filters": filters})


@login_required
def user_create_view(request):
    _require(permissions.can_manage_users(request.user))
    form = UserForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        send_invitation = data.pop("send_invitation", False)
        try:
            user = user_create(author=request.user, **data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            if send_invitation:
                user_invite_send(user=user, request=request)
            messages.success(request, _("%(name)s has been added.") % {"name": user.display_name})
            return redirect("user_list")
    return render(request, "equity/user_form.html", {"form": form})


def _managed_user(request, pk: int) -> User:
    _require(permissions.can_manage_users(request.user))
    return get_object_or_404(user_list_for_user(user=request.user), pk=pk)


@login_required
def user_update_view(request, pk: int):
    target = _managed_user(request, pk)
    access = access_by_source_for_user(person=target)
    form = UserForm(request.POST or None, instance=target, initial=hand_given_initial(access=access))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("username", None)
        departments = data.pop("departments")
        user_update(author=request.user, user=target, departments=departments, **data)
        messages.success(request, _("%(name)s has been saved.") % {"name": target.display_name})
        return redirect("user_list")
    return render(request, "equity/user_form.html", {"form": form, "target": target, "access": access})


@login_required
@require_POST
def user_set_active_view(request, pk: int):
    target = _managed_user(request, pk)
    active = request.POST.get("active") == "1"
    try:
        user_set_active(author=request.user, user=target, active=active)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        text = _("%(name)s has been reactivated.") if active else _("%(name)s has been deactivated.")
        messages.success(request, text % {"name": target.display_name})
    return redirect("user_list")


class UserHistoryView(HistoryView):
    def get_queryset(self):
        if not permissions.can_manage_users(self.request.user):
            raise PermissionDenied
        return user_list_for_user(user=self.request.user)


@login_required
def department_list_view(request):
    _require(permissions.can_manage_departments(request.user))
    departments = department_list_for_user(user=request.user)
    return render(request, "equity/department_list.html", {"departments": departments})


@login_required
def department_form_view(request, pk: int | None = None):
    _require(permissions.can_manage_departments(request.user))
    department = get_object_or_404(department_list_for_user(user=request.user), pk=pk) if pk else Department()
    form = DepartmentForm(request.POST or None, instance=department)
    if request.method == "POST" and form.is_valid():
        department_save(author=request.user, department=form.save(commit=False))
        messages.success(request, _("Department %(name)s has been saved.") % {"name": department.name})
        return redirect("department_list")
    return render(request, "equity/department_form.html", {"form": form, "department": department})


class DepartmentHistoryView(HistoryView):
    def get_queryset(self):
        if not permissions.can_manage_departments(self.request.user):
            raise PermissionDenied
        return department_list_for_user(user=self.request.user)
