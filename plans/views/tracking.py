"""Manager tracking: My actions, and a department's overdue / at-risk / off-track / no-update actions."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from equity.pagination import page_of
from equity.selectors import department_choices_for_user
from plans.forms.settings import DepartmentPickForm
from plans.selectors import current_reporting_period
from plans.selectors_tracking import department_tracking, my_actions
from plans.status import legend_tones


@login_required
def my_actions_view(request):
    period = current_reporting_period()
    page = page_of(request, my_actions(user=request.user))
    context = {"page_obj": page, "period": period, "tones": legend_tones()}
    return render(request, "plans/my_actions.html", context)


@login_required
def department_tracking_view(request):
    choices = department_choices_for_user(user=request.user)
    picker = DepartmentPickForm(request.GET or None, queryset=choices)
    department = None
    if request.GET.get("department"):
        if not picker.is_valid():
            raise Http404  # a department the user may not track, or a tampered value
        department = picker.cleaned_data["department"]
    if department is None:
        department = choices.order_by("name").first()
        picker = DepartmentPickForm(initial={"department": department}, queryset=choices)
    today = timezone.localdate()
    period = current_reporting_period()
    tones = legend_tones()
    tracking = (
        department_tracking(
            user=request.user, department=department, today=today, period=period, attention=tones.attention
        )
        if department
        else {"counts": {}, "actions": []}
    )
    page = page_of(request, tracking["actions"])
    context = {
        "picker": picker,
        "department": department,
        "period": period,
        "counts": tracking["counts"],
        "page_obj": page,
        "tones": tones,
    }
    return render(request, "plans/department_tracking.html", context)
