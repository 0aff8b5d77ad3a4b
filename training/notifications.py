"""The training app's notifications: a session someone registered for is tomorrow, changed or was cancelled; a
required module is due soon or overdue (docs/training.md, "Notifications")."""

from django.utils.translation import gettext_lazy as _

from equity.notifications.kinds import NOTIFICATION_KINDS, Delivery, NotificationKind
from training.notices import MODULE_DUE, MODULE_OVERDUE, SESSION_CANCELLED, SESSION_CHANGED, SESSION_TOMORROW
from training.selectors import module_list_for_user, session_list_for_user


@NOTIFICATION_KINDS.register(order=30)
def notification_kinds() -> list[NotificationKind]:
    def sessions(user):
        return session_list_for_user(user=user)

    def modules(user):
        return module_list_for_user(user=user)

    group = _("Training")
    registered = _("People registered for the session, or on its waiting list")
    return [
        NotificationKind(
            code=SESSION_TOMORROW,
            label=_("A training session you registered for is tomorrow"),
            recipients=registered,
            group=group,
            default=Delivery.IMMEDIATE,
            visible=sessions,
        ),
        NotificationKind(
            code=SESSION_CHANGED,
            label=_("A training session you registered for changed its date, time, place or format"),
            recipients=_("People registered for the session, or on its waiting list (not the person who changed it)"),
            group=group,
            default=Delivery.IMMEDIATE,
            visible=sessions,
        ),
        # A cancelled session is deleted, so the notification is about (and links to) its module: the module's page
        # lists its other sessions. Who may still see the session is checked before it is deleted.
        NotificationKind(
            code=SESSION_CANCELLED,
            label=_("A training session you registered for was cancelled"),
            recipients=_("People registered for the session, or on its waiting list (not the person who cancelled it)"),
            group=group,
            default=Delivery.IMMEDIATE,
            visible=modules,
        ),
        NotificationKind(
            code=MODULE_DUE,
            label=_("A module required of you is due soon"),
            recipients=_("People a training requirement applies to who have not completed the module"),
            group=group,
            default=Delivery.DAILY,
            visible=modules,
        ),
        NotificationKind(
            code=MODULE_OVERDUE,
            label=_("A module required of you is overdue"),
            recipients=_("People a training requirement applies to who have not completed the module"),
            group=group,
            default=Delivery.DAILY,
            visible=modules,
        ),
    ]
