"""Narrative pages: list, read, write a draft, publish, compare versions, history."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Max, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from equity.audit import HistoryView
from library.comparison import narrative_versions_diff
from library.forms import NarrativeCreateForm, NarrativeSectionFormSet, NarrativeVersionForm
from library.models import NarrativeVersion
from library.permissions import can_edit_narrative
from library.selectors import (
    narrative_draft,
    narrative_latest,
    narrative_list_for_user,
    narrative_version_list_for_user,
    narrative_version_sections_load,
    narrative_version_with_sections,
)
from library.services.narratives import (
    SectionInput,
    narrative_create,
    narrative_draft_save,
    narrative_version_publish,
)


@login_required
def narrative_list_view(request):
    """The city-wide narrative and any department narratives."""
    narratives = narrative_list_for_user(user=request.user).annotate(
        published_at=Max("versions__published_at", filter=Q(versions__status=NarrativeVersion.Status.PUBLISHED)),
        drafts=Count("versions", filter=Q(versions__status=NarrativeVersion.Status.DRAFT)),
    )
    context = {"narratives": narratives, "can_edit": can_edit_narrative(request.user)}
    return render(request, "library/narrative_list.html", context)


@login_required
def narrative_create_view(request):
    """Start the city's (or a department's) narrative."""
    if not can_edit_narrative(request.user):
        raise PermissionDenied
    form = NarrativeCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            narrative = narrative_create(
                author=request.user, department=form.cleaned_data["department"], title=form.cleaned_data["title"]
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Narrative started. Write its first sections."))
            return redirect("library:narrative_edit", pk=narrative.pk)
    return render(request, "library/narrative_create.html", {"form": form})


def _version_or_404(request, pk: int, number: int) -> NarrativeVersion:
    narrative = get_object_or_404(narrative_list_for_user(user=request.user), pk=pk)
    versions = narrative_version_with_sections(
        versions=narrative_version_list_for_user(user=request.user, narrative=narrative)
    )
    return get_object_or_404(versions, number=number)


@login_required
def narrative_detail_view(request, pk: int):
    """The narrative as published, with the list of its versions."""
    narrative = get_object_or_404(narrative_list_for_user(user=request.user), pk=pk)
    versions = list(narrative_version_list_for_user(user=request.user, narrative=narrative))
    published = next((v for v in versions if v.status == NarrativeVersion.Status.PUBLISHED), None)
    if published is not None:
        narrative_version_sections_load(version=published)
    context = {
        "narrative": narrative,
        "published": published,
        "versions": versions,
        "draft": next((v for v in versions if v.status == NarrativeVersion.Status.DRAFT), None),
        "can_edit": can_edit_narrative(request.user),
    }
    return render(request, "library/narrative_detail.html", context)


@login_required
def narrative_version_detail_view(request, pk: int, number: int):
    """One version, as it read then (drafts only for the equity team)."""
    version = _version_or_404(request, pk, number)
    can_edit = can_edit_narrative(request.user)
    context = {
        "narrative": version.narrative,
        "version": version,
        "can_publish": can_edit and version.status == NarrativeVersion.Status.DRAFT,
        "can_edit": can_edit,
    }
    return render(request, "library/narrative_version_detail.html", context)


def _editor_initial(narrative) -> tuple[dict, list[dict]]:
    base = narrative_draft(narrative=narrative) or narrative_latest(narrative=narrative)
    if base is None:
        return {"title": str(narrative), "revision": None}, []
    revision = base.revision if base.status == NarrativeVersion.Status.DRAFT else None
    sections = [{"heading": s.heading, "body": s.body} for s in base.sections.all()]
    return {"title": base.title, "revision": revision}, sections


@login_required
def narrative_edit_view(request, pk: int):
    """The editor: the current draft, or a new draft started from the latest version."""
    narrative = get_object_or_404(narrative_list_for_user(user=request.user), pk=pk)
    if not can_edit_narrative(request.user):
        raise PermissionDenied
    initial, sections = _editor_initial(narrative)
    form = NarrativeVersionForm(request.POST or None, initial=initial)
    formset = NarrativeSectionFormSet(request.POST or None, initial=sections, prefix="sections")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        inputs = [
            SectionInput(heading=f.cleaned_data["heading"], body=f.cleaned_data.get("body", ""))
            for f in formset.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE")
        ]
        try:
            draft = narrative_draft_save(
                author=request.user,
                narrative=narrative,
                title=form.cleaned_data["title"],
                sections=inputs,
                revision=form.cleaned_data["revision"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Draft saved. Review it, then publish it when it is ready."))
            return redirect("library:narrative_version_detail", pk=narrative.pk, number=draft.number)
    context = {"narrative": narrative, "form": form, "formset": formset}
    return render(request, "library/narrative_form.html", context)


@login_required
@require_POST
def narrative_version_publish_view(request, pk: int, number: int):
    """Publish a draft; the previously published version becomes superseded."""
    version = _version_or_404(request, pk, number)
    if not can_edit_narrative(request.user):
        raise PermissionDenied
    try:
        narrative_version_publish(author=request.user, version=version)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
        return redirect("library:narrative_version_detail", pk=pk, number=number)
    messages.success(
        request, _("Version %(number)s is published. Every staff member now sees it.") % {"number": number}
    )
    return redirect("library:narrative_detail", pk=pk)


def _pick(raw: str | None, numbers: list[int], default: int | None) -> int | None:
    try:
        value = int(raw) if raw else default
    except ValueError:
        return None
    return value if value in numbers else None


@login_required
def narrative_compare_view(request, pk: int):
    """Differences between two versions of the narrative, marked in words as well as colour."""
    narrative = get_object_or_404(narrative_list_for_user(user=request.user), pk=pk)
    versions = list(
        narrative_version_with_sections(
            versions=narrative_version_list_for_user(user=request.user, narrative=narrative)
        )
    )
    numbers = [v.number for v in versions]
    old_number = _pick(request.GET.get("old"), numbers, numbers[1] if len(numbers) > 1 else None)
    new_number = _pick(request.GET.get("new"), numbers, numbers[0] if numbers else None)
    by_number = {v.number: v for v in versions}
    old = by_number[old_number] if old_number is not None else None
    new = by_number[new_number] if new_number is not None else None
    problem = ""
    diff = []
    if old is None or new is None:
        problem = _("Choose two versions of this narrative to compare.")
    else:
        diff = narrative_versions_diff(old=old, new=new)
    context = {
        "narrative": narrative,
        "versions": versions,
        "old": old,
        "new": new,
        "diff": diff,
        "problem": problem,
        "added": sum(1 for line in diff if line.kind == "added"),
        "removed": sum(1 for line in diff if line.kind == "removed"),
    }
    return render(request, "library/narrative_compare.html", context)


class NarrativeVersionHistoryView(HistoryView):
    """Who changed a version of the narrative, and when."""

    def get_object(self, queryset=None):
        return _version_or_404(self.request, self.kwargs["pk"], self.kwargs["number"])
