"""The plans app's kinds of notification: actions assigned, not started, due, overdue, needing attention, updated,
and reporting periods opened (raised by plans.notices)."""

from django.utils.translation import gettext_lazy as _

from equity.notifications.kinds import NOTIFICATION_KINDS, Delivery, NotificationKind
from plans import notices
from plans.selectors import action_list_for_user, reporting_period_list_for_user


@NOTIFICATION_KINDS.register(order=20)
def notification_kinds() -> list[NotificationKind]:
    def actions(user):
        return action_list_for_user(user=user)

    def periods(user):
        return reporting_period_list_for_user(user=user)

    group = _("Action plans")

    def kind(code, label, recipients, default, visible=actions):
        return NotificationKind(
            code=code, label=label, recipients=recipients, group=group, default=default, visible=visible
        )

    return [
        kind(
            notices.ACTION_ASSIGNED,
            _("You were made accountable for an action, or your department co-lead of one"),
            _("The new accountable person; the managers of a department made co-lead"),
            Delivery.IMMEDIATE,
        ),
        kind(
            notices.ACTION_NOT_STARTED,
            _("An action's start date passed and it is still not started"),
            _("The action's accountable person"),
            Delivery.DAILY,
        ),
        kind(
            notices.ACTION_DUE_SOON,
            _("An action is due soon"),
            _("The action's accountable person"),
            Delivery.DAILY,
        ),
        kind(
            notices.ACTION_OVERDUE,
            _("An action you are accountable for is overdue"),
            _("The action's accountable person"),
            Delivery.DAILY,
        ),
        kind(
            notices.DEPARTMENT_ACTION_OVERDUE,
            _("An action your department leads is overdue"),
            _("The managers of the action's lead department"),
            Delivery.WEEKLY,
        ),
        # Raised for managers only, so their weekly digest is the default (the issue: managers default to a weekly
        # digest of their departments' overdue and off-track actions).
        kind(
            notices.ACTION_ATTENTION,
            _("An action your department leads went off track or at risk"),
            _("The managers of the action's lead department"),
            Delivery.WEEKLY,
        ),
        kind(
            notices.ACTION_UPDATE_POSTED,
            _("A progress update was posted on an action you follow"),
            _("The action's followers and its accountable person (not the update's author)"),
            Delivery.DAILY,
        ),
        kind(
            notices.PERIOD_OPENED,
            _("A reporting period opened, with the updates you owe in it"),
            _("Each accountable person with open actions of adopted or active plans"),
            Delivery.IMMEDIATE,
            visible=periods,
        ),
        # The reporting-period reminders (plans.reminders), one notification listing the actions still owing.
        kind(
            notices.UPDATE_DUE,
            _("Progress updates you owe are due within a week"),
            _("Each accountable person with actions that have no update for the open period yet"),
            Delivery.IMMEDIATE,
            visible=periods,
        ),
        kind(
            notices.UPDATE_OVERDUE,
            _("Progress updates for your department's actions are overdue"),
            _("The managers of the lead department of each action still without an update after the due date"),
            Delivery.IMMEDIATE,
            visible=periods,
        ),
    ]
