"""Views of the plans app, by page family. Thin: selectors read, services write, permissions decide."""
