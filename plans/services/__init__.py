"""Writes of the plans app, one module per record family; every write records its author in the audit trail."""
