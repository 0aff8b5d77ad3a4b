"""The city's OpenID Connect provider: allauth's client with the portal's own ID token checks (ADR 0053)."""
