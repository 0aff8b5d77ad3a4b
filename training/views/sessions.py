"""Sessions: the list, the upcoming calendar, a session with its roster, logging and editing."""

from __future__ import annotations

from datetime import date
from itertools import groupby

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from equity.audit import HistoryView
from equity.evidence.selectors import attach_panels
from equity.models import User
from equity.pagination import page_of
from equity.views.shortcuts import add_service_errors, require
from training.approvals import approval_offer_from_form
from training.forms import (
    CapacityConfirmForm,
    EvaluationForm,
    RosterFormSet,
    RosterPageFormSet,
    SessionFilterForm,
    SessionForm,
    StaffChoices,
    staff_choices,
)
from training.models import Session
from training.permissions import can_log_session, can_override_facilitators
from training.registration import registration_closed_reason, session_starts_at
from training.registration_selectors import my_registration, session_registration_rows
from training.selectors import (
    evaluation_summary,
    session_get_for_user,
    session_list_for_user,
    session_roster_for_user,
    upcoming_session_list_for_user,
    visible_sessions_for_user,
)
from training.services import (
    RosterRow,
    evaluation_save,
    roster_save,
    roster_stamp,
    session_delete,
    session_log,
    session_save,
)


def session_filters(request) -> tuple[SessionFilterForm, dict]:
    """The list filters from the query string; invalid values are ignored, never a 500."""
    filters = SessionFilterForm(request.GET or None)
    params = filters.cleaned_data if filters.is_valid() else {}
    return filters, {
        "module": params.get("module"),
        "department": params.get("department"),
        "date_from": params.get("date_from"),
        "date_to": params.get("date_to"),
        "session_format": params.get("format", ""),
    }


@login_required
def session_list_view(request):
    filters, params = session_filters(request)
    sessions = session_list_for_user(user=request.user, **params)
    page = page_of(request, sessions)
    return render(
        request,
        "training/session_list.html",
        {"page_obj": page, "filters": filters, "can_log": can_log_session(request.user)},
    )


@login_required
def session_calendar_view(request):
    """Upcoming sessions grouped by month and day."""
    mine = request.GET.get("mine") == "1"
    sessions = upcoming_session_list_for_user(user=request.user, facilitator_only=mine)
    page = page_of(request, sessions)
    context = {
        "page_obj": page,
        "months": _by_month_and_day(page),
        "mine": mine,
        "can_log": can_log_session(request.user),
    }
    return render(request, "training/session_calendar.html", context)


def _by_month_and_day(sessions) -> list[tuple[str, list[tuple[date, list[Session]]]]]:
    """(month name and year, [(day, sessions)]) in the sessions' order; each month's name formatted once (the
    template's `regroup` formatted every session's date to find the months)."""
    months: list[tuple[str, list[tuple[date, list[Session]]]]] = []
    for (year, month), in_month in groupby(sessions, key=lambda s: (s.date.year, s.date.month)):
        days = [(day, list(on_day)) for day, on_day in groupby(in_month, key=lambda s: s.date)]
        months.append((date_format(date(year, month, 1), "F Y"), days))
    return months


def _visible_session(request, pk: int) -> Session:
    return get_object_or_404(session_list_for_user(user=request.user), pk=pk)


@login_required
def session_detail_view(request, pk: int):
    session = session_get_for_user(user=request.user, pk=pk)
    if session is None:
        raise Http404
    can_log = can_log_session(request.user)
    roster = session_roster_for_user(user=request.user, session=session, with_evaluations=can_log)
    page = page_of(request, roster)
    # Self-registration: for the people who take attendance, everyone registered and waiting (the user's own place
    # is then read from those rows).
    registrations = session_registration_rows(session=session) if can_log else None
    context = {
        "session": session,
        "page_obj": page,
        "co_facilitators": list(session.co_facilitators.select_related("user")),
        "evaluation": evaluation_summary(session=session),
        "can_log": can_log,
        "evaluation_form": EvaluationForm(session=session, on_page=list(page)) if can_log else None,
        # The user's own place and why registering is closed (if it is).
        "my_registration": my_registration(user=request.user, session=session, rows=registrations),
        "registration_closed": registration_closed_reason(session=session),
        "session_started": session_starts_at(session) <= timezone.now(),
        "registrations": registrations,
    }
    attach_panels(user=request.user, objects=[session])
    return render(request, "training/session_detail.html", context)


def _roster_rows(formset) -> list[RosterRow]:
    """Turn the grid's filled rows into RosterRow values (users fetched in one query)."""
    forms = [f for f in formset.forms if f.cleaned_data and not f.is_blank()]
    users = User.objects.in_bulk([f.cleaned_data["user"] for f in forms if f.cleaned_data.get("user")])
    rows = []
    for form in forms:
        data = form.cleaned_data
        rows.append(
            RosterRow(
                pk=data.get("id"),
                user=users.get(data.get("user")),
                external_name=data.get("external_name", ""),
                external_organisation=data.get("external_organisation", ""),
                external_individual=data.get("external_individual", False),
                status=data["status"],
                minutes=data.get("minutes"),
                completed=data.get("completed", False),
                delete=data.get("DELETE", False),
            )
        )
    return rows


def _capacity_error(exc: ValidationError) -> bool:
    return (
        any(getattr(e, "code", None) == "over_capacity" for e in exc.error_list)
        if hasattr(exc, "error_list")
        else False
    )


