"""Action pages: detail (milestones, measures, update timeline), create/edit, updates, milestones, measures."""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from equity.audit import HistoryView
from equity.contributions import page_sections
from equity.evidence.selectors import attach_panels
from equity.pagination import page_of
from equity.views.shortcuts import add_service_errors, require
from plans import charts
from plans.forms.actions import (
    ActionForm,
    CancelForm,
    CorrectionForm,
    MeasureForm,
    MeasurePointForm,
    MilestoneForm,
    UpdateForm,
)
from plans.models import ActionStatus, MeasureDataPoint, Milestone, Outcome, PerformanceMeasure
from plans.permissions import can_add_action, can_edit_action, can_post_update, can_review_update
from plans.selectors import (
    action_list_for_user,
    action_page_list_for_user,
    action_update_list,
    plan_list_for_user,
    update_list_for_user,
)
from plans.selectors_indicators import group_chart_colours
from plans.selectors_structure import action_scale_labels
from plans.services.actions import (
    action_cancel,
    action_create,
    action_update,
    update_correct,
    update_post,
    update_review,
)
from plans.services.milestones import measure_point_add, measure_save, milestone_save
from plans.status import legend_tones

# What the action page shows of its outcomes and their results, and sorts them by (Outcome.plan_order_key).
OUTCOME_FIELDS = ["code", "code_key", "sort_order", "statement"]
OUTCOME_FIELDS += [f"result__{name}" for name in OUTCOME_FIELDS]
ACTION_UPDATES_PAGE = 10  # progress updates a page of the action page shows, newest first (the rest paginated)


def _action(request, pk: int):
    return get_object_or_404(action_list_for_user(user=request.user), pk=pk)


def _measures_with_charts(action) -> list[PerformanceMeasure]:
    points = MeasureDataPoint.objects.select_related("group").order_by("period_end", "group__sort_order")
    measures = list(action.measures.order_by("pk").prefetch_related(Prefetch("data_points", queryset=points)))
    group_colours = group_chart_colours() if measures else {}
    for measure in measures:
        labels: list[str] = []
        series: dict[str, dict[str, Decimal | None]] = {}
        colours: dict[str, str] = {}  # a group's line has the colour it has in every indicator chart
        for point in measure.data_points.all():
            if point.period_label not in labels:
                labels.append(point.period_label)
            name = point.group.name if point.group else _("All")
            colours[name] = group_colours.get(point.group_id, charts.TOTAL_COLOUR)
            series.setdefault(name, {})[point.period_label] = point.value
        measure.points = list(measure.data_points.all())
        measure.chart_svg = (
            charts.measure_chart_svg(
                title=measure.name,
                labels=labels,
                series={k: [v.get(lb) for lb in labels] for k, v in series.items()},
                colours=colours,
            )
            if labels
            else ""
        )
    return measures


@login_required
def action_detail_view(request, pk: int):
    action = get_object_or_404(action_page_list_for_user(user=request.user), pk=pk)
    count = action.update_count  # type: ignore[attr-defined]  # annotated by action_page_list_for_user
    updates = page_of(request, action_update_list(action=action), per_page=ACTION_UPDATES_PAGE, count=count)
    updates.object_list = list(updates.object_list)
    milestones = list(action.milestones.order_by("due_date", "pk"))  # not the model's order: no join of the action
    for update in updates.object_list:
        update.action = action  # who may attach files to an update is decided on its action
    attach_panels(user=request.user, objects=[action, *milestones, *updates.object_list])
    context = {
        "action": action,
        "plan": action.plan,
        "outcomes": sorted(action.outcomes.select_related("result").only(*OUTCOME_FIELDS), key=Outcome.plan_order_key),
        "co_leads": action.co_lead_departments.only("name").order_by("name"),
        "links": action.links.order_by("pk"),
        "milestones": milestones,
        "measures": _measures_with_charts(action),
        "updates": updates,
        "can_edit": can_edit_action(request.user, action),
        "can_post_update": can_post_update(request.user, action),
        "can_review": can_review_update(request.user, action),
        "levels": action_scale_labels(action),
        "following": action.is_followed,  # type: ignore[attr-defined]  # annotated, as update_count
        "tones": legend_tones(),
        # Other apps' sections (linked assessments, adopted practices): the plans app names neither.
        "sections": page_sections(slot="plans.action_detail", user=request.user, obj=action),
        "end_sections": page_sections(slot="plans.action_detail.end", user=request.user, obj=action),
    }
    return render(request, "plans/action_detail.html", context)


