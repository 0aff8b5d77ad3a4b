"""The person's active sessions: allauth's UserSession rows whose Django session is still alive, as the security page
and the equity team's sign-out page show them (docs/accounts/sessions.md)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from allauth.usersessions.models import UserSession
from django.contrib.sessions.models import Session
from django.db.models import Exists, OuterRef, QuerySet
from django.http import HttpRequest
from django.utils import timezone

from equity.accounts.devices import device_label
from equity.models import User


@dataclass(frozen=True)
class SessionRow:
    """One live session, ready to show."""

    pk: int
    device: str
    ip: str
    signed_in_at: datetime
    last_seen_at: datetime
    current: bool


def live_user_sessions(*, user: User) -> QuerySet[UserSession]:
    """`user`'s UserSession rows whose Django session exists and has not expired (one query, whatever the count)."""
    alive = Session.objects.filter(session_key=OuterRef("session_key"), expire_date__gt=timezone.now())
    return UserSession.objects.filter(user=user).filter(Exists(alive)).order_by("-last_seen_at", "-pk")


def _row(session: UserSession, current_key: str | None) -> SessionRow:
    return SessionRow(
        pk=session.pk,
        device=device_label(user_agent=session.user_agent),
        ip=session.ip,
        signed_in_at=session.created_at,
        last_seen_at=session.last_seen_at,
        current=session.session_key == current_key,
    )


def sessions_for_user(*, user: User, request: HttpRequest | None = None) -> list[SessionRow]:
    """Active sessions of `user`, the one making `request` first (marked "This session")."""
    current_key = request.session.session_key if request is not None else None
    rows = [_row(session, current_key) for session in live_user_sessions(user=user)]
    return sorted(rows, key=lambda row: not row.current)
