"""The equity team's embed page (/publishing/embed/): the sites allowed to frame the widgets (add, remove) and the
copy-paste code of every widget and badge."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from public.embed_forms import EMBED_ORIGINS_MAX, EmbedOriginForm
from public.embed_selectors import embed_codes, embed_origin_list_for_user
from public.permissions import can_publish
from public.services import embed_origin_add, embed_origin_remove


def _require_equity_team(request) -> None:
    if not can_publish(request.user):
        raise PermissionDenied


@login_required
def embed_code_view(request) -> HttpResponse:
    _require_equity_team(request)
    form = EmbedOriginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            origin = embed_origin_add(author=request.user, origin=form.origin_record())
        except IntegrityError:  # the same site added at the same moment by someone else
            form.add_error("origin", _("%(origin)s is already allowed.") % {"origin": form.cleaned_data["origin"]})
        else:
            messages.success(request, _("%(origin)s may now embed the widgets.") % {"origin": origin.origin})
            return redirect("public:embed_code")
    context = {
        "form": form,
        "origins": embed_origin_list_for_user(user=request.user),
        "origins_max": EMBED_ORIGINS_MAX,
        "codes": embed_codes(absolute=request.build_absolute_uri),
    }
    return render(request, "public/embed_code.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def embed_origin_remove_view(request, pk: int) -> HttpResponse:
    _require_equity_team(request)
    origin = get_object_or_404(embed_origin_list_for_user(user=request.user), pk=pk)
    embed_origin_remove(author=request.user, origin=origin)
    messages.success(request, _("%(origin)s may no longer embed the widgets.") % {"origin": origin.origin})
    return redirect("public:embed_code")
