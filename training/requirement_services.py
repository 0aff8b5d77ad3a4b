"""Writes to required training: the equity team creates, edits and retires requirements (audited, stale edits
refused). Who a requirement applies to and when it is due: training.requirements."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from equity.audit import audited_save
from equity.concurrency import lock_for_edit
from equity.models import User
from training.models import TrainingRequirement
from training.permissions import can_manage_requirements

MAX_DUE_DAYS = 3650


def _check(requirement: TrainingRequirement) -> None:
    errors: dict[str, str] = {}
    scope = requirement.scope
    if scope == TrainingRequirement.Scope.ROLE and not requirement.role:
        errors["role"] = _("Choose the role this module is required of.")
    if scope == TrainingRequirement.Scope.DEPARTMENT and not requirement.department_id:
        errors["department"] = _("Choose the department this module is required of.")
    if requirement.due_days is None or not 1 <= requirement.due_days <= MAX_DUE_DAYS:
        errors["due_days"] = _("Between 1 and %(n)d days.") % {"n": MAX_DUE_DAYS}
    if requirement.module_id and not requirement.module.is_active and not requirement.pk:
        errors["module"] = _("This module is retired; choose an active one.")
    if errors:
        raise ValidationError(errors)
    # Only the field the scope uses is kept, so a requirement never says two things at once.
    if scope != TrainingRequirement.Scope.ROLE:
        requirement.role = ""
    if scope != TrainingRequirement.Scope.DEPARTMENT:
        requirement.department = None


@transaction.atomic
def requirement_save(
    *, author: User, requirement: TrainingRequirement, expected_revision: int | None = None
) -> TrainingRequirement:
    """Create or update a requirement (module, who, due within N days, takes effect on)."""
    if not can_manage_requirements(author):
        raise PermissionDenied
    _check(requirement)
    if requirement.pk:
        requirement.revision = lock_for_edit(obj=requirement, revision=expected_revision, field="revision").revision + 1
    audited_save(requirement, author=author)
    return requirement


@transaction.atomic
def requirement_retire(
    *, author: User, requirement: TrainingRequirement, expected_revision: int | None = None, on: date | None = None
) -> TrainingRequirement:
    """Retire a requirement from `on` (today): from then on it applies to nobody; its history stays."""
    if not can_manage_requirements(author):
        raise PermissionDenied
    locked = lock_for_edit(obj=requirement, revision=expected_revision, field="revision")
    if locked.retired_on is not None:
        raise ValidationError(_("This requirement is already retired."), code="stale")
    locked.retired_on = on or timezone.localdate()
    locked.revision += 1
    audited_save(locked, author=author, update_fields=["retired_on", "revision", "updated_at"])
    return locked
