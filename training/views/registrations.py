"""Self-registration: register and cancel, the calendar invitation, taking attendance from the registrations,
and the public certificate verification page."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from equity.addresses import client_address
from equity.cache import cache_add, cache_get, cache_incr
from training.ics import session_ics
from training.models import Registration
from training.permissions import can_log_session
from training.registration import registration_cancel, registration_register
from training.registration_selectors import certificate_by_code, my_registration
from training.services import roster_add_registered
from training.views.sessions import _editable_session, _visible_session

# Public verification: at most this many unknown codes per client address and window, then 429.
VERIFY_MISSES_ALLOWED = 20
VERIFY_WINDOW_SECONDS = 15 * 60


@login_required
@require_POST
def session_register_view(request, pk: int):
    session = _visible_session(request, pk)
    try:
        registration = registration_register(author=request.user, session=session)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        if registration.status == Registration.Status.WAITING:
            position = my_registration(user=request.user, session=session)
            ahead = position.ahead if position is not None else 0  # type: ignore[attr-defined]
            messages.warning(
                request,
                _("The session is full: you are number %(n)d on the waiting list. You get a place when one frees up.")
                % {"n": ahead + 1},
            )
        else:
            messages.success(request, _("You are registered for this session."))
    return redirect("training:session_detail", pk=session.pk)


@login_required
@require_POST
def registration_cancel_view(request, pk: int):
    """Cancel a registration: your own; facilitators and the equity team anyone's on sessions they see."""
    qs = Registration.objects.select_related("session")
    if not can_log_session(request.user):
        qs = qs.filter(user=request.user)
    registration = get_object_or_404(qs, pk=pk)
    session = _visible_session(request, registration.session_id)
    try:
        promoted = registration_cancel(author=request.user, registration=registration)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        text = _("The registration has been cancelled.")
        if promoted:
            text += " " + _("The next person on the waiting list has the place.")
        messages.success(request, text)
    if request.POST.get("next") == "me":
        return redirect("training:my_record")
    return redirect("training:session_detail", pk=session.pk)


@login_required
@require_GET
def session_ics_view(request, pk: int):
    """The calendar invitation of a session the user holds a place on (registered; not waiting)."""
    session = _visible_session(request, pk)
    get_object_or_404(Registration, session=session, user=request.user, status=Registration.Status.REGISTERED)
    url = request.build_absolute_uri(reverse("training:session_detail", args=[session.pk]))
    response = HttpResponse(session_ics(session=session, url=url), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="training-session-{session.pk}.ics"'
    return response


@login_required
@require_POST
def roster_from_registrations_view(request, pk: int):
    session = _editable_session(request, pk)
    added = roster_add_registered(author=request.user, session=session)
    messages.success(
        request,
        _("%(n)d registered people were added to the roster as attended: mark no-shows and partial attendance here.")
        % {"n": len(added)},
    )
    return redirect("training:roster_edit", pk=session.pk)


@require_GET
def certificate_verify_view(request, code: str):
    """Public (no login): confirms a certificate by its code, showing only the name, module, date and city.
    Unknown codes answer 404; after too many unknown codes from one address, 429 (no help guessing codes)."""
    key = f"training:verify-misses:{client_address(request) or 'unknown'}"
    if (cache_get(key) or 0) >= VERIFY_MISSES_ALLOWED:
        return render(request, "training/verify_limited.html", status=429)
    attendance = certificate_by_code(code=code)
    if attendance is None:
        if not cache_add(key, 1, VERIFY_WINDOW_SECONDS) and cache_incr(key) is None:
            cache_add(key, 1, VERIFY_WINDOW_SECONDS)  # expired between the two calls (or the cache is down)
        return render(request, "training/verify_unknown.html", status=404)
    name = attendance.user.full_name if attendance.user else attendance.external_name
    context = {"name": name, "module": attendance.session.module.title, "date": attendance.session.date,
               "city": settings.CITY_NAME, "code": attendance.verification_code}  # fmt: skip
    response = render(request, "training/verify.html", context)
    response["X-Robots-Tag"] = "noindex"
    response["Referrer-Policy"] = "no-referrer"
    return response
