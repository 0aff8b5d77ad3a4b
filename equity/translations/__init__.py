"""Translations of published content (issue 19): what the city publishes, translated side by side with the English
in the staff portal, each piece with its own review state and history (docs/translation/content.md, ADR 0060)."""
