"""Who may do what in the library: everyone reads what is published, the equity team edits, staff suggest."""

from __future__ import annotations

from typing import TYPE_CHECKING

from equity.permissions import can_manage_department, is_equity_team

if TYPE_CHECKING:
    from equity.models import User
    from library.models import Practice


def can_edit_narrative(user: User) -> bool:
    """Writing, editing and publishing narratives: the equity team."""
    return is_equity_team(user)


def can_suggest_practice(user: User) -> bool:
    """Every active staff member may suggest a practice for the library."""
    return bool(user.is_authenticated and user.is_active)


def can_edit_practice(user: User, practice: Practice | None = None) -> bool:
    """Adding and editing practices directly, and their attachments: the equity team."""
    return is_equity_team(user)


def can_review_practice(user: User, practice: Practice | None = None) -> bool:
    """Publishing or declining suggestions: the equity team, while the practice awaits review."""
    if not is_equity_team(user):
        return False
    return practice is None or practice.review_state == practice.Review.SUGGESTED


def can_import_practices(user: User) -> bool:
    """Importing another city's exchange file creates records: the equity team."""
    return is_equity_team(user)


def can_export_practices(user: User) -> bool:
    """Exporting published practices shares what everyone can already read."""
    return bool(user.is_authenticated and user.is_active)


def can_link_action(user: User, action) -> bool:
    """Linking a practice to a plan action: whoever may edit the action (its department's managers, the team)."""
    from plans.permissions import can_edit_action

    return can_edit_action(user, action)


def can_link_assessment(user: User, assessment) -> bool:
    """Linking a practice to an equity tool assessment: its team, its department's managers, the equity team."""
    from tools.permissions import is_on_team

    return is_equity_team(user) or is_on_team(user, assessment) or can_manage_department(user, assessment.department_id)


def can_unlink_strategy(user: User, link) -> bool:
    """Removing a practice's link to an assessment: whoever may link that assessment (`can_link_assessment`), read
    from a link of `library.selectors.strategy_list_for_practice` (its `viewer_on_team` saves a query per link)."""
    assessment = link.assessment
    if is_equity_team(user) or assessment.lead_id == user.pk or link.viewer_on_team:
        return True
    return can_manage_department(user, assessment.department_id)
