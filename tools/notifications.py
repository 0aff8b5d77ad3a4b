"""The tools app's notifications: a worksheet added you to its team, was submitted for your review, was returned
to you with comments, or was approved."""

from django.utils.translation import gettext_lazy as _

from equity.notifications.kinds import NOTIFICATION_KINDS, Delivery, NotificationKind
from tools.notices import APPROVED, RETURNED, SUBMITTED, TEAM_ADDED
from tools.selectors import assessment_list_for_user


@NOTIFICATION_KINDS.register(order=40)
def notification_kinds() -> list[NotificationKind]:
    def visible(user):
        return assessment_list_for_user(user=user)

    group = _("Racial Equity Tool worksheets")
    return [
        NotificationKind(
            code=TEAM_ADDED,
            label=_("A worksheet added you to its team or made you its lead"),
            recipients=_("The person added to the team, or the new lead"),
            group=group,
            default=Delivery.IMMEDIATE,
            visible=visible,
        ),
        NotificationKind(
            code=SUBMITTED,
            label=_("A worksheet was submitted for your review"),
            recipients=_("Whoever may review it: the department's managers and the equity team"),
            group=group,
            default=Delivery.IMMEDIATE,
            visible=visible,
        ),
        NotificationKind(
            code=RETURNED,
            label=_("A worksheet was returned to you with comments"),
            recipients=_("The worksheet's lead and team"),
            group=group,
            default=Delivery.IMMEDIATE,
            visible=visible,
        ),
        NotificationKind(
            code=APPROVED,
            label=_("A worksheet was approved"),
            recipients=_("The worksheet's lead and team"),
            group=group,
            default=Delivery.IMMEDIATE,
            visible=visible,
        ),
    ]
