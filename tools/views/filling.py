"""Filling in a worksheet: a page per step, per-question autosave (htmx), the table editor and step comments."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tools import permissions
from tools.answer_inputs import raw_from_post, rows_from_post, save_keys_from_post, version_from_post
from tools.answer_rules import table_clean
from tools.cells import cell_group_kind, cell_is_not_stated, cell_text
from tools.data_tables import data_table
from tools.forms import CommentForm
from tools.models import Answer, Question
from tools.selectors import assessment_get_for_user, assessment_steps, city_group_names, step_comments
from tools.services.answers import AnswerConflict, answer_save, has_group_column, question_for_assessment
from tools.services.assessments import step_comment_add


def _step_or_404(steps, number: int):
    step = next((s for s in steps if s.number == number), None)
    if step is None:
        raise Http404
    return step


def _step_context(request, assessment, steps, step, **extra) -> dict:
    index = steps.index(step)
    can_send = permissions.can_send_table(request.user, assessment)
    for question in step.questions.all():
        question.sendable = can_send and data_table(question) is not None  # offers "Send to an indicator"
        # After a refused save the page shows what the person typed, not the stored answer.
        if hasattr(question, "posted"):
            question.form_value = question.posted
        else:
            question.form_value = question.answer.value if question.answer else None
    return {
        "assessment": assessment,
        "steps": steps,
        "step": step,
        "previous_step": steps[index - 1] if index else None,
        "next_step": steps[index + 1] if index + 1 < len(steps) else None,
        "comments": list(step_comments(assessment=assessment, step=step)),
        "comment_form": extra.pop("comment_form", CommentForm()),
        "can_edit": permissions.can_edit_assessment(request.user, assessment),
        "can_comment": permissions.can_comment_assessment(request.user, assessment),
        "can_link": permissions.can_link_actions(request.user, assessment),
        "yes_no_options": [("yes", _("Yes")), ("no", _("No")), ("not_stated", _("Not stated"))],
        **extra,
    }


def _current_version(assessment, question) -> int:
    """The stored version, used when the person chose to keep their version over a colleague's."""
    found = Answer.objects.filter(assessment=assessment, question=question).values_list("version", flat=True)
    return found.first() or 0


def _save_posted(request, *, assessment, question: Question, raw: object, version: int):
    """Save one posted answer with the browser's save keys (ADR 0045): every save path of the worksheet goes here."""
    save_key, earlier_keys = save_keys_from_post(question=question, data=request.POST)
    return answer_save(
        assessment=assessment,
        question=question,
        raw=raw,
        version=version,
        author=request.user,
        save_key=save_key,
        earlier_keys=earlier_keys,
    )


def _save_step(request, assessment, step) -> tuple[dict, dict]:
    """Save every non-table answer of the step form; returns errors and conflicts by question id."""
    errors, conflicts = {}, {}
    for question in step.questions.all():
        if question.type == Question.Type.TABLE:
            continue
        raw = raw_from_post(question=question, data=request.POST)
        version = version_from_post(question=question, data=request.POST)
        if request.POST.get("keep_mine") == str(question.pk):
            version = _current_version(assessment, question)
        try:
            result = _save_posted(request, assessment=assessment, question=question, raw=raw, version=version)
        except AnswerConflict as exc:
            conflicts[question.pk] = exc
            question.posted = raw
        except ValidationError as exc:
            errors[question.pk] = exc.messages[0]
            question.posted = raw
        else:
            question.answer = result.answer
    return errors, conflicts


@login_required
def step_fill_view(request, pk: int, number: int):
    assessment = assessment_get_for_user(user=request.user, pk=pk)
    steps = assessment_steps(assessment=assessment)
    step = _step_or_404(steps, number)
    if request.method == "POST":
        if not permissions.can_edit_assessment(request.user, assessment):
            raise PermissionDenied
        errors, conflicts = _save_step(request, assessment, step)
        if not errors and not conflicts:
            messages.success(request, _("Step %(n)s has been saved.") % {"n": step.number})
            target = number + 1 if "next" in request.POST and number < len(steps) else number
            return redirect("tools:step_fill", pk=pk, number=target)
        for question in step.questions.all():
            question.error = errors.get(question.pk)
            question.conflict = conflicts.get(question.pk)
        context = _step_context(request, assessment, steps, step, errors=errors, conflicts=conflicts)
        return render(request, "tools/step_fill.html", context)
    return render(request, "tools/step_fill.html", _step_context(request, assessment, steps, step))


@login_required
@require_POST
def answer_autosave_view(request, pk: int, question_id: int):
    """Save one answer as the person types; answers 409 with both versions when a colleague saved it first."""
    assessment = assessment_get_for_user(user=request.user, pk=pk)
    if not permissions.can_edit_assessment(request.user, assessment):
        raise PermissionDenied
    question = question_for_assessment(assessment=assessment, question_id=question_id)
    if question.type == Question.Type.TABLE:
        raise Http404
    raw = raw_from_post(question=question, data=request.POST)
    version = version_from_post(question=question, data=request.POST)
    if request.POST.get("keep_mine"):
        version = _current_version(assessment, question)
    context: dict[str, Any] = {"question": question, "assessment": assessment}
    try:
        result = _save_posted(request, assessment=assessment, question=question, raw=raw, version=version)
    except AnswerConflict as exc:
        context.update(conflict=exc, posted=raw)
        return render(request, "tools/_autosave_status.html", context, status=409)
    except ValidationError as exc:
        return render(request, "tools/_autosave_status.html", {**context, "error": exc.messages[0]}, status=422)
    return render(request, "tools/_autosave_status.html", {**context, "answer": result.answer})


