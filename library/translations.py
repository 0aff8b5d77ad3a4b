"""The library records whose published text is translated (equity.contributions.TRANSLATABLE): the racial equity
narrative (a version's title and its sections' headings and bodies) and example practices' public description."""

from __future__ import annotations

from django.urls import reverse

from equity.audit import field_label
from equity.contributions import TRANSLATABLE, TextPart, TranslatableRecord
from equity.permissions import is_equity_team
from library.models import NarrativeSection, NarrativeVersion, Practice
from library.permissions import can_edit_narrative, can_edit_practice
from library.sanitise import sanitise_html
from library.selectors import narrative_list_for_user, practice_list_for_user


def _versions(user):
    qs = NarrativeVersion.objects.select_related("narrative").filter(
        narrative__in=narrative_list_for_user(user=user).values("pk")
    )
    return qs if is_equity_team(user) else qs.exclude(status=NarrativeVersion.Status.DRAFT)


def _version_parts(versions: list) -> list[TextPart]:
    """Each version's title, then each section's heading and body (1 query for the sections of all versions)."""
    sections = NarrativeSection.objects.filter(version__in=[v.pk for v in versions]).order_by("version_id", "position")
    by_version: dict[int, list[NarrativeSection]] = {}
    for section in sections:
        by_version.setdefault(section.version_id, []).append(section)
    parts: list[TextPart] = []
    for version in versions:
        parts.append(TextPart(version.pk, version, "title", field_label(NarrativeVersion, "title"), max_length=200))
        for number, section in enumerate(by_version.get(version.pk, []), start=1):
            heading = f"{field_label(NarrativeSection, 'heading')} {number}"
            body = f"{field_label(NarrativeSection, 'body')} {number}"
            parts.append(TextPart(version.pk, section, "heading", heading, max_length=200))
            parts.append(TextPart(version.pk, section, "body", body, html=True))
    return parts


def _version_url(version: NarrativeVersion) -> str:
    return reverse("library:narrative_version_detail", args=[version.narrative_id, version.number])


@TRANSLATABLE.register(order=40)
def library_translatable_records() -> list[TranslatableRecord]:
    """The narrative and practices: the equity team (who edits them)."""
    return [
        TranslatableRecord(
            model=NarrativeVersion,
            fields=("title",),
            visible=_versions,
            can_edit=lambda user, version: can_edit_narrative(user),
            detail_url=_version_url,
            parts=_version_parts,
            clean_html=lambda text: sanitise_html(html=text),
        ),
        TranslatableRecord(
            model=Practice,
            fields=("title", "summary", "evidence"),
            visible=lambda user: practice_list_for_user(user=user),
            can_edit=can_edit_practice,
            detail_url=lambda practice: reverse("library:practice_detail", args=[practice.pk]),
        ),
    ]
