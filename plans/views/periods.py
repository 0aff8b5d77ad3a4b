"""Reporting periods: everyone sees them and what they owe; the equity team opens and closes them."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from equity.pagination import page_of
from equity.views.shortcuts import add_service_errors, require
from plans.forms.settings import PeriodForm
from plans.permissions import can_manage_periods
from plans.selectors import reporting_period_list_for_user
from plans.services.periods import period_open, period_set_open


@login_required
def period_list_view(request):
    periods = reporting_period_list_for_user(user=request.user).annotate(
        n_updates=Count("updates", distinct=True),
        n_mine=Count("updates", filter=Q(updates__author=request.user), distinct=True),
    )
    page = page_of(request, periods.order_by("-due_date", "pk"))
    context = {"page_obj": page, "can_manage": can_manage_periods(request.user)}
    return render(request, "plans/period_list.html", context)


@login_required
def period_create_view(request):
    require(can_manage_periods(request.user))
    form = PeriodForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            period = period_open(author=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Reporting period %(name)s is open.") % {"name": period.name})
            return redirect("plans:period_list")
    return render(request, "plans/period_form.html", {"form": form}, status=400 if form.errors else 200)


@login_required
@require_POST
def period_set_open_view(request, pk: int):
    require(can_manage_periods(request.user))
    period = get_object_or_404(reporting_period_list_for_user(user=request.user), pk=pk)
    value = request.POST.get("open")
    if value not in ("0", "1"):
        return HttpResponseBadRequest(_("Say whether to open or close the period."))
    period_set_open(author=request.user, period=period, is_open=value == "1")
    messages.success(request, _("Reporting period %(name)s was updated.") % {"name": period.name})
    return redirect("plans:period_list")