@login_required
def table_edit_view(request, pk: int, question_id: int):
    """Edit a table answer's rows: add, edit, remove and reorder, without needing JavaScript."""
    assessment = assessment_get_for_user(user=request.user, pk=pk)
    question = question_for_assessment(assessment=assessment, question_id=question_id)
    if question.type != Question.Type.TABLE:
        raise Http404
    if not permissions.can_edit_assessment(request.user, assessment):
        raise PermissionDenied
    answer = Answer.objects.filter(assessment=assessment, question=question).first()
    rows = list(answer.value or []) if answer else []
    version = answer.version if answer else 0
    groups = city_group_names() if has_group_column(question) else []
    context: dict[str, Any] = {"assessment": assessment, "question": question, "step": question.step}
    context.update(groups=groups, answer=answer)
    if request.method == "POST":
        rows = rows_from_post(question=question, data=request.POST)
        version = version_from_post(question=question, data=request.POST)
        rows = _apply_row_op(rows, request.POST.get("op", "save"), question)
        _cleaned, cell_errors = table_clean(question=question, rows=rows, groups=groups)
        if cell_errors:
            context.update(rows=_rows_with_errors(rows, cell_errors, question), version=version, has_errors=True)
            return render(request, "tools/table_edit.html", context)
        try:
            result = _save_posted(request, assessment=assessment, question=question, raw=rows, version=version)
        except AnswerConflict as exc:
            context.update(rows=_rows_with_errors(rows, {}, question), version=version, conflict=exc)
            return render(request, "tools/table_edit.html", context, status=409)
        if request.POST.get("op") == "add":
            return redirect(f"{request.path}?add=1#row-{len(result.answer.value or [])}")
        if request.POST.get("op") == "done":
            return redirect("tools:step_fill", pk=pk, number=question.step.number)
        messages.success(request, _("The table has been saved."))
        return redirect(request.path)
    if request.GET.get("add") or not rows:
        rows.append({c["key"]: "" for c in question.columns})
    context.update(rows=_rows_with_errors(rows, {}, question), version=version)
    return render(request, "tools/table_edit.html", context)


@login_required
@require_POST
def table_autosave_view(request, pk: int, question_id: int):
    """Save a table's rows as the person types (the editor form, posted whole); 409 with both versions when a
    colleague saved it first, 422 when a cell is not valid: nothing is saved and the typed text stays on the page."""
    assessment = assessment_get_for_user(user=request.user, pk=pk)
    if not permissions.can_edit_assessment(request.user, assessment):
        raise PermissionDenied
    question = question_for_assessment(assessment=assessment, question_id=question_id)
    if question.type != Question.Type.TABLE:
        raise Http404
    rows = rows_from_post(question=question, data=request.POST)
    version = version_from_post(question=question, data=request.POST)
    if request.POST.get("keep_mine"):
        version = _current_version(assessment, question)
    context: dict[str, Any] = {"question": question, "assessment": assessment}
    groups = city_group_names() if has_group_column(question) else []
    _cleaned, cell_errors = table_clean(question=question, rows=rows, groups=groups)
    if cell_errors:
        (row, key), message = next(iter(cell_errors.items()))
        error = _("Row %(n)s: %(message)s") % {"n": row + 1, "message": message}
        return render(request, "tools/_autosave_status.html", {**context, "error": error}, status=422)
    try:
        result = _save_posted(request, assessment=assessment, question=question, raw=rows, version=version)
    except AnswerConflict as exc:
        return render(request, "tools/_autosave_status.html", {**context, "conflict": exc}, status=409)
    return render(request, "tools/_autosave_status.html", {**context, "answer": result.answer})


def _apply_row_op(rows: list[dict], op: str, question: Question) -> list[dict]:
    """Remove or move a row as the pressed button asks (`remove-2`, `up-1`, `down-0`)."""
    verb, _sep, index = op.partition("-")
    if verb not in ("remove", "up", "down"):
        return rows
    try:
        i = int(index)
    except ValueError:
        return rows
    if not 0 <= i < len(rows):
        return rows
    if verb == "remove":
        return rows[:i] + rows[i + 1 :]
    j = i - 1 if verb == "up" else i + 1
    if 0 <= j < len(rows):
        rows[i], rows[j] = rows[j], rows[i]
    return rows


def _editor_cell(column: dict, value: object, error: str | None) -> dict:
    """One cell for the editor: the text in its input (empty when Not stated), its mark, and a group's kind."""
    not_stated = cell_is_not_stated(value)
    text = "" if not_stated else cell_text(value)
    return {"column": column, "text": text, "not_stated": not_stated, "kind": cell_group_kind(value), "error": error}


def _rows_with_errors(rows: list[dict], errors: dict, question: Question) -> list[list[dict]]:
    """Rows as lists of cells (column, text, Not stated mark, error) for the editor template."""
    return [
        [_editor_cell(c, row.get(c["key"], ""), errors.get((i, c["key"]))) for c in question.columns]
        for i, row in enumerate(rows)
    ]


@login_required
@require_POST
def step_comment_view(request, pk: int, number: int):
    assessment = assessment_get_for_user(user=request.user, pk=pk)
    if not permissions.can_comment_assessment(request.user, assessment):
        raise PermissionDenied
    step = get_object_or_404(assessment.template.steps, number=number)
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            step_comment_add(assessment=assessment, step=step, author=request.user, body=form.cleaned_data["body"])
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Your comment has been posted."))
            return redirect(reverse("tools:step_fill", kwargs={"pk": pk, "number": number}) + "#comments")
    steps = assessment_steps(assessment=assessment)
    context = _step_context(request, assessment, steps, _step_or_404(steps, number), comment_form=form)
    return render(request, "tools/step_fill.html", context, status=200)
