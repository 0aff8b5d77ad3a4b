"""The reports app's notifications: a report someone asked for is ready, or failed."""

from django.utils.translation import gettext_lazy as _

from equity.notifications.kinds import NOTIFICATION_KINDS, Delivery, NotificationKind
from reports.jobs import report_job_list_for_user
from reports.notices import FAILED, READY


@NOTIFICATION_KINDS.register(order=10)
def notification_kinds() -> list[NotificationKind]:
    def visible(user):
        return report_job_list_for_user(user=user)

    group = _("Reports")
    return [
        NotificationKind(
            code=READY,
            label=_("A report you asked for is ready"),
            recipients=_("The person who asked for the report"),
            group=group,
            default=Delivery.INBOX,
            visible=visible,
        ),
        NotificationKind(
            code=FAILED,
            label=_("A report you asked for could not be made"),
            recipients=_("The person who asked for the report"),
            group=group,
            default=Delivery.IMMEDIATE,
            visible=visible,
        ),
    ]
