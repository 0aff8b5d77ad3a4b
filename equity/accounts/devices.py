"""A browser's User-Agent header as words a person recognises ("Chrome on Windows"), for the session list and the
sign-in history. Deliberately small: the common browsers and systems by their tokens, anything else "Unknown"."""

from __future__ import annotations

from django.utils.translation import gettext as _

# Order matters: Edge and Opera say "Chrome" too, Chrome says "Safari", and mobile systems say "Linux" or "Mac OS".
_BROWSERS = (
    ("Edg/", "Edge"),
    ("EdgA/", "Edge"),
    ("EdgiOS/", "Edge"),
    ("OPR/", "Opera"),
    ("SamsungBrowser/", "Samsung Internet"),
    ("Firefox/", "Firefox"),
    ("FxiOS/", "Firefox"),
    ("CriOS/", "Chrome"),
    ("Chromium/", "Chromium"),
    ("HeadlessChrome/", "Chrome"),
    ("Chrome/", "Chrome"),
    ("Safari/", "Safari"),
    ("Trident/", "Internet Explorer"),
    ("python-requests/", "Python script"),
    ("curl/", "curl"),
)
_SYSTEMS = (
    ("Windows", "Windows"),
    ("iPhone", "iPhone"),
    ("iPad", "iPad"),
    ("Android", "Android"),
    ("CrOS", "ChromeOS"),
    ("Mac OS X", "macOS"),
    ("Macintosh", "macOS"),
    ("Linux", "Linux"),
)


def _first(user_agent: str, table: tuple[tuple[str, str], ...]) -> str:
    return next((name for token, name in table if token in user_agent), "")


def device_label(*, user_agent: str) -> str:
    """ "Chrome on Windows", "Safari on iPhone", "Firefox", or "Unknown device" when the header names nothing known."""
    browser, system = _first(user_agent, _BROWSERS), _first(user_agent, _SYSTEMS)
    if browser and system:
        return _("%(browser)s on %(system)s") % {"browser": browser, "system": system}
    return browser or system or _("Unknown device")
