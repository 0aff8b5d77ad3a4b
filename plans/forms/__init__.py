"""Forms of the plans app, one module per area: they validate input only; the services do the writes."""
