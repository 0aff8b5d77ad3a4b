"""/languages/: the translation status page for the equity team, and each language's entries to review."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import get_language_info

from equity import permissions
from equity.i18n.forms import EntryFilterForm
from equity.i18n.languages import translated_language_codes
from equity.i18n.status import entries_matching, language_rows
from equity.pagination import page_of


@login_required
def translation_status_view(request):
    if not permissions.can_view_translation_status(request.user):
        raise PermissionDenied
    return render(request, "equity/translation/status.html", {"rows": language_rows()})


@login_required
def translation_entries_view(request, code: str):
    if not permissions.can_view_translation_status(request.user):
        raise PermissionDenied
    if code not in translated_language_codes():
        raise Http404
    filters = EntryFilterForm(request.GET or None)
    params = filters.cleaned_data if filters.is_valid() else {}
    entries = entries_matching(
        code, state=params.get("state", ""), public_only=params.get("public", False), text=params.get("q", "")
    )
    context = {
        "code": code,
        "language": get_language_info(code),
        "filters": filters,
        "page_obj": page_of(request, entries),
    }
    return render(request, "equity/translation/entries.html", context)
