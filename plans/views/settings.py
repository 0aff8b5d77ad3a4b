"""The equity team's settings of the plans app: the racial/ethnic group list and the status colour legend."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from equity.views.shortcuts import require
from plans.forms.settings import LegendEntryForm, RacialGroupForm
from plans.models import RacialGroup, StatusLegendEntry
from plans.permissions import can_manage_periods
from plans.selectors_structure import scales_for_settings
from plans.services.settings import group_save, legend_entry_save


@login_required
def settings_view(request):
    require(can_manage_periods(request.user))
    groups = RacialGroup.objects.annotate(n_points=Count("data_points")).order_by("sort_order", "name")
    context = {
        "groups": groups,
        "legend": StatusLegendEntry.objects.order_by("sort_order", "pk"),
        "scales": scales_for_settings(),
    }
    return render(request, "plans/settings.html", context)


def _settings_form(request, *, form, save, heading: str):
    if request.method == "POST" and form.is_valid():
        save(form.instance)
        messages.success(request, _("Saved."))
        return redirect("plans:settings")
    context = {"form": form, "heading": heading}
    return render(request, "plans/settings_form.html", context, status=400 if form.errors else 200)


@login_required
def group_create_view(request):
    require(can_manage_periods(request.user))
    form = RacialGroupForm(request.POST or None)
    save = lambda g: group_save(author=request.user, group=g)  # noqa: E731
    return _settings_form(request, form=form, save=save, heading=_("Add a group"))


@login_required
def group_update_view(request, pk: int):
    require(can_manage_periods(request.user))
    form = RacialGroupForm(request.POST or None, instance=get_object_or_404(RacialGroup, pk=pk))
    save = lambda g: group_save(author=request.user, group=g)  # noqa: E731
    return _settings_form(request, form=form, save=save, heading=_("Edit group"))


@login_required
def legend_update_view(request, pk: int):
    require(can_manage_periods(request.user))
    form = LegendEntryForm(request.POST or None, instance=get_object_or_404(StatusLegendEntry, pk=pk))
    save = lambda e: legend_entry_save(author=request.user, entry=e)  # noqa: E731
    return _settings_form(request, form=form, save=save, heading=_("Edit status colour"))
