"""A password blocklist check for long passwords (NIST SP 800-63B-4), beside Django's common-password list.

Django's list holds few passwords of 15 characters or more, so long passwords that are only a common password
repeated ("passwordpassword"), a short run repeated ("aaaaaaaaaaaaaaa", "abcabcabcabcabc"), or the service's own
name are refused here. No composition rules are imposed.
"""

from __future__ import annotations

from django.contrib.auth.password_validation import CommonPasswordValidator
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

CONTEXT_WORDS = ("equityportal", "stlouispark", "racialequity")


def _repeated_unit(text: str) -> str | None:
    """The shortest unit that `text` is a whole repetition of, or None."""
    for size in range(1, len(text) // 2 + 1):
        if len(text) % size == 0 and text[:size] * (len(text) // size) == text:
            return text[:size]
    return None


class BlocklistPasswordValidator:
    """Refuses repetitions of a common password or of a short run, and the portal's or city's name."""

    def __init__(self) -> None:
        self._common = CommonPasswordValidator().passwords

    def validate(self, password: str, user=None) -> None:
        folded = "".join(ch for ch in password.lower() if ch.isalnum())
        unit = _repeated_unit(password.lower())
        if unit is not None and (len(unit) <= 4 or unit in self._common):
            raise ValidationError(_("This password is a short or common word repeated."), code="password_repeated")
        stripped = folded.rstrip("0123456789")
        if any(stripped == word or stripped == word * 2 for word in CONTEXT_WORDS):
            raise ValidationError(_("This password is too easy to guess for this portal."), code="password_context")

    def get_help_text(self) -> str:
        return _("Your password can't be a word or short run of characters repeated.")
