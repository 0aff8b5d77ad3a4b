"""Who may do what with training records. Views call these; templates get the answers as context flags."""

from __future__ import annotations

from typing import TYPE_CHECKING

from equity import permissions as core

if TYPE_CHECKING:
    from equity.models import User


def can_edit_curriculum(user: User) -> bool:
    """The curriculum and the facilitator roster belong to the equity team."""
    return core.is_equity_team(user)


def can_manage_facilitators(user: User) -> bool:
    return core.is_equity_team(user)


def can_log_session(user: User) -> bool:
    """Facilitators and the equity team create and edit sessions and their attendance."""
    return core.can_log_training(user)


def can_override_facilitators(user: User) -> bool:
    """Only the equity team may let an uncertified facilitator deliver a module."""
    return core.is_equity_team(user)


def can_view_completion(user: User) -> bool:
    """Completion reports: managers (their departments), facilitators and the equity team (all departments)."""
    return core.can_view_training_reports(user)


def sees_all_training(user: User) -> bool:
    """Facilitators and the equity team see every session, roster and department's completion."""
    return core.is_equity_team(user) or core.is_facilitator(user)


def can_export_attendance(user: User) -> bool:
    return core.can_view_training_reports(user)


def can_register(user: User) -> bool:
    """Any active signed-in staff member may register themselves for a session they can see (the selector
    decides which sessions they see)."""
    return bool(user.is_authenticated and user.is_active)


def can_cancel_registration(user: User, registration_user_id: int) -> bool:
    """A person cancels their own registration; facilitators and the equity team may cancel anyone's."""
    return user.pk == registration_user_id or core.can_log_training(user)


def can_see_registrations(user: User) -> bool:
    """Who registered and who waits: facilitators and the equity team (they take attendance from it)."""
    return core.can_log_training(user)


# Who may create modules and certify facilitators, and the approval requests in between (issue 14). This is the
# one place these rules are written; docs/training.md has them as a table of persona × action.


def can_create_module(user: User) -> bool:
    """Creating, editing and retiring curriculum modules: the equity team."""
    return can_edit_curriculum(user)


def can_certify_facilitator(user: User) -> bool:
    """Certifying a facilitator for a module (directly, or by approving their request): the equity team."""
    return can_manage_facilitators(user)


def can_request_certification(user: User) -> bool:
    """A facilitator not yet certified for a module may ask the equity team for approval."""
    return core.is_facilitator(user)


def can_view_certification_requests(user: User) -> bool:
    """The equity team sees every request; a facilitator sees their own (and the outcome)."""
    return core.is_equity_team(user) or core.is_facilitator(user)


def can_decide_certification_request(user: User) -> bool:
    return can_certify_facilitator(user)


def can_manage_requirements(user: User) -> bool:
    """Required training (who must complete which module, by when): the equity team."""
    return core.is_equity_team(user)
