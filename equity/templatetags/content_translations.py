"""`{% translations_link obj %}`: the "Translations" link of a record whose published text is translatable (its app
declares it, `equity.contributions.TRANSLATABLE`); nothing for other records. The page it opens checks who may
translate (403 otherwise), like every link to an edit page."""

from __future__ import annotations

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

from equity.i18n.languages import translated_language_codes
from equity.translations.registry import record_type_for_model

register = template.Library()


@register.simple_tag
def translations_link(obj, css: str = "") -> str:
    """A link to the record's side-by-side translation page, in the first language content is translated into."""
    record_type = record_type_for_model(type(obj)) if obj is not None else None
    languages = translated_language_codes()
    if record_type is None or not languages:
        return ""
    url = reverse("translation_edit", kwargs={"owner": record_type.key, "pk": obj.pk, "language": languages[0]})
    if css:
        return format_html('<a class="{}" href="{}">{}</a>', css, url, _("Translations"))
    return format_html('<a href="{}">{}</a>', url, _("Translations"))
