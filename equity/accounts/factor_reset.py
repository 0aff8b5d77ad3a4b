"""The equity team resets a person's second factors when they lost their device: every factor goes, every session
ends, the reset is recorded and the person is told by e-mail."""

from __future__ import annotations

from allauth.mfa.models import Authenticator
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from equity.accounts.events import security_event_record
from equity.models import SecurityEvent, User
from equity.permissions import can_manage_users
from equity.services import user_end_sessions


@transaction.atomic
def factors_reset(*, user: User, author: User, request: HttpRequest) -> int:
    """Remove all of `user`'s second factors and end their sessions (equity team only); returns how many went."""
    if not can_manage_users(author):
        raise PermissionDenied
    if user.pk == author.pk:
        raise ValidationError(_("You cannot reset your own second factors: ask another member of the equity team."))
    removed, _by_type = Authenticator.objects.filter(user_id=user.pk).delete()
    user_end_sessions(user=user)
    security_event_record(
        kind=SecurityEvent.Kind.FACTORS_RESET,
        request=request,
        user=user,
        actor=author,
        method="equity_team",
        detail=f"{removed} removed",
    )
    sign_in_url = request.build_absolute_uri(reverse("login"))
    transaction.on_commit(lambda: factors_reset_notice_send(user=user, author=author, sign_in_url=sign_in_url))
    return removed


def factors_reset_notice_send(*, user: User, author: User, sign_in_url: str) -> None:
    """Tell the person their second factors were reset, by whom, and what to do if they did not ask for it."""
    context = {"user": user, "author": author, "sign_in_url": sign_in_url}
    subject = "".join(render_to_string("accounts/email/factors_reset_subject.txt", context).splitlines())
    body = render_to_string("accounts/email/factors_reset_message.txt", context)
    send_mail(subject, body, None, [user.email])
