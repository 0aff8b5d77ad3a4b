"""Fixtures of the notification tests: a real SMTP server on loopback (tests/notifications/smtp.py)."""

from tests.notifications.smtp import smtp_server  # noqa: F401
