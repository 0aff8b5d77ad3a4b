"""Writes of the library app, by topic: narratives, practices, attachments, the exchange format."""
