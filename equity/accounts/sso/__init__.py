"""Single sign-on: accounts made and kept in step from the identity provider's claims (ADR 0054)."""
