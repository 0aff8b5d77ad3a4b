"""Writes of the tools app: assessments, answers, the review lifecycle and template versions."""
