"""Plan pages: list, detail tree, create/edit, results and outcomes, history."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from equity.audit import HistoryView
from equity.pagination import page_of
from equity.views.shortcuts import add_service_errors, require
from plans import charts
from plans.forms.actions import BulkEditForm
from plans.forms.plans import OutcomeForm, PlanActionFilterForm, PlanFilterForm, PlanForm, ResultForm
from plans.models import Outcome, Result
from plans.permissions import can_add_action, can_create_plan, can_edit_action, can_edit_plan
from plans.selectors import UNLINKED, plan_action_list, plan_list_for_user, plan_page_list
from plans.selectors_tree import plan_actions_head, plan_tree
from plans.services.plans import outcome_save, plan_create, plan_update, result_save
from plans.status import legend_tones


@login_required
def plan_list_view(request):
    filters = PlanFilterForm(request.GET or None)
    params = filters.cleaned_data if filters.is_valid() else {}
    plans = plan_page_list(
        user=request.user,
        search=params.get("q", ""),
        status=params.get("status", ""),
        department=params.get("department"),
        year=params.get("year"),
    )
    page = page_of(request, plans)
    context = {
        "page_obj": page,
        "filters": filters,
        "can_create": can_create_plan(request.user),
        "tones": legend_tones(),  # the legend's labels for the at-risk and off-track counts
    }
    return render(request, "plans/plan_list.html", context)


@login_required
def plan_detail_view(request, pk: int):
    plan = get_object_or_404(plan_list_for_user(user=request.user).prefetch_related("departments"), pk=pk)
    tones = legend_tones()
    # Outcomes are shown with their roll-ups, closed: an outcome's actions load when it is opened
    # (plan_outcome_actions_view), indicator charts as images (indicator_chart_view) (ADR 0067).
    tree = plan_tree(plan=plan)
    rollup = tree["rollup"]
    status_svg = charts.status_chart_svg(
        title=_("Actions by status"), counts={tones.label(v): n for v, _label, n, _s in rollup.by_status}
    )
    can_edit = can_edit_plan(request.user, plan)
    context = {
        **tree,
        "plan": plan,
        "status_svg": status_svg,
        "can_edit": can_edit,
        "can_add_action": can_add_action(request.user, plan),
        "tones": tones,
    }
    return render(request, "plans/plan_detail.html", context)


@login_required
def plan_outcome_actions_view(request, pk: int):
    """The first actions of one outcome of the plan (`?outcome=<id>`, or `none` for those linked to no outcome),
    needing attention first: the part of the plan page that htmx loads when its reader opens that outcome."""
    plan = get_object_or_404(plan_list_for_user(user=request.user), pk=pk)
    wanted = request.GET.get("outcome", "")
    outcome = None
    if wanted != UNLINKED:
        if not (wanted.isascii() and wanted.isdigit() and len(wanted) < 10):
            raise Http404
        outcome = get_object_or_404(Outcome.objects.filter(result__plan=plan).only("statement"), pk=wanted)
    tones = legend_tones()
    actions, total = plan_actions_head(
        user=request.user, plan=plan, outcome=outcome, today=timezone.localdate(), attention=tones.attention
    )
    context = {"plan": plan, "outcome": outcome, "actions": actions, "total": total, "tones": tones}
    return render(request, "plans/_outcome_actions.html", context)


def actions_page_context(request, plan, *, bulk_form=None) -> dict:
    """What the actions page shows: the filtered page of actions and, for those who may edit some of them, the
    bulk edit form (also used by plans.views.bulk to show its errors)."""
    filters = PlanActionFilterForm(request.GET or None, plan=plan)
    params = filters.cleaned_data if filters.is_valid() else {}
    today = timezone.localdate()
    tones = legend_tones()
    actions = plan_action_list(
        user=request.user,
        plan=plan,
        outcome=params.get("outcome", ""),
        status=params.get("status", ""),
        department=params.get("department"),
        search=params.get("q", ""),
        sort=params.get("sort") or "attention",
        today=today,
        attention=tones.attention,
    )
    page = page_of(request, actions)
    can_bulk = can_add_action(request.user, plan)
    if can_bulk and bulk_form is None:
        bulk_form = BulkEditForm(user=request.user, plan=plan)
    for action in page:  # which rows get a checkbox (the bulk edit service checks each action again)
        action.can_bulk = can_bulk and can_edit_action(request.user, action)
    return {
        "plan": plan,
        "page_obj": page,
        "filters": filters,
        "tones": tones,
        "bulk_form": bulk_form if can_bulk else None,
        "selected": request.POST.getlist("actions") if request.method == "POST" else [],
    }


@login_required
def plan_actions_view(request, pk: int):
    plan = get_object_or_404(plan_list_for_user(user=request.user), pk=pk)
    return render(request, "plans/plan_actions.html", actions_page_context(request, plan))


@login_required
def plan_create_view(request):
    require(can_create_plan(request.user))
    form = PlanForm(request.POST or None, user=request.user, initial={"owner": request.user})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("version", None)
        departments = data.pop("departments")
        try:
            plan = plan_create(author=request.user, departments=departments, **data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The plan “%(title)s” was created.") % {"title": plan.title})
            return redirect("plans:plan_detail", pk=plan.pk)
    return render(request, "plans/plan_form.html", {"form": form}, status=400 if form.errors else 200)


@login_required
def plan_update_view(request, pk: int):
    plan = get_object_or_404(plan_list_for_user(user=request.user), pk=pk)
    require(can_edit_plan(request.user, plan))
    form = PlanForm(request.POST or None, instance=plan, user=request.user, initial={"version": plan.version})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        departments = data.pop("departments")
        try:
            plan_update(author=request.user, plan=plan, version=version, departments=departments, **data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The plan was saved."))
            return redirect("plans:plan_detail", pk=plan.pk)
    status = 409 if form.has_error("__all__", "stale") else 400 if form.errors else 200
    return render(request, "plans/plan_form.html", {"form": form, "plan": plan}, status=status)


class PlanHistoryView(HistoryView):
    def get_queryset(self):
        return plan_list_for_user(user=self.request.user)


def _child_form(request, *, plan, form, save, template_context: dict, success: str):
    if request.method == "POST" and form.is_valid():
        try:
            save(form.instance)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, success)
            return redirect("plans:plan_detail", pk=plan.pk)
    context = {"form": form, "plan": plan, **template_context}
    status = 409 if form.has_error("__all__", "stale") else 400 if form.errors else 200
    return render(request, "plans/child_form.html", context, status=status)


@login_required
def result_create_view(request, plan_pk: int):
    plan = get_object_or_404(plan_list_for_user(user=request.user), pk=plan_pk)
    require(can_edit_plan(request.user, plan))
    form = ResultForm(request.POST or None, instance=Result(plan=plan))
    return _child_form(
        request,
        plan=plan,
        form=form,
        save=lambda result: result_save(author=request.user, result=result),
        template_context={"heading": _("Add a result")},
        success=_("The result was added."),
    )


@login_required
def result_update_view(request, pk: int):
    result = get_object_or_404(Result.objects.filter(plan__in=plan_list_for_user(user=request.user)), pk=pk)
    require(can_edit_plan(request.user, result.plan))
    form = ResultForm(request.POST or None, instance=result)
    return _child_form(
        request,
        plan=result.plan,
        form=form,
        save=lambda r: result_save(author=request.user, result=r, version=form.cleaned_data.get("version")),
        template_context={"heading": _("Edit result"), "history_url": ("plans:result_history", result.pk)},
        success=_("The result was saved."),
    )


@login_required
def outcome_create_view(request, result_pk: int):
    result = get_object_or_404(Result.objects.filter(plan__in=plan_list_for_user(user=request.user)), pk=result_pk)
    require(can_edit_plan(request.user, result.plan))
    form = OutcomeForm(request.POST or None, instance=Outcome(result=result))
    return _child_form(
        request,
        plan=result.plan,
        form=form,
        save=lambda outcome: outcome_save(author=request.user, outcome=outcome),
        template_context={"heading": _("Add an outcome"), "parent": result},
        success=_("The outcome was added."),
    )


@login_required
def outcome_update_view(request, pk: int):
    visible = Outcome.objects.select_related("result__plan").filter(
        result__plan__in=plan_list_for_user(user=request.user)
    )
    outcome = get_object_or_404(visible, pk=pk)
    require(can_edit_plan(request.user, outcome.result.plan))
    form = OutcomeForm(request.POST or None, instance=outcome)
    return _child_form(
        request,
        plan=outcome.result.plan,
        form=form,
        save=lambda o: outcome_save(author=request.user, outcome=o, version=form.cleaned_data.get("version")),
        template_context={"heading": _("Edit outcome"), "parent": outcome.result},
        success=_("The outcome was saved."),
    )


class ResultHistoryView(HistoryView):
    def get_queryset(self):
        return Result.objects.filter(plan__in=plan_list_for_user(user=self.request.user))
