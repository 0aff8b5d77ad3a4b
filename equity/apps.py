"""App config for the shared core: users, departments, roles, dashboard, audit."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EquityConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "equity"
    verbose_name = _("Equity Portal core")

    def ready(self) -> None:
        from equity.lookups import register

        register()
