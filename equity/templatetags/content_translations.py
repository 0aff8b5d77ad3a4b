"""`{% translations_link obj %}`: the "Translations" link of a record whose published text is translatable (its app
declares it, `equity.contributions.TRANSLATABLE`); nothing for other records, and nothing for a person who may not
translate it (`can_translate`, the check the page makes: a link never ends in 403). `before` is written only with
the link (a separator such as " · ")."""

from __future__ import annotations

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

from equity.i18n.languages import translated_language_codes
from equity.translations.registry import can_translate, record_type_for_model

register = template.Library()


@register.simple_tag(takes_context=True)
def translations_link(context, obj, css: str = "", before: str = "") -> str:
    """A link to the record's side-by-side translation page, in the first language content is translated into."""
    record_type = record_type_for_model(type(obj)) if obj is not None else None
    languages = translated_language_codes()
    user = context.get("user") or getattr(context.get("request"), "user", None)
    if record_type is None or not languages or user is None or not can_translate(user, record_type, obj):
        return ""
    url = reverse("translation_edit", kwargs={"owner": record_type.key, "pk": obj.pk, "language": languages[0]})
    if css:
        return format_html('{}<a class="{}" href="{}">{}</a>', before, css, url, _("Translations"))
    return format_html('{}<a href="{}">{}</a>', before, url, _("Translations"))
