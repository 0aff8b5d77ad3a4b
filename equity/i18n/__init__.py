"""Language access: the portal's languages, their catalogs and the visitor's choice (docs/translation.md)."""
