"""The public site's branding from settings: the city's name, its logo and an accent colour that keeps text
readable (WCAG 2.1 AA: at least 4.5:1 on white), so a mistyped or too-light colour never makes the site unreadable."""

from __future__ import annotations

import re

from django.conf import settings

DEFAULT_ACCENT = "#1d3d6e"
MIN_CONTRAST = 4.5
_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")


def _luminance(colour: str) -> float:
    channels = []
    for i in (1, 3, 5):
        c = int(colour[i : i + 2], 16) / 255
        channels.append(c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4)
    red, green, blue = channels
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_on_white(colour: str) -> float:
    """The contrast ratio of `colour` (#rrggbb) against white, 1 to 21."""
    return 1.05 / (_luminance(colour) + 0.05)


def accent() -> str:
    """The configured accent colour when it is #rrggbb with enough contrast on white, else the default."""
    colour = str(getattr(settings, "EQUITY_PUBLIC_ACCENT", "") or "")
    if _HEX.match(colour) and contrast_on_white(colour) >= MIN_CONTRAST:
        return colour.lower()
    return DEFAULT_ACCENT


def branding() -> dict:
    """What the public layout shows of the city: name, logo URL (may be empty) and accent colour."""
    return {
        "city_name": settings.CITY_NAME,
        "logo_url": str(getattr(settings, "EQUITY_CITY_LOGO_URL", "") or ""),
        "accent": accent(),
        "licence_name": settings.EQUITY_PUBLIC_LICENCE_NAME,
        "licence_url": settings.EQUITY_PUBLIC_LICENCE_URL,
    }
