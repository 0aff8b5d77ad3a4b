"""The content translation pages: the list of translatable records with their status per language, the side-by-side
editor of one record in one language, and a translation's history (the core's one History page). Records are found
through their app's `..._for_user` selector (another department's record is a 404); editing needs the equity team or
the record's editors (else 403)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from equity.audit import HistoryView
from equity.concurrency import StaleEdit
from equity.i18n.languages import translated_language_codes
from equity.pagination import page_of
from equity.translations.forms import STATE_HELP, TranslationForm
from equity.translations.models import ContentTranslation
from equity.translations.registry import (
    can_translate,
    language_for_code,
    record_parts,
    record_type_for_key,
    translatable_records,
)
from equity.translations.selectors import is_english_changed, part_key, record_statuses, translations_for_parts
from equity.translations.services import content_translations_save
from equity.views.shortcuts import add_service_errors, require


@login_required
def translation_list_view(request):
    """A page of one kind of record (`?type=`), each with its status in every language (fixed queries per page)."""
    record_types = translatable_records()
    key = request.GET.get("type") or next(iter(record_types))
    record_type = record_types.get(key) or record_type_for_key("")
    page = page_of(request, record_type.visible(request.user).order_by("pk"))
    records = list(page.object_list)
    statuses = record_statuses(parts=record_parts(record_type, records))
    rows = [{"record": record, "statuses": statuses.get(record.pk, [])} for record in records]
    context = {
        "record_types": record_types.values(),
        "record_type": record_type,
        "rows": rows,
        "page_obj": page,
        "languages": translated_language_codes(),
    }
    return render(request, "equity/translation_list.html", context)


def _record(request, owner: str, pk: int):
    record_type = record_type_for_key(owner)
    record = get_object_or_404(record_type.visible(request.user), pk=pk)
    return record_type, record


@login_required
def translation_edit_view(request, owner: str, pk: int, language: str):
    """The English of each piece beside its translation into `language`, with a review state each."""
    record_type, record = _record(request, owner, pk)
    code, name = language_for_code(language)
    require(can_translate(request.user, record_type, record))
    parts = record_parts(record_type, [record])
    found = translations_for_parts(parts=parts, language=code)
    existing = {i: found.get(part_key(part)) for i, part in enumerate(parts)}
    form = TranslationForm(request.POST or None, parts=parts, existing=existing, language=code, language_name=name)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            content_translations_save(
                user=request.user, record_type=record_type, record=record, language=code, pieces=form.pieces()
            )
        except StaleEdit as exc:
            form.add_error(None, exc)
            status = 409
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The %(language)s translation was saved.") % {"language": name})
            return redirect("translation_edit", owner=owner, pk=pk, language=code)
    if form.errors and status == 200:
        status = 400
    rows = []
    for row in form.rows():
        translation = existing[row["index"]]
        changed = translation is not None and is_english_changed(row["part"], translation)
        rows.append(row | {"translation": translation, "changed": changed})
    context = {
        "form": form,
        "rows": rows,
        "record": record,
        "record_type": record_type,
        "language": code,
        "language_name": name,
        "languages": [(c, language_for_code(c)[1]) for c in translated_language_codes()],
        "back_url": record_type.detail_url(record),
        "state_help": STATE_HELP,
    }
    return render(request, "equity/translation_form.html", context, status=status)


class TranslationHistoryView(HistoryView):
    """The history of one piece's translation, reached from the record's side-by-side page."""

    def get_queryset(self):
        record_type, record = _record(self.request, self.kwargs["owner"], self.kwargs["record_pk"])
        require(can_translate(self.request.user, record_type, record))
        keys = {part_key(part) for part in record_parts(record_type, [record])}
        translation = ContentTranslation.objects.filter(pk=self.kwargs["pk"]).first()
        if translation is None or (translation.content_type_id, translation.object_id, translation.field) not in keys:
            raise Http404
        return ContentTranslation.objects.filter(pk=translation.pk)
