"""The shared attachment pages: upload to a record, download, remove. Every record is found through its owner type's
`..._for_user` selector (another department's record is a 404) and edits need its `can_edit` (else 403)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from equity.contributions import AttachmentOwner
from equity.evidence.checks import limits_text
from equity.evidence.forms import AttachmentForm
from equity.evidence.registry import owner_for_content_type, owner_for_key
from equity.evidence.services import attachment_add, attachment_delete
from equity.models import Attachment
from equity.views.shortcuts import add_service_errors, require


def _visible_attachment(request, pk: int) -> tuple[Attachment, AttachmentOwner, Any]:
    """The attachment, its owner type and its record, when the user may see the record; otherwise a 404."""
    attachment = get_object_or_404(Attachment.objects.select_related("owner_type"), pk=pk)
    owner_type = owner_for_content_type(attachment.owner_type)
    record = owner_type.visible(request.user).filter(pk=attachment.owner_id).first()
    if record is None:
        raise Http404
    return attachment, owner_type, record


@login_required
def attachment_create_view(request, owner: str, pk: int):
    """Attach a file to a record (its editors); on an error the form is shown again with every problem."""
    owner_type = owner_for_key(owner)
    record = get_object_or_404(owner_type.visible(request.user), pk=pk)
    require(owner_type.can_edit(request.user, record))
    form = AttachmentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            attachment_add(
                author=request.user, owner=record, upload=form.cleaned_data["file"], title=form.cleaned_data["title"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The file was attached."))
            return redirect(owner_type.detail_url(record))
    context = {"form": form, "record": record, "back_url": owner_type.detail_url(record), "limits": limits_text()}
    return render(request, "equity/attachment_form.html", context, status=400 if form.errors else 200)


@login_required
def attachment_download_view(request, pk: int):
    """Stream the file as a download, named as uploaded, never sniffed or shown inline."""
    attachment, _owner_type, _record = _visible_attachment(request, pk)
    try:
        handle = attachment.file.open("rb")
    except (FileNotFoundError, OSError):
        raise Http404 from None
    response = FileResponse(handle, as_attachment=True, filename=attachment.name, content_type=attachment.media_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def attachment_delete_view(request, pk: int):
    """Remove an attachment (the record's editors), audited."""
    attachment, owner_type, record = _visible_attachment(request, pk)
    require(owner_type.can_edit(request.user, record))
    attachment_delete(author=request.user, attachment=attachment)
    messages.success(request, _("The attachment “%(title)s” was removed.") % {"title": attachment.title})
    return redirect(owner_type.detail_url(record))
