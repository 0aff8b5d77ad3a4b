"""Assessments accept attachments (evidence), found by `equity.contributions.ATTACHMENT_OWNERS`."""

from __future__ import annotations

from django.urls import reverse

from equity.contributions import ATTACHMENT_OWNERS, AttachmentOwner
from tools.models import Assessment
from tools.permissions import can_edit_assessment
from tools.selectors import assessment_list_for_user


def _assessment_url(assessment: Assessment) -> str:
    return reverse("tools:assessment_detail", args=[assessment.pk]) + f"#attachments-tools-assessment-{assessment.pk}"


@ATTACHMENT_OWNERS.register(order=20)
def tools_attachment_owners() -> list[AttachmentOwner]:
    """Assessments: seen by whoever may see the assessment; files added and removed by those who may edit it (its
    team, the department's managers and the equity team, while it is a draft)."""
    return [
        AttachmentOwner(
            model=Assessment,
            visible=lambda user: assessment_list_for_user(user=user),
            can_edit=can_edit_assessment,
            detail_url=_assessment_url,
        )
    ]
