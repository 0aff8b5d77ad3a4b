"""Pages of the library app, by topic."""
