"""Training sessions accept attachments (sign-in sheets, slides, photos), found by
`equity.contributions.ATTACHMENT_OWNERS`."""

from __future__ import annotations

from django.urls import reverse

from equity.contributions import ATTACHMENT_OWNERS, AttachmentOwner
from training.models import Session
from training.permissions import can_log_session
from training.selectors import session_list_for_user


def _session_url(session: Session) -> str:
    return reverse("training:session_detail", args=[session.pk]) + f"#attachments-training-session-{session.pk}"


@ATTACHMENT_OWNERS.register(order=30)
def training_attachment_owners() -> list[AttachmentOwner]:
    """Sessions: seen by whoever may see the session; files added and removed by those who may log it."""
    return [
        AttachmentOwner(
            model=Session,
            visible=lambda user: session_list_for_user(user=user),
            can_edit=lambda user, session: can_log_session(user),
            detail_url=lambda s: (
                reverse("training:session_detail", args=[s.pk]) + f"#attachments-training-session-{s.pk}"
            ),
        )
    ]
