"""Approval requests: a facilitator asks to deliver a module they are not certified for; the equity team decides."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from equity.audit import HistoryView
from equity.pagination import page_of
from equity.views.shortcuts import add_service_errors, require
from training.approvals import (
    certification_request_create,
    certification_request_decide,
    certification_request_list_for_user,
    facilitator_of,
)
from training.forms_required import CertificationRequestForm, DecisionForm, RequestFilterForm
from training.models import CertificationRequest
from training.permissions import (
    can_decide_certification_request,
    can_request_certification,
    can_view_certification_requests,
)


@login_required
def certification_request_create_view(request):
    """ "Ask the equity team for approval": the module (from the session form's link) and a reason."""
    require(can_request_certification(request.user))
    form = CertificationRequestForm(request.POST or None, initial={"module": request.GET.get("module")})
    if request.method == "POST" and form.is_valid():
        try:
            made = certification_request_create(
                author=request.user, module=form.cleaned_data["module"], reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Your request has been sent to the equity team."))
            return redirect("training:certification_request_detail", pk=made.pk)
    context = {"form": form, "on_roster": facilitator_of(request.user) is not None}
    return render(request, "training/certification_request_form.html", context)


@login_required
def certification_request_list_view(request):
    """Pending requests first (the equity team: everyone's; a facilitator: their own, with the outcome)."""
    require(can_view_certification_requests(request.user))
    filters = RequestFilterForm(request.GET or None)
    status = filters.cleaned_data["status"] if filters.is_valid() else ""
    page = page_of(request, certification_request_list_for_user(user=request.user, status=status))
    context = {"page_obj": page, "filters": filters, "can_decide": can_decide_certification_request(request.user)}
    return render(request, "training/certification_request_list.html", context)


@login_required
def certification_request_detail_view(request, pk: int):
    """A request and its outcome; the equity team approves or declines it here."""
    require(can_view_certification_requests(request.user))
    found = get_object_or_404(certification_request_list_for_user(user=request.user), pk=pk)
    can_decide = can_decide_certification_request(request.user) and found.status == CertificationRequest.Status.PENDING
    form = DecisionForm(request.POST or None) if can_decide else None
    status = 200
    if request.method == "POST":
        require(can_decide_certification_request(request.user))
        if form is None:
            messages.error(request, _("This request was already decided."))
            return render(request, "training/certification_request_detail.html", {"req": found}, status=409)
        if form.is_valid():
            try:
                certification_request_decide(
                    author=request.user,
                    request=found,
                    approve=form.cleaned_data["decision"] == CertificationRequest.Status.APPROVED,
                    note=form.cleaned_data["note"],
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
                status = 409 if getattr(exc, "code", "") == "stale" else 200
            else:
                messages.success(request, _("The request has been decided."))
                return redirect("training:certification_request_list")
    context = {"req": found, "form": form}
    return render(request, "training/certification_request_detail.html", context, status=status)


class CertificationRequestHistoryView(HistoryView):
    def get_queryset(self):
        if not can_decide_certification_request(self.request.user):
            raise PermissionDenied
        return certification_request_list_for_user(user=self.request.user)
