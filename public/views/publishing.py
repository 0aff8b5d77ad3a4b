"""The equity team's publishing pages (staff portal): everything publishable with its state, the review step that
shows exactly what the public will see before a snapshot is taken, unpublishing, a publication's snapshots and its
history. Everyone else is refused (403); anonymous visitors go to the login page."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Page, Paginator
from django.http import Http404, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from equity.audit import HistoryView
from equity.views.shortcuts import add_service_errors, require
from library.models import NarrativeVersion
from public.addresses import VERSION_PAGES, page_path, version_path
from public.forms_publishing import PublishForm, UnpublishForm
from public.models import Publication
from public.permissions import can_publish
from public.selectors import publication_list_for_user
from public.selectors_publishing import (
    PUBLISHABLE,
    publication_for_record,
    publication_snapshots_for_user,
    publications_by_record,
    publish_candidates_for_user,
)
from public.services import SLUG_MAX, candidate, payload_digest, publish, snapshot_preview, unpublish
from public.suppression import suppressed_text, threshold

Kind = Publication.Kind
PER_PAGE = 20


@dataclass(frozen=True)
class Row:
    """One publishable record on the publishing page, with its publication if it ever had one."""

    kind: str
    object_id: int
    title: str
    staff_url: str
    publication: Publication | None

    @property
    def public_url(self) -> str | None:
        if self.publication is None or not self.publication.is_published:
            return None
        return page_path(self.kind, self.publication.slug)


def _staff_url(kind: str, record: Any) -> str:
    names = {
        Kind.PLAN: "plans:plan_detail",
        Kind.INDICATOR: "plans:indicator_detail",
        Kind.NARRATIVE: "library:narrative_detail",
        Kind.PRACTICE: "library:practice_detail",
    }
    return reverse(names[Kind(kind)], args=[record.pk])


def _title(kind: str, record: Any) -> str:
    return record.name if kind == Kind.INDICATOR else str(record) if kind == Kind.NARRATIVE else record.title


def _section(request, kind: str) -> dict:
    param = f"{kind}_page"
    page: Page = Paginator(PUBLISHABLE[Kind(kind)](user=request.user), PER_PAGE).get_page(request.GET.get(param))
    records = list(page.object_list)
    found = publications_by_record(user=request.user, kind=kind, object_ids=[r.pk for r in records])
    rows = [Row(kind, r.pk, _title(kind, r), _staff_url(kind, r), found.get(r.pk)) for r in records]
    return {
        "kind": kind,
        "label": Kind(kind).label,
        "page_obj": page,
        "rows": rows,
        "previous": _page_query(request, param, page.previous_page_number()) if page.has_previous() else None,
        "next": _page_query(request, param, page.next_page_number()) if page.has_next() else None,
    }


def _page_query(request, param: str, number: int) -> str:
    """The current query string with this list's page replaced (the other lists keep theirs)."""
    query = request.GET.copy()
    query[param] = str(number)
    return f"?{query.urlencode()}#{param.removesuffix('_page')}"


@login_required
def manage_view(request):
    """Everything the equity team may publish, by kind, each with its state on the public site."""
    require(can_publish(request.user))
    sections = [_section(request, kind) for kind in Kind.values]
    return render(request, "public/publishing/manage.html", {"sections": sections})


def _record(request, kind: str, object_id: int) -> Any:
    require(can_publish(request.user))
    if kind not in Kind.values:
        raise Http404
    return get_object_or_404(publish_candidates_for_user(user=request.user, kind=kind), pk=object_id)


def _hidden(kind: str, payload: dict) -> list[str]:
    """What the public will not see of this record, in words."""
    lines = []
    if kind == Kind.PLAN:
        if payload.get("show_people"):
            lines.append(_("Accountable persons' names: shown"))
        else:
            lines.append(_("Accountable persons' names: hidden (the public sees the lead department)"))
        lines.append(_("Internal notes, barriers, costs, worksheets: never published"))
    elif kind == Kind.INDICATOR:
        suppressed = sum(1 for row in payload.get("values", []) if row["suppressed"])
        message = ngettext(
            "%(n)s value is suppressed (fewer than %(min)s people)",
            "%(n)s values are suppressed (fewer than %(min)s people)",
            suppressed,
        )
        lines.append(message % {"n": suppressed, "min": threshold()})
        lines.append(_("Suppressed values are left out of the gap table and trends"))
    elif kind == Kind.NARRATIVE:
        lines.append(_("Drafts and earlier versions of the narrative: never published"))
    else:
        lines.append(_("Review notes, who suggested it, links to worksheets: never published"))
    return lines


def _carry(form: PublishForm, name: str, value: str) -> None:
    """Set a hidden field to `value`, also on a form redisplayed after a post."""
    form.initial[name] = value
    if form.is_bound:
        data = QueryDict(mutable=True)
        data.update(form.data)
        data[name] = value
        form.data = data


