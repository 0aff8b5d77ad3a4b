"""The public site: what the equity team publishes, and the pages, embeds and open data anyone may read."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "public"
    verbose_name = _("Public site")

    def ready(self) -> None:
        from equity.translations.signals import content_translations_changed
        from public.cache import on_content_translated

        content_translations_changed.connect(on_content_translated, dispatch_uid="public.cache.on_content_translated")
