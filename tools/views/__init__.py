"""Pages of the tools app, split by topic."""
