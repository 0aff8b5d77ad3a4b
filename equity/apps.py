"""App config for the shared core: users, departments, roles, dashboard, audit."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EquityConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "equity"
    verbose_name = _("Equity Portal core")

    def ready(self) -> None:
        from django.contrib.auth import signals as auth_signals
        from django.db.models.signals import post_delete

        from equity import cached_reads
        from equity.accounts import receivers, tasks  # noqa: F401 - tasks: registers the security events' purge
        from equity.accounts.factor_events import connect_factor_events
        from equity.evidence.services import on_record_deleted
        from equity.i18n.languages import register_languages
        from equity.lookups import register
        from equity.notifications import tasks as notification_tasks  # noqa: F401 - registers the e-mail jobs

        register()
        register_languages()
        connect_factor_events()
        cached_reads.connect()
        post_delete.connect(on_record_deleted, dispatch_uid="equity.evidence.on_record_deleted")
        auth_signals.user_logged_in.connect(receivers.on_user_logged_in, dispatch_uid="equity.accounts.signed_in")
        auth_signals.user_login_failed.connect(receivers.on_user_login_failed, dispatch_uid="equity.accounts.failed")
        auth_signals.user_logged_out.connect(receivers.on_user_logged_out, dispatch_uid="equity.accounts.signed_out")
