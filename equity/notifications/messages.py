"""The e-mails: one notification's, or a digest's, each with plain-text and HTML parts, the city's name, a link to
the preferences and a one-click unsubscribe (RFC 8058 `List-Unsubscribe` and `List-Unsubscribe-Post`)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import groupby

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext, ngettext

from equity.models import EmailDelivery, Notification
from equity.notifications.kinds import Delivery, notification_kinds
from equity.notifications.unsubscribe import unsubscribe_token


def absolute(path: str) -> str:
    """A link in an e-mail: the portal's address (EQUITY_PORTAL_URL) and the path."""
    return settings.EQUITY_PORTAL_URL.rstrip("/") + path


def message_id(delivery: EmailDelivery) -> str:
    """The same Message-ID on every attempt of one delivery, so a receiving server can tell a repeat."""
    domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2].strip(" >") or "localhost"
    return f"<{re.sub(r'[^A-Za-z0-9.-]', '.', delivery.key)}.{delivery.pk}@{domain}>"


@dataclass(frozen=True)
class DigestSection:
    """One kind of event in a digest: its label, its own unsubscribe link, and its notifications with their links."""

    code: str
    label: str
    unsubscribe_url: str
    items: list[tuple[Notification, str]]


def _open_url(note: Notification) -> str:
    return absolute(reverse("notification_open", args=[note.pk]))


def _sections(delivery: EmailDelivery, items: Sequence[Notification]) -> list[DigestSection]:
    """The digest's notifications grouped by kind, in the apps' order of kinds, each kind oldest first, each once."""
    kinds = notification_kinds()
    order = {code: index for index, code in enumerate(kinds)}
    unique = {note.pk: note for note in items}.values()
    ordered = sorted(unique, key=lambda n: (order.get(n.kind, len(order)), n.kind, n.created_at, n.pk))
    sections = []
    for code, group in groupby(ordered, key=lambda n: n.kind):
        token = unsubscribe_token(user=delivery.recipient, kind=code)
        label = str(kinds[code].label) if code in kinds else code
        sections.append(
            DigestSection(
                code=code,
                label=label,
                unsubscribe_url=absolute(reverse("notification_unsubscribe", args=[token])),
                items=[(note, _open_url(note)) for note in group],
            )
        )
    return sections


def _digest_heading(delivery: EmailDelivery) -> str:
    """'Your daily summary for <the day it is sent>' or 'Your weekly summary for the week of <Monday it covers>'
    (the city's calendar; periods end at the digest hour)."""
    if delivery.frequency == Delivery.DAILY:
        end = timezone.localtime(delivery.period_end or delivery.created_at).date()
        return gettext("Your daily summary for %(day)s") % {"day": formats.date_format(end, "DATE_FORMAT")}
    start = timezone.localtime(delivery.period_start or delivery.created_at).date()
    return gettext("Your weekly summary for the week of %(day)s") % {"day": formats.date_format(start, "DATE_FORMAT")}


def email_build(delivery: EmailDelivery, items: Sequence[Notification]) -> EmailMultiAlternatives:
    """The message for `delivery` telling about `items` (already checked: the person may see each record), in the
    recipient's language (their profile's; the portal's default when they have not chosen one)."""
    with translation.override(delivery.recipient.language or settings.LANGUAGE_CODE):
        return _email(delivery, items)


def _email(delivery: EmailDelivery, items: Sequence[Notification]) -> EmailMultiAlternatives:
    recipient = delivery.recipient
    digest = delivery.frequency in (Delivery.DAILY, Delivery.WEEKLY)
    if digest:
        token = unsubscribe_token(user=recipient, digest=delivery.frequency)
        subject = (
            ngettext("Your daily summary: %(count)d update", "Your daily summary: %(count)d updates", len(items))
            if delivery.frequency == Delivery.DAILY
            else ngettext("Your weekly summary: %(count)d update", "Your weekly summary: %(count)d updates", len(items))
        ) % {"count": len(items)}
    else:
        token = unsubscribe_token(user=recipient, kind=items[0].kind)
        subject = items[0].title
    unsubscribe_url = absolute(reverse("notification_unsubscribe", args=[token]))
    context = {
        "recipient": recipient,
        "city_name": settings.CITY_NAME,
        "digest": digest,
        "heading": _digest_heading(delivery) if digest else "",
        "subject": subject,
        "item": None if digest else (items[0], _open_url(items[0])),
        "sections": _sections(delivery, items) if digest else [],
        "kind_label": "" if digest else str(notification_kinds()[items[0].kind].label),
        "unsubscribe_url": unsubscribe_url,
        "preferences_url": absolute(reverse("notification_preferences")),
        "inbox_url": absolute(reverse("notification_list")),
    }
    message = EmailMultiAlternatives(
        subject=f"{settings.CITY_NAME}: {subject}",
        body=render_to_string("notifications/email/message.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[recipient.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Message-ID": message_id(delivery),
            "Auto-Submitted": "auto-generated",
            "X-Auto-Response-Suppress": "All",
        },
    )
    message.attach_alternative(render_to_string("notifications/email/message.html", context), "text/html")
    return message
