"""Small-number suppression: a published count or rate based on fewer than `EQUITY_PUBLIC_SUPPRESS_BELOW` people
(default 10) is never published. It is applied when a snapshot is taken, so pages, widgets, files and PDFs, which are
all made from snapshots, cannot show what was suppressed (ADR 0047)."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext as _


def threshold() -> int:
    """The smallest number of people a published figure may rest on."""
    return int(settings.EQUITY_PUBLIC_SUPPRESS_BELOW)


def is_small(people: int | None) -> bool:
    """True when a figure is based on a known number of people below the threshold."""
    return people is not None and people < threshold()


def suppressed_text() -> str:
    """What the public sees instead of a suppressed figure."""
    return _("Suppressed: fewer than %(n)s people") % {"n": threshold()}
