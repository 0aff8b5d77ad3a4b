"""The inbox (/notifications/), its unread count for the header, the preferences page, and one-click unsubscribe."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from equity.notifications.forms import PreferencesForm
from equity.notifications.kinds import Delivery, notification_kinds
from equity.notifications.preferences import preferences_for_user
from equity.notifications.selectors import notification_list_for_user, notifications_still_visible
from equity.notifications.services import notification_mark_read, notifications_mark_all_read, preference_set
from equity.notifications.unsubscribe import unsubscribe_apply, unsubscribe_read
from equity.pagination import page_of


@login_required
@require_GET
def notification_list_view(request):
    """The person's notifications, newest first; `?show=unread` for the unread ones only."""
    unread_only = request.GET.get("show") == "unread"
    qs = notification_list_for_user(user=request.user)
    if unread_only:
        qs = qs.filter(read_at__isnull=True)
    page = page_of(request, qs)
    visible = notifications_still_visible(user=request.user, notifications=page.object_list)
    kinds = notification_kinds()
    rows = [(note, note.pk in visible, kinds.get(note.kind)) for note in page.object_list]
    return render(request, "notifications/list.html", {"page": page, "rows": rows, "unread_only": unread_only})


@login_required
@require_GET
def notification_open_view(request, pk: int):
    """Follow a notification's link: it is marked read on the way (a record no longer visible: back to the inbox)."""
    note = get_object_or_404(notification_list_for_user(user=request.user), pk=pk)
    notification_mark_read(user=request.user, notification=note)
    visible = notifications_still_visible(user=request.user, notifications=[note])
    if note.pk in visible and url_has_allowed_host_and_scheme(note.url, allowed_hosts=None):
        return redirect(note.url)
    messages.info(request, _("That record is no longer available to you."))
    return redirect("notification_list")


@login_required
@require_POST
def notification_read_view(request, pk: int):
    """Mark one notification read."""
    note = get_object_or_404(notification_list_for_user(user=request.user), pk=pk)
    notification_mark_read(user=request.user, notification=note)
    if request.htmx:
        return render(request, "notifications/_count.html")
    return redirect(_back(request))


@login_required
@require_POST
def notification_read_all_view(request):
    """Mark every notification read."""
    count = notifications_mark_all_read(user=request.user)
    messages.success(
        request,
        ngettext("%(count)d notification marked read.", "%(count)d notifications marked read.", count)
        % {"count": count},
    )
    return redirect(_back(request))


@login_required
@require_GET
def notification_count_view(request):
    """The header's unread count, for htmx to refresh (no query: the count is on the person's row)."""
    request.user.refresh_from_db(fields=["unread_notifications"])
    return render(request, "notifications/_count.html")


@login_required
@require_http_methods(["GET", "POST"])
def notification_preferences_view(request):
    """How the person hears about each kind of event."""
    current = preferences_for_user(user=request.user)
    form = PreferencesForm(request.POST or None, current=current)
    if request.method == "POST" and form.is_valid():
        changed = 0
        for code, value in form.cleaned_data.items():
            if value != current[code]:
                preference_set(user=request.user, kind=code, delivery=Delivery(value))
                changed += 1
        messages.success(request, _("Your notification preferences are saved."))
        return redirect("notification_preferences")
    return render(request, "notifications/preferences.html", {"form": form})


@csrf_exempt  # RFC 8058: mail clients POST without a session; the signed token is the credential
@require_http_methods(["GET", "POST"])
def notification_unsubscribe_view(request, token: str):
    """GET: a page with a button (link scanners follow GETs, so nothing changes); POST: e-mails off, one click."""
    wanted = unsubscribe_read(token)
    if wanted is None:
        return render(request, "notifications/unsubscribe.html", {"invalid": True}, status=404)
    kinds = notification_kinds()
    if request.method == "POST":
        codes = unsubscribe_apply(wanted)
        labels = [str(kinds[code].label) for code in codes]
        if "List-Unsubscribe" in request.POST:  # the mail client's one-click request
            return HttpResponse(_("Unsubscribed."), content_type="text/plain; charset=utf-8")
        return render(request, "notifications/unsubscribe.html", {"done": True, "labels": labels, "wanted": wanted})
    label = str(kinds[wanted.kind].label) if wanted.kind else ""
    return render(request, "notifications/unsubscribe.html", {"wanted": wanted, "label": label})


def _back(request) -> str:
    """Where to return after a form post: the page it came from when that is the portal's, else the inbox."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return "notification_list"
