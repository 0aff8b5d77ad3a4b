"""Writes to users and departments. Every write names its author so the audit trail keeps who did it."""

from __future__ import annotations

from collections.abc import Iterable

from allauth.usersessions.models import UserSession
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from equity.accounts.events import security_event_record
from equity.accounts.sso.grants import access_write, department_item, hand_given_for_user, role_item
from equity.audit import audited_save
from equity.models import ROLE_FLAGS, Department, SecurityEvent, User


@transaction.atomic
def user_create(
    *,
    author: User | None,
    username: str,
    email: str,
    full_name: str,
    preferred_name: str = "",
    job_title: str = "",
    employee_id: str = "",
    departments: Iterable[Department] = (),
    is_manager: bool = False,
    is_facilitator: bool = False,
    is_equity_team: bool = False,
    password: str | None = None,
    password_hash: str | None = None,
) -> User:
    """Create a staff user; without a password the account can only be entered through the invitation email.

    `password_hash` is an already hashed password (the demo's users share one, hashed once: see equity.demo)."""
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError({"email": _("A user with this email address already exists.")})
    user = User(
        username=username,
        email=email.lower(),
        full_name=full_name,
        preferred_name=preferred_name,
        job_title=job_title,
        employee_id=employee_id,
        is_manager=is_manager,
        is_facilitator=is_facilitator,
        is_equity_team=is_equity_team,
    )
    if password:
        user.set_password(password)
    elif password_hash:
        user.password = password_hash
    else:
        user.set_unusable_password()
    audited_save(user, author=author)
    user.departments.set(departments)
    return user


def user_invite_send(*, user: User, request: HttpRequest) -> None:
    """Email the new user a one-time link to choose their password (Django's password-reset token)."""
    context = {
        "user": user,
        "uid": urlsafe_base64_encode(force_bytes(user.pk)),
        "token": default_token_generator.make_token(user),
        "protocol": "https" if request.is_secure() else "http",
        "domain": request.get_host(),
    }
    subject = "".join(render_to_string("registration/invite_subject.txt", context).splitlines())
    body = render_to_string("registration/invite_email.txt", context)
    send_mail(subject, body, None, [user.email])


@transaction.atomic
def user_update(*, author: User, user: User, departments: Iterable[Department] | None = None, **fields) -> User:
    """Change a user's names, or the roles and departments given to them in the portal: those from the identity
    provider's groups stay, and the user holds the union (equity.accounts.sso.grants)."""
    allowed = {"full_name", "preferred_name", "job_title", "email", "employee_id", *ROLE_FLAGS.values()}
    unknown = set(fields) - allowed
    if unknown:
        raise ValueError(f"Unknown user fields: {sorted(unknown)}")
    hand = None
    if departments is not None or set(fields) & set(ROLE_FLAGS.values()):
        hand = hand_given_for_user(user=user)
        for role, flag in ROLE_FLAGS.items():
            if flag in fields:
                hand = (hand | {role_item(role)}) if fields.pop(flag) else (hand - {role_item(role)})
        if departments is not None:
            hand = {item for item in hand if item[0] == "role"} | {department_item(d.pk) for d in departments}
    for name, value in fields.items():
        setattr(user, name, value)
    access_write(user=user, hand=hand, from_groups=None, author=author, save_always=True)
    return user


@transaction.atomic
def user_set_active(*, author: User, user: User, active: bool) -> User:
    """Deactivate or reactivate a user; users are never deleted so history keeps its authors."""
    if user.pk == author.pk and not active:
        raise ValidationError(_("You cannot deactivate your own account."))
    if user.is_active and not active:
        user_end_sessions(user=user, author=author, detail=_("Deactivated"))
    user.is_active = active
    audited_save(user, author=author, update_fields=["is_active"])
    return user


def user_session_hash_renew(*, user: User) -> None:
    """Raise the user's session generation: every session signed in before now stops matching their session hash
    (User.get_session_auth_hash), whatever the session engine; `user` is reloaded with the new value."""
    User.objects.filter(pk=user.pk).update(session_generation=F("session_generation") + 1)
    user.refresh_from_db(fields=["session_generation"])


def user_end_sessions(*, user: User, author: User | None = None, detail: str = "") -> None:
    """End every session the user has signed in with, on every device: their session hash changes (see
    User.get_session_auth_hash), so those sessions stay ended even after a reactivation; their stored sessions and
    session-list rows go at once, and the security trail records it."""
    user_session_hash_renew(user=user)
    for session in UserSession.objects.filter(user_id=user.pk):
        session.end()
    security_event_record(kind=SecurityEvent.Kind.SESSIONS_ENDED, user=user, actor=author, detail=detail)


def profile_update(*, user: User, preferred_name: str, job_title: str, language: str) -> User:
    """A user's own changes to their profile."""
    user.preferred_name = preferred_name
    user.job_title = job_title
    user.language = language
    audited_save(user, author=user, update_fields=["preferred_name", "job_title", "language"])
    return user


def user_language_set(*, user: User, language: str) -> None:
    """A signed-in person's choice in the language switcher, kept in their profile (audited) when it changes."""
    if user.language != language:
        user.language = language
        audited_save(user, author=user, update_fields=["language"])


def department_save(*, author: User | None, department: Department) -> Department:
    """Create or update a department."""
    department.code = department.code.upper()
    audited_save(department, author=author)
    return department
