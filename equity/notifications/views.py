"""The inbox (/notifications/), its unread count for the header, the preferences page, and one-click unsubscribe."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from equity.notifications.forms import PreferencesForm
from equity.notifications.kinds import notification_kinds
from equity.notifications.preferences import preferences_for_user
from equity.notifications.selectors import notification_list_for_user, notification_rows
from equity.notifications.services import notification_mark_read, notifications_mark_all_read, preference_set
from equity.notifications.unsubscribe import Unsubscribe, unsubscribe_apply, unsubscribe_read
from equity.pagination import page_of

# htmx stops polling on this status: a signed-out browser's header stops asking for the count.
HTMX_STOP_POLLING = 286


@login_required
@require_GET
def notification_list_view(request):
    """The person's notifications, newest first; `?show=unread` for the unread ones only."""
    unread_only = request.GET.get("show") == "unread"
    qs = notification_list_for_user(user=request.user)
    if unread_only:
        qs = qs.filter(read_at__isnull=True)
    page = page_of(request, qs)
    rows = notification_rows(user=request.user, notifications=page.object_list)
    context = {"page_obj": page, "rows": rows, "unread_only": unread_only, "next": request.get_full_path()}
    return render(request, "notifications/list.html", context)


@login_required
@require_GET
def notification_open_view(request, pk: int):
    """Follow a notification's link: it is marked read on the way (a record no longer visible: back to the inbox)."""
    note = get_object_or_404(notification_list_for_user(user=request.user), pk=pk)
    notification_mark_read(user=request.user, notification=note)
    row = notification_rows(user=request.user, notifications=[note])[0]
    if row.visible and note.url and url_has_allowed_host_and_scheme(note.url, allowed_hosts=None):
        return redirect(note.url)
    messages.info(request, _("That record is no longer available to you."))
    return redirect("notification_list")


@login_required
@require_POST
def notification_read_view(request, pk: int):
    """Mark one notification read; htmx gets the row back and the header's count (out of band)."""
    note = get_object_or_404(notification_list_for_user(user=request.user), pk=pk)
    notification_mark_read(user=request.user, notification=note)
    if request.htmx:
        note.refresh_from_db(fields=["read_at"])
        request.user.refresh_from_db(fields=["unread_notifications"])
        row = notification_rows(user=request.user, notifications=[note])[0]
        context = {"row": row, "just_read": True, "next": request.POST.get("next", "")}
        return render(request, "notifications/_read.html", context)
    messages.success(request, _("Marked read: %(title)s") % {"title": note.title})
    return redirect(_back(request))


@login_required
@require_POST
def notification_read_all_view(request):
    """Mark every notification read."""
    count = notifications_mark_all_read(user=request.user)
    if count:
        text = ngettext("%(count)d notification marked read.", "%(count)d notifications marked read.", count)
        messages.success(request, text % {"count": count})
    else:
        messages.info(request, _("You had no unread notifications."))
    return redirect(_back(request))


@never_cache
@require_GET
def notification_count_view(request):
    """The header's unread count, for htmx to refresh every minute (no query: the count is on the person's row)."""
    if not request.user.is_authenticated:
        if request.htmx:  # signed out in another tab: stop polling rather than swap the login page into the header
            return HttpResponse(status=HTMX_STOP_POLLING)
        return redirect_to_login(request.get_full_path())
    return render(request, "notifications/_count.html")


@login_required
@require_http_methods(["GET", "POST"])
def notification_preferences_view(request):
    """How the person hears about each kind of event (a tampered value is a field error and nothing is saved)."""
    current = preferences_for_user(user=request.user)
    form = PreferencesForm(request.POST or None, user=request.user, current=current)
    if request.method == "POST" and form.is_valid():
        changed = form.changed_choices(current)
        with transaction.atomic():
            for code, delivery in changed.items():
                preference_set(user=request.user, kind=code, delivery=delivery)
        if changed:
            messages.success(request, _("Your notification preferences are saved."))
        else:
            messages.info(request, _("Nothing changed: your notification preferences are as they were."))
        return redirect("notification_preferences")
    context = {"form": form, "digest_time": datetime.time(settings.NOTIFICATIONS_DIGEST_HOUR)}
    return render(request, "notifications/preferences.html", context, status=400 if form.errors else 200)


@csrf_exempt  # RFC 8058: mail clients POST without a session or cookie; the signed token is the credential
@require_http_methods(["GET", "POST"])
def notification_unsubscribe_view(request, token: str):
    """GET: a page with a button (link scanners follow GETs, so nothing changes); POST: e-mails off, one click."""
    wanted = unsubscribe_read(token)
    if wanted is None:
        return render(request, "notifications/unsubscribe_invalid.html", status=404)
    if request.method == "POST":
        codes = unsubscribe_apply(wanted)
        if request.POST.get("List-Unsubscribe") == "One-Click":  # the mail client's request: plain text
            return HttpResponse(_("Unsubscribed."), content_type="text/plain; charset=utf-8")
        context = {"done": True, "labels": _labels(codes), "wanted": wanted}
        return render(request, "notifications/unsubscribe.html", context)
    return render(request, "notifications/unsubscribe.html", {"wanted": wanted, "labels": _stopping(wanted)})


def _labels(codes: list[str]) -> list[str]:
    kinds = notification_kinds()
    return [str(kinds[code].label) for code in codes if code in kinds]


def _stopping(wanted: Unsubscribe) -> list[str]:
    """What a POST would turn off: the one kind, or the kinds the digest carries now."""
    if wanted.kind:
        return _labels([wanted.kind])
    chosen = preferences_for_user(user=wanted.user)
    return _labels([code for code, delivery in chosen.items() if delivery == wanted.digest])


def _back(request) -> str:
    """Where to return after a form post: the page it came from when that is the portal's, else the inbox."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return "notification_list"
