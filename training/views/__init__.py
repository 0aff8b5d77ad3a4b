"""Pages of the training app, one module per area: curriculum, sessions, roster import, records and reports."""
