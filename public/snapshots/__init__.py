"""Builders of snapshot payloads, one module per kind: plain JSON (decimals as strings), schema in
docs/public/README.md. A builder reads the live record once, keeps only what may be published, and suppresses
small numbers."""

SCHEMA_VERSION = 1
