"""The city's public site: reviewed snapshots of plans, indicators, the narrative and example practices."""
