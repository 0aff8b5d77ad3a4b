"""The plans records that accept attachments (evidence): actions, their milestones and their progress updates.

Found by `equity.contributions.ATTACHMENT_OWNERS`; the core's attachment pages use these declarations to decide who
sees (the `..._for_user` selectors) and who adds or removes files."""

from __future__ import annotations

from django.urls import reverse

from equity.contributions import ATTACHMENT_OWNERS, AttachmentOwner
from plans.models import Action, Milestone, ProgressUpdate
from plans.permissions import can_edit_action, can_post_update
from plans.selectors import action_list_for_user, update_list_for_user


def _action_url(action_id: int, anchor: str = "") -> str:
    return reverse("plans:action_detail", args=[action_id]) + (f"#{anchor}" if anchor else "")


def _visible_milestones(user):
    return Milestone.objects.select_related("action").filter(action__in=action_list_for_user(user=user).values("pk"))


@ATTACHMENT_OWNERS.register(order=10)
def plans_attachment_owners() -> list[AttachmentOwner]:
    """Actions and milestones: those who may edit the action; progress updates: those who may post them."""
    return [
        AttachmentOwner(
            model=Action,
            visible=lambda user: action_list_for_user(user=user),
            can_edit=can_edit_action,
            detail_url=lambda action: _action_url(action.pk, f"attachments-plans-action-{action.pk}"),
        ),
        AttachmentOwner(
            model=Milestone,
            visible=_visible_milestones,
            can_edit=lambda user, milestone: can_edit_action(user, milestone.action),
            detail_url=lambda m: _action_url(m.action_id, f"attachments-plans-milestone-{m.pk}"),
        ),
        AttachmentOwner(
            model=ProgressUpdate,
            visible=lambda user: update_list_for_user(user=user).select_related("action"),
            can_edit=lambda user, update: can_post_update(user, update.action),
            detail_url=lambda u: _action_url(u.action_id, f"attachments-plans-progressupdate-{u.pk}"),
        ),
    ]