def _not_ready(record: Any) -> str:
    """Why `record` cannot be published yet, or ""."""
    try:
        found = candidate(record)
    except ValidationError as exc:
        return exc.messages[0]
    if found.kind == Kind.NARRATIVE and not record.versions.filter(status=NarrativeVersion.Status.PUBLISHED).exists():
        return _("Publish a version of the narrative in the library first.")
    return ""


def _show_people(request, form: PublishForm, publication: Publication | None) -> bool:
    if "show_people" not in form.fields:
        return False
    if form.is_bound:
        return bool(form.data.get("show_people"))
    if "names" in request.GET:
        return request.GET["names"] == "1"
    return bool(publication and publication.show_people)


@login_required
def publish_view(request, kind: str, object_id: int):
    """The review step: the snapshot that would be taken now, rendered as the public will see it, what stays hidden,
    and the confirmation form. A record that is not ready shows why, without a form."""
    record = _record(request, kind, object_id)
    publication = publication_for_record(user=request.user, kind=kind, object_id=object_id)
    title = _title(kind, record)
    context: dict[str, Any] = {"kind": kind, "record": record, "publication": publication, "title": title}
    reason = _not_ready(record)
    if reason:
        context["not_ready"] = reason
        status = 409 if request.method == "POST" else 200
        return render(request, "public/publishing/publish.html", context, status=status)
    initial = {
        "version": publication.version if publication else 0,
        "slug": publication.slug if publication else slugify(title)[:SLUG_MAX].strip("-"),
        "show_people": bool(publication and publication.show_people),
    }
    form = PublishForm(
        request.POST if request.method == "POST" else None, initial=initial, with_people=kind == Kind.PLAN
    )
    show_people = _show_people(request, form, publication)
    if not form.is_bound and "show_people" in form.fields:
        form.initial["show_people"] = show_people
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            snapshot = publish(
                author=request.user,
                record=record,
                slug=data["slug"],
                show_people=data.get("show_people", False),
                note=data["note"],
                version=data["version"],
                reviewed=data["reviewed"] or "-",
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            message = _("Published: the public site now shows version %(n)s.") % {"n": snapshot.number}
            messages.success(request, message)
            return redirect("public:publication", pk=snapshot.publication_id)
    try:
        payload = snapshot_preview(author=request.user, record=record, show_people=show_people)
        plain = snapshot_preview(author=request.user, record=record) if show_people else payload
    except ValidationError as exc:  # e.g. the narrative's published version was withdrawn since the check above
        context["not_ready"] = exc.messages[0]
        return render(request, "public/publishing/publish.html", context, status=409)
    _carry(form, "reviewed", payload_digest(plain))  # the preview this page shows is the one confirmed next
    context.update(
        {
            "form": form,
            "payload": payload,
            "hidden": _hidden(kind, payload),
            "show_people": show_people,
            "suppressed_text": suppressed_text(),
        }
    )
    status = 409 if form.has_error("__all__", "stale") else 400 if form.errors else 200
    return render(request, "public/publishing/publish.html", context, status=status)


def _publication(request, pk: int) -> Publication:
    require(can_publish(request.user))
    return get_object_or_404(publication_list_for_user(user=request.user).defer("current__payload"), pk=pk)


@login_required
def unpublish_view(request, pk: int):
    """Confirm, then take a publication off the public site at once (its snapshots are kept)."""
    publication = _publication(request, pk)
    form = UnpublishForm(request.POST if request.method == "POST" else None, initial={"version": publication.version})
    if request.method == "POST" and form.is_valid():
        try:
            unpublish(author=request.user, publication=publication, version=form.cleaned_data["version"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("“%(title)s” is no longer on the public site.") % {"title": publication.title})
            return redirect("public:publication", pk=publication.pk)
    context = {"publication": publication, "form": form, "public_url": _public_url(publication)}
    status = 409 if form.has_error("__all__", "stale") else 400 if form.errors else 200
    return render(request, "public/publishing/unpublish.html", context, status=status)


def _public_url(publication: Publication) -> str | None:
    return page_path(publication.kind, publication.slug) if publication.is_published else None


@login_required
def publication_view(request, pk: int):
    """A publication: its state, its snapshots (with links to each public version) and how to change it."""
    publication = _publication(request, pk)
    snapshots = [
        (
            snapshot,
            version_path(publication.kind, publication.slug, snapshot.number)
            if publication.kind in VERSION_PAGES
            else None,
        )
        for snapshot in publication_snapshots_for_user(user=request.user, publication=publication)
    ]
    context = {
        "publication": publication,
        "snapshots": snapshots,
        "public_url": _public_url(publication),
        "publish_url": reverse("public:publish", args=[publication.kind, publication.object_id]),
    }
    return render(request, "public/publishing/publication.html", context)


class PublicationHistoryView(HistoryView):
    """Every change to a publication: published (which snapshot, by whom), unpublished, its address."""

    hidden_fields = ("version",)

    def get_queryset(self):
        if not can_publish(self.request.user):
            raise PermissionDenied
        return publication_list_for_user(user=self.request.user)
