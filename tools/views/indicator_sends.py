"""Sending a worksheet's data-by-race table to a plan indicator: choose, preview (mapping unknown group names), send."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import ngettext

from equity.views.shortcuts import add_service_errors
from plans.forms.indicators import GroupMappingForm
from plans.models import RacialGroup
from plans.selectors_indicators import indicator_list_editable_by_user
from tools import permissions
from tools.data_tables import RowState, row_labels
from tools.forms import TableSendForm
from tools.selectors import assessment_get_for_user
from tools.services.answers import question_for_assessment
from tools.services.indicator_sends import (
    SendRequest,
    send_preview,
    table_for_sending,
    table_rows,
    table_send_to_indicator,
)


def _send_request(form: TableSendForm, question, *, answer_version: int) -> SendRequest:
    data = form.cleaned_data
    return SendRequest(
        question=question,
        column=data["column"],
        indicator=data["indicator"],
        year=data["year"],
        label=data.get("label") or "",
        answer_version=answer_version,
        indicator_version=data["indicator"].version,
    )


def _sent_message(*, sent, send: SendRequest) -> str:
    n = len(sent.values)
    return ngettext(
        "%(n)d value for %(year)d was sent to the indicator “%(name)s”.",
        "%(n)d values for %(year)d were sent to the indicator “%(name)s”.",
        n,
    ) % {"n": n, "year": send.year, "name": send.indicator.name}


def _mapping_form(request, *, preview, indicator) -> GroupMappingForm:
    """The plans upload's group-name form, for the names the table uses that the portal does not know."""
    return GroupMappingForm(
        request.POST if request.method == "POST" else None,
        names=list(preview.unknown.values()),
        groups=list(RacialGroup.objects.filter(is_active=True)),
        can_add_group=False,
        initial={"version": indicator.version},
    )


@login_required
def table_send_view(request, pk: int, question_id: int):
    """GET: the choice (indicator, year, column), then with them the preview; POST: update the preview with the
    group choices (`step=preview`) or send (`step=send`)."""
    assessment = assessment_get_for_user(user=request.user, pk=pk)
    question = question_for_assessment(assessment=assessment, question_id=question_id)
    table = table_for_sending(assessment=assessment, question=question)
    if not permissions.can_send_table(request.user, assessment):
        raise PermissionDenied
    rows, version = table_rows(assessment=assessment, question=question)
    indicators = indicator_list_editable_by_user(user=request.user)
    data = request.POST if request.method == "POST" else (request.GET if "indicator" in request.GET else None)
    labels = row_labels(table=table, rows=rows)
    form = TableSendForm(data, indicators=indicators, columns=table.number_columns, labels=labels)
    context: dict[str, Any] = {"assessment": assessment, "question": question, "form": form}
    context["has_indicators"] = indicators.exists()
    if data is None or not form.is_valid():
        return render(request, "tools/table_send.html", context, status=400 if form.errors else 200)
    indicator = form.cleaned_data["indicator"]
    answer_version = form.cleaned_data["answer_version"]
    send = _send_request(form, question, answer_version=version if answer_version is None else answer_version)
    preview = send_preview(assessment=assessment, request=send, rows=rows)
    mapping = _mapping_form(request, preview=preview, indicator=indicator)
    context.update(mapping=mapping, answer_version=send.answer_version, indicator_version=indicator.version)
    status = 400 if mapping.is_bound and not mapping.is_valid() else 200
    if mapping.is_bound and mapping.is_valid():
        choices = mapping.choices()
        send = replace(send, indicator_version=mapping.cleaned_data.get("version"))
        context["indicator_version"] = send.indicator_version
        if request.POST.get("step") == "send":
            try:
                sent = table_send_to_indicator(
                    assessment=assessment, author=request.user, request=send, choices=choices
                )
            except ValidationError as exc:
                add_service_errors(mapping, exc)
                status = 409 if mapping.has_error("__all__", "stale") else 400
                if status == 409:  # the page now shows the current table and indicator: sending again uses them
                    context.update(answer_version=version, indicator_version=indicator.version)
            else:
                messages.success(request, _sent_message(sent=sent, send=send))
                return redirect("tools:assessment_detail", pk=assessment.pk)
        preview = send_preview(assessment=assessment, request=send, rows=rows, choices=choices)
    context.update(preview=preview, sendable=[r for r in preview.rows if r.state == RowState.SEND])
    return render(request, "tools/table_send.html", context, status=status)
