"""A calendar invitation (iCalendar, RFC 5545) for one training session.

Times are written in UTC (`...Z`), so no VTIMEZONE is needed; the UID is stable per session and SEQUENCE follows
the session's revision, so calendars update the event when the session changes instead of adding a second one.
"""

from __future__ import annotations

from datetime import UTC, datetime

from django.conf import settings
from django.utils import timezone
from django.utils.text import slugify

from training.models import Session
from training.registration import session_ends_at, session_starts_at


def escape_text(value: str) -> str:
    """TEXT value escaping (RFC 5545 3.3.11): backslash, semicolon, comma and newlines."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def fold(line: str) -> str:
    """Fold a content line at 75 octets (RFC 5545 3.1): CRLF and one space, never inside a UTF-8 character."""
    parts: list[str] = []
    current = ""
    size = 0
    limit = 75
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            parts.append(current)
            current, size, limit = "", 0, 74  # continuation lines start with a space: 74 octets of content
        current += char
        size += width
    parts.append(current)
    return "\r\n ".join(parts)


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def session_ics(*, session: Session, url: str, now: datetime | None = None) -> str:
    """The VCALENDAR text of one session, CRLF line endings, lines folded."""
    facilitator = session.lead_facilitator.user.display_name if session.lead_facilitator else ""
    description = session.module.title
    if facilitator:
        description += f"\n{facilitator}"
    description += f"\n{url}"
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Equity Portal//Training//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:training-session-{session.pk}@{slugify(settings.CITY_NAME)}.equity-portal",
        f"SEQUENCE:{session.revision}",
        f"DTSTAMP:{_utc(now or timezone.now())}",
        f"DTSTART:{_utc(session_starts_at(session))}",
        f"DTEND:{_utc(session_ends_at(session))}",
        f"SUMMARY:{escape_text(session.module.title)}",
        f"DESCRIPTION:{escape_text(description)}",
        f"URL:{url}",
    ]
    if session.location:
        lines.append(f"LOCATION:{escape_text(session.location)}")
    lines += ["STATUS:CONFIRMED", "END:VEVENT", "END:VCALENDAR"]
    return "".join(fold(line) + "\r\n" for line in lines)
