"""The library's notifications: a practice you suggested was published."""

from django.utils.translation import gettext_lazy as _

from equity.notifications.kinds import NOTIFICATION_KINDS, Delivery, NotificationKind
from library.notices import PUBLISHED
from library.selectors import practice_list_for_user


@NOTIFICATION_KINDS.register(order=50)
def notification_kinds() -> list[NotificationKind]:
    def visible(user):
        return practice_list_for_user(user=user)

    return [
        NotificationKind(
            code=PUBLISHED,
            label=_("A practice you suggested was published"),
            recipients=_("The person who suggested the practice"),
            group=_("Practice library"),
            default=Delivery.IMMEDIATE,
            visible=visible,
        ),
    ]