@login_required
def action_create_view(request, plan_pk: int):
    plan = get_object_or_404(plan_list_for_user(user=request.user), pk=plan_pk)
    require(can_add_action(request.user, plan))
    form = ActionForm(request.POST or None, user=request.user, plan=plan, initial={"accountable": request.user})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("version", None)
        outcomes = data.pop("outcomes")
        try:
            action = action_create(author=request.user, plan=plan, outcomes=outcomes, **data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The action was added."))
            return redirect("plans:action_detail", pk=action.pk)
    return render(request, "plans/action_form.html", {"form": form, "plan": plan}, status=400 if form.errors else 200)


@login_required
def action_update_view(request, pk: int):
    action = _action(request, pk)
    require(can_edit_action(request.user, action))
    form = ActionForm(
        request.POST or None, instance=action, user=request.user, plan=action.plan, initial={"version": action.version}
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        outcomes = data.pop("outcomes")
        try:
            action_update(author=request.user, action=action, version=version, outcomes=outcomes, **data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The action was saved."))
            return redirect("plans:action_detail", pk=action.pk)
    status = 409 if form.has_error("__all__", "stale") else 400 if form.errors else 200
    context = {"form": form, "plan": action.plan, "action": action}
    return render(request, "plans/action_form.html", context, status=status)


class ActionHistoryView(HistoryView):
    def get_queryset(self):
        return action_list_for_user(user=self.request.user)

    def attachment_owners(self):
        """The action's files, and those of its milestones and progress updates (they have no history page)."""
        return [self.object, *self.object.milestones.all(), *self.object.updates.all()]


@login_required
def update_create_view(request, pk: int):
    action = _action(request, pk)
    require(can_post_update(request.user, action))
    initial = {
        "version": action.version,
        "status": action.status if action.status != ActionStatus.CANCELLED else ActionStatus.NOT_STARTED,
        "percent_complete": action.percent_complete,
        "as_of": timezone.localdate(),
    }
    form = UpdateForm(request.POST or None, action=action, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            update_post(author=request.user, action=action, **data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Your progress update was posted."))
            return redirect("plans:action_detail", pk=action.pk)
    status = 409 if form.has_error("__all__", "stale") else 400 if form.errors else 200
    context = {"form": form, "plan": action.plan, "action": action, "tones": legend_tones()}
    return render(request, "plans/update_form.html", context, status=status)


@login_required
def update_correct_view(request, pk: int):
    """Correct an update entered by mistake: the correction is a new update that supersedes it."""
    update = get_object_or_404(update_list_for_user(user=request.user), pk=pk)
    action = _action(request, update.action_id)
    require(can_post_update(request.user, action))
    initial = {
        "version": action.version,
        "status": update.status,
        "percent_complete": update.percent_complete,
        "as_of": update.as_of or update.created_at.date(),
        "summary": update.summary,
        "barriers": update.barriers,
        "next_steps": update.next_steps,
    }
    form = CorrectionForm(request.POST or None, action=action, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            update_correct(author=request.user, update=update, **data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The correction was posted; the corrected update stays in the timeline."))
            return redirect("plans:action_detail", pk=action.pk)
    status = 409 if form.has_error("__all__", "stale") else 400 if form.errors else 200
    context = {"form": form, "plan": action.plan, "action": action, "update": update, "tones": legend_tones()}
    return render(request, "plans/update_correct.html", context, status=status)


@login_required
def action_cancel_view(request, pk: int):
    """Cancel (withdraw) an action, with a reason and a confirmation; it is never deleted."""
    action = _action(request, pk)
    require(can_edit_action(request.user, action))
    form = CancelForm(request.POST or None, initial={"version": action.version})
    if request.method == "POST" and form.is_valid():
        try:
            action_cancel(
                author=request.user,
                action=action,
                version=form.cleaned_data["version"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The action was cancelled. It stays in the plan, struck through."))
            return redirect("plans:action_detail", pk=action.pk)
    status = 409 if form.has_error("__all__", "stale") else 400 if form.errors else 200
    return render(
        request, "plans/action_cancel.html", {"form": form, "plan": action.plan, "action": action}, status=status
    )


@login_required
@require_POST
def update_review_view(request, pk: int):
    update = get_object_or_404(update_list_for_user(user=request.user).select_related("action"), pk=pk)
    require(can_review_update(request.user, update.action))
    try:
        update_review(author=request.user, update=update)
        messages.success(request, _("The update was marked reviewed."))
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    return redirect("plans:action_detail", pk=update.action_id)


def _action_child(request, *, action, form, save, heading: str, success: str):
    if request.method == "POST" and form.is_valid():
        try:
            save(form.instance)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, success)
            return redirect("plans:action_detail", pk=action.pk)
    context = {"form": form, "plan": action.plan, "action": action, "heading": heading}
    status = 409 if form.has_error("__all__", "stale") else 400 if form.errors else 200
    return render(request, "plans/action_child_form.html", context, status=status)


@login_required
def milestone_create_view(request, pk: int):
    action = _action(request, pk)
    require(can_edit_action(request.user, action))
    form = MilestoneForm(request.POST or None, instance=Milestone(action=action))
    return _action_child(
        request,
        action=action,
        form=form,
        save=lambda m: milestone_save(author=request.user, milestone=m),
        heading=_("Add a milestone"),
        success=_("The milestone was added."),
    )


@login_required
def milestone_update_view(request, pk: int):
    visible = Milestone.objects.filter(action__in=action_list_for_user(user=request.user).values("pk"))
    milestone = get_object_or_404(visible, pk=pk)
    action = _action(request, milestone.action_id)
    require(can_edit_action(request.user, action))
    form = MilestoneForm(request.POST or None, instance=milestone)
    return _action_child(
        request,
        action=action,
        form=form,
        save=lambda m: milestone_save(author=request.user, milestone=m, version=form.cleaned_data.get("version")),
        heading=_("Edit milestone"),
        success=_("The milestone was saved."),
    )


@login_required
def measure_create_view(request, pk: int):
    action = _action(request, pk)
    require(can_edit_action(request.user, action))
    form = MeasureForm(request.POST or None, instance=PerformanceMeasure(action=action))
    return _action_child(
        request,
        action=action,
        form=form,
        save=lambda m: measure_save(author=request.user, measure=m),
        heading=_("Add a performance measure"),
        success=_("The measure was added."),
    )


@login_required
def measure_point_create_view(request, pk: int):
    visible = PerformanceMeasure.objects.filter(action__in=action_list_for_user(user=request.user).values("pk"))
    measure = get_object_or_404(visible, pk=pk)
    action = _action(request, measure.action_id)
    require(can_edit_action(request.user, action))
    form = MeasurePointForm(request.POST or None, instance=MeasureDataPoint(measure=measure))

    def save(point):
        measure_point_add(
            author=request.user,
            measure=measure,
            period_label=point.period_label,
            period_end=point.period_end,
            value=point.value,
            group=point.group,
        )

    heading = _("Add a value to “%(name)s”") % {"name": measure.name}
    return _action_child(request, action=action, form=form, save=save, heading=heading, success=_("Value added."))
