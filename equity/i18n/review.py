"""Whether the public site's interface text is reviewed in a language (the "machine-assisted translation" note)."""

from equity.i18n.catalogs import interface_reviewed

__all__ = ["interface_reviewed"]
