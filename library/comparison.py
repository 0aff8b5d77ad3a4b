"""Comparing two narrative versions line by line, on their sanitised text."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from library.models import NarrativeVersion
from library.sanitise import text_lines


@dataclass(frozen=True)
class DiffLine:
    """One line of a comparison: `kind` is equal, added or removed."""

    kind: str
    text: str


def narrative_version_lines(*, version: NarrativeVersion) -> list[str]:
    """A version as readable lines: its title, then each section's heading and body text."""
    lines = [version.title]
    for section in version.sections.all():
        lines.append(f"## {section.heading}")
        lines.extend(text_lines(html=section.body))
    return lines


def narrative_versions_diff(*, old: NarrativeVersion, new: NarrativeVersion) -> list[DiffLine]:
    """Line-by-line differences between two versions' sanitised text (difflib)."""
    before, after = narrative_version_lines(version=old), narrative_version_lines(version=new)
    result: list[DiffLine] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=before, b=after, autojunk=False).get_opcodes():
        if tag == "equal":
            result.extend(DiffLine("equal", line) for line in before[i1:i2])
            continue
        result.extend(DiffLine("removed", line) for line in before[i1:i2])
        result.extend(DiffLine("added", line) for line in after[j1:j2])
    return result
