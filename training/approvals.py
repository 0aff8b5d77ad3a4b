"""Approval requests: a facilitator not yet certified for a module asks the equity team, who approve (which
certifies the facilitator for that module, for every later session) or decline with a note. Reads and writes."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from equity import permissions as core
from equity.audit import attribute_changes, audited_save
from equity.concurrency import lock_for_edit
from equity.models import User
from training.models import CertificationRequest, Facilitator, Module
from training.permissions import (
    can_decide_certification_request,
    can_request_certification,
    can_view_certification_requests,
)

REASON_MAX = 2000


def certification_request_list_for_user(*, user: User, status: str = "") -> QuerySet[CertificationRequest]:
    """Requests the user may see: all for the equity team, their own for a facilitator, none for anyone else."""
    qs = CertificationRequest.objects.select_related("facilitator__user", "module", "decided_by")
    if not can_view_certification_requests(user):
        return qs.none()
    if not core.is_equity_team(user):
        qs = qs.filter(facilitator__user=user)
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-created_at", "-pk")


def facilitator_of(user: User) -> Facilitator | None:
    return Facilitator.objects.filter(user=user, is_active=True).first() if user.is_authenticated else None


@dataclass(frozen=True)
class ApprovalOffer:
    """What the session form shows a facilitator who is not certified for the module they chose."""

    module: Module
    pending: CertificationRequest | None


def approval_offer_for(*, user: User, module: Module | None) -> ApprovalOffer | None:
    """An offer to ask for approval when `user` is a facilitator not certified for `module` (None otherwise)."""
    if module is None or not can_request_certification(user):
        return None
    facilitator = facilitator_of(user)
    if facilitator is None or facilitator.modules.filter(pk=module.pk).exists():
        return None
    pending = CertificationRequest.objects.filter(
        facilitator=facilitator, module=module, status=CertificationRequest.Status.PENDING
    ).first()
    return ApprovalOffer(module=module, pending=pending)


@transaction.atomic
def certification_request_create(*, author: User, module: Module, reason: str) -> CertificationRequest:
    """A facilitator asks to be approved for a module; one pending request per module, a reason is required."""
    if not can_request_certification(author):
        raise PermissionDenied
    facilitator = facilitator_of(author)
    if facilitator is None:
        raise ValidationError(_("You are not on the facilitator roster yet: ask the equity team to add you first."))
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Say why you need to deliver this module.")})
    if len(reason) > REASON_MAX:
        raise ValidationError({"reason": _("At most %(n)d characters.") % {"n": REASON_MAX}})
    if not module.is_active:
        raise ValidationError({"module": _("This module is retired.")})
    Facilitator.objects.select_for_update().filter(pk=facilitator.pk).first()  # one request at a time per person
    if facilitator.modules.filter(pk=module.pk).exists():
        raise ValidationError({"module": _("You are already certified to deliver %(m)s.") % {"m": module}})
    if CertificationRequest.objects.filter(
        facilitator=facilitator, module=module, status=CertificationRequest.Status.PENDING
    ).exists():
        raise ValidationError(
            {"module": _("You have already asked about %(m)s; the equity team will answer.") % {"m": module}}
        )
    request = CertificationRequest(facilitator=facilitator, module=module, reason=reason)
    audited_save(request, author=author)
    return request


@transaction.atomic
def certification_request_decide(
    *, author: User, request: CertificationRequest, approve: bool, note: str = ""
) -> CertificationRequest:
    """The equity team approves (certifying the facilitator for the module) or declines (a note is required).
    A request already decided is refused, so two people deciding at once never both act."""
    if not can_decide_certification_request(author):
        raise PermissionDenied
    note = note.strip()
    if len(note) > REASON_MAX:
        raise ValidationError({"note": _("At most %(n)d characters.") % {"n": REASON_MAX}})
    if not approve and not note:
        raise ValidationError({"note": _("Tell the facilitator why the request is declined.")})
    locked = lock_for_edit(obj=request, revision=None)
    if locked.status != CertificationRequest.Status.PENDING:
        raise ValidationError(
            _("This request was already %(status)s.") % {"status": locked.get_status_display().lower()}, code="stale"
        )
    locked.status = CertificationRequest.Status.APPROVED if approve else CertificationRequest.Status.DECLINED
    locked.decided_by = author
    locked.decided_at = timezone.now()
    locked.decision_note = note
    audited_save(locked, author=author)
    if approve:
        facilitator = lock_for_edit(obj=locked.facilitator, revision=None)
        facilitator.revision += 1
        audited_save(facilitator, author=author, reason=_("Approved request: %(m)s") % {"m": locked.module})
        attribute_changes(facilitator, author=author)
        facilitator.modules.add(locked.module)
    return locked


def approval_offer_from_form(*, user: User, form) -> ApprovalOffer | None:
    """The offer for a session form refused because a facilitator is not certified for its module (None when the
    form has no such error, so the page costs nothing more in the usual case)."""
    if not form.is_bound or not (form.errors.get("lead_facilitator") or form.errors.get("co_facilitators")):
        return None
    module = getattr(form, "cleaned_data", {}).get("module")
    return approval_offer_for(user=user, module=module)