@login_required
def session_create_view(request):
    """Log a session and its attendance in one form."""
    require(can_log_session(request.user))
    override = can_override_facilitators(request.user)
    form = SessionForm(request.POST or None, can_override=override)
    choices = staff_choices()
    formset = RosterFormSet(request.POST or None, prefix="roster", form_kwargs={"staff_choices": choices})
    confirm = CapacityConfirmForm(request.POST or None)
    roster_errors: list[str] = []
    ask_confirm = False
    if request.method == "POST" and form.is_valid() and formset.is_valid() and confirm.is_valid():
        session = form.save(commit=False)
        try:
            session_log(
                author=request.user,
                session=session,
                co_facilitators=list(form.cleaned_data["co_facilitators"]),
                rows=_roster_rows(formset),
                confirm_over_capacity=confirm.cleaned_data["confirm_over_capacity"],
            )
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                add_service_errors(form, exc)
            else:
                roster_errors = exc.messages
                ask_confirm = _capacity_error(exc)
                form.add_error(None, _("The roster has problems: see below."))
        else:
            messages.success(request, _("The session and its roster have been saved."))
            return redirect("training:session_detail", pk=session.pk)
    context = {"form": form, "formset": formset, "confirm": confirm, "roster_errors": roster_errors,
               "ask_confirm": ask_confirm, "session": None}  # fmt: skip
    context["approval_offer"] = approval_offer_from_form(user=request.user, form=form)
    return render(request, "training/session_form.html", context)


def _editable_session(request, pk: int) -> Session:
    session = _visible_session(request, pk)
    require(can_log_session(request.user))
    return session


@login_required
def session_update_view(request, pk: int):
    session = _editable_session(request, pk)
    override_before = session.facilitator_override
    form = SessionForm(request.POST or None, instance=session, can_override=can_override_facilitators(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            session_save(
                author=request.user,
                session=form.save(commit=False),
                co_facilitators=list(form.cleaned_data["co_facilitators"]),
                expected_revision=form.cleaned_data["revision"],
                override_before=override_before,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The session has been saved."))
            return redirect("training:session_detail", pk=session.pk)
    offer = approval_offer_from_form(user=request.user, form=form)
    return render(request, "training/session_form.html", {"form": form, "session": session, "approval_offer": offer})


def _roster_page_formset(request, session: Session):
    """The grid for one page of the roster (`?page=`): its rows, then empty rows to add people. An existing row
    offers only its own person (remove it and add the other person to change who it is), so the page costs the
    same whatever the size of the roster and of the staff list."""
    rows = session.attendances.select_related("user").order_by("user__full_name", "external_name", "pk")
    page = page_of(request, rows)
    initial = [
        {"id": a.pk, "user": a.user_id, "external_name": a.external_name,
         "external_organisation": a.external_organisation, "external_individual": a.external_individual,
         "status": a.status, "minutes": a.minutes, "completed": a.completed}
        for a in page
    ]  # fmt: skip
    own = {a.pk: [(a.user_id, f"{a.user.full_name} ({a.user.email})")] if a.user_id else [] for a in page}
    formset = RosterPageFormSet(
        request.POST or None,
        prefix="roster",
        initial=initial,
        own_choices=own,
        staff_choices=StaffChoices(staff_choices()),
    )
    return page, formset


@login_required
def roster_edit_view(request, pk: int):
    """The roster grid of an existing session, a page at a time: change statuses, add and remove people."""
    session = _editable_session(request, pk)
    page, formset = _roster_page_formset(request, session)
    confirm = CapacityConfirmForm(request.POST or None)
    roster_errors: list[str] = []
    ask_confirm = False
    stamp = request.POST.get("roster_stamp") if request.method == "POST" else roster_stamp(session=session)
    if request.method == "POST" and formset.is_valid() and confirm.is_valid():
        try:
            roster_save(
                author=request.user,
                session=session,
                rows=_roster_rows(formset),
                confirm_over_capacity=confirm.cleaned_data["confirm_over_capacity"],
                expected_stamp=stamp or "",
            )
        except ValidationError as exc:
            roster_errors = exc.messages
            ask_confirm = _capacity_error(exc)
        else:
            messages.success(request, _("The roster has been saved."))
            return redirect("training:session_detail", pk=session.pk)
    context = {"session": session, "formset": formset, "confirm": confirm, "roster_errors": roster_errors,
               "ask_confirm": ask_confirm, "stamp": stamp, "page_obj": page}  # fmt: skip
    return render(request, "training/roster_form.html", context)


@login_required
@require_POST
def session_delete_view(request, pk: int):
    session = _editable_session(request, pk)
    session_delete(author=request.user, session=session)
    messages.success(request, _("The session and its roster have been deleted."))
    return redirect("training:session_list")


@login_required
@require_POST
def evaluation_create_view(request, pk: int):
    """Add pre/post survey scores to a session (one participant's or aggregated)."""
    session = _editable_session(request, pk)
    form = EvaluationForm(request.POST, session=session)
    if not form.is_valid():
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            text = " ".join(str(error) for error in errors)
            messages.error(request, f"{label}: {text}" if label else text)
        return redirect("training:session_detail", pk=session.pk)
    try:
        with transaction.atomic():
            evaluation_save(author=request.user, session=session, **form.cleaned_data)
    except ValidationError as exc:
        if not hasattr(exc, "error_dict"):
            return HttpResponseBadRequest(" ".join(exc.messages))
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The evaluation scores have been added."))
    return redirect("training:session_detail", pk=session.pk)


class SessionHistoryView(HistoryView):
    def get_queryset(self):
        qs = visible_sessions_for_user(user=self.request.user)
        if not can_log_session(self.request.user):
            get_object_or_404(qs, pk=self.kwargs["pk"])
            raise PermissionDenied
        return qs
