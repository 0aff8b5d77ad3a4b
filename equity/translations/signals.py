"""Sent once the translations of a record are saved (after the commit), so pages showing them can forget their cached
copies (the public site's cache generation: `public` connects a receiver; the core never imports it)."""

from django.dispatch import Signal

content_translations_changed = Signal()  # kwargs: record_type (key), record_pk, language
