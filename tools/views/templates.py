"""The equity team's template pages: list, detail (the editor of a draft version), copy, publish, retire."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from equity.audit import HistoryView
from equity.pagination import page_of
from equity.views.shortcuts import add_service_errors
from tools import permissions
from tools.forms import QuestionForm, StepForm, TemplateForm
from tools.models import Question, Step, Template
from tools.selectors import template_list_for_user
from tools.services.templates import (
    question_delete,
    question_move,
    question_save,
    step_save,
    template_copy,
    template_set_status,
    template_update,
)


def _template(request, pk: int) -> Template:
    return get_object_or_404(template_list_for_user(user=request.user), pk=pk)


def _editable(request, pk: int) -> Template:
    template = _template(request, pk)
    if not permissions.can_edit_template(request.user, template):
        raise PermissionDenied
    return template


@login_required
def template_list_view(request):
    templates = template_list_for_user(user=request.user).select_related("based_on")
    page = page_of(request, templates)
    return render(
        request,
        "tools/template_list.html",
        {"page_obj": page, "can_manage": permissions.can_manage_templates(request.user)},
    )


@login_required
def template_detail_view(request, pk: int):
    template = _template(request, pk)
    steps = template.steps.prefetch_related(Prefetch("questions", queryset=Question.objects.order_by("order", "pk")))
    return render(
        request,
        "tools/template_detail.html",
        {
            "template": template,
            "steps": steps,
            "can_manage": permissions.can_manage_templates(request.user),
            "can_edit": permissions.can_edit_template(request.user, template),
        },
    )


@login_required
@require_POST
def template_copy_view(request, pk: int):
    template = _template(request, pk)
    if not permissions.can_manage_templates(request.user):
        raise PermissionDenied
    copy = template_copy(template=template, author=request.user)
    messages.success(request, _("Version %(v)s is a draft copy: edit it, then publish it.") % {"v": copy.version})
    return redirect("tools:template_detail", pk=copy.pk)


@login_required
@require_POST
def template_status_view(request, pk: int):
    template = _template(request, pk)
    if not permissions.can_manage_templates(request.user):
        raise PermissionDenied
    try:
        template = template_set_status(template=template, author=request.user, status=request.POST.get("status", ""))
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, _("The template is now %(s)s.") % {"s": template.get_status_display().lower()})
    return redirect("tools:template_detail", pk=pk)


def _form_page(request, form, context: dict):
    """The editor's form page again: 409 when the edit was stale (someone saved since it was opened)."""
    status = 409 if form.has_error("__all__", "stale") else 200
    return render(request, "tools/template_form.html", {"form": form, **context}, status=status)


@login_required
def template_update_view(request, pk: int):
    template = _editable(request, pk)
    form = TemplateForm(request.POST or None, instance=template)
    if request.method == "POST" and form.is_valid():
        try:
            template_update(template=template, author=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The template has been saved."))
            return redirect("tools:template_detail", pk=pk)
    return _form_page(request, form, {"template": template, "heading": _("Edit template details")})


@login_required
def step_edit_view(request, pk: int, step_id: int | None = None):
    template = _editable(request, pk)
    step = get_object_or_404(Step, pk=step_id, template=template) if step_id else None
    form = StepForm(request.POST or None, step=step)
    if request.method == "POST" and form.is_valid():
        try:
            step_save(template=template, author=request.user, step=step, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The step has been saved."))
            return redirect("tools:template_detail", pk=pk)
    heading = _("Rename step %(n)s") % {"n": step.number} if step else _("Add a step")
    return _form_page(request, form, {"template": template, "heading": heading})


@login_required
def question_edit_view(request, pk: int, step_id: int, question_id: int | None = None):
    template = _editable(request, pk)
    step = get_object_or_404(Step, pk=step_id, template=template)
    question = get_object_or_404(Question, pk=question_id, step=step) if question_id else None
    heading = _("Edit question %(code)s") % {"code": question.code} if question else _("Add a question")
    form = QuestionForm(request.POST or None, instance=question)
    if request.method == "POST" and form.is_valid():
        try:
            revision = form.cleaned_data["revision"]
            question_save(step=step, author=request.user, question=question, revision=revision, **form.service_fields())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The question has been saved."))
            return redirect("tools:template_detail", pk=pk)
    return _form_page(request, form, {"template": template, "heading": heading, "step": step})


@login_required
@require_POST
def question_action_view(request, pk: int, step_id: int, question_id: int):
    """Remove a question, or move it up or down in its step."""
    template = _editable(request, pk)
    question = get_object_or_404(Question, pk=question_id, step__pk=step_id, step__template=template)
    action = request.POST.get("action", "")
    try:
        if action == "delete":
            question_delete(question=question, author=request.user)
            messages.success(request, _("The question has been removed."))
        elif action in ("up", "down"):
            question_move(question=question, author=request.user, direction=action)
        else:
            raise PermissionDenied
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    return redirect(reverse("tools:template_detail", kwargs={"pk": pk}) + f"#step-{question.step.number}")


class TemplateHistoryView(HistoryView):
    back_url_name = "tools:template_detail"

    def get_queryset(self):
        return template_list_for_user(user=self.request.user)
