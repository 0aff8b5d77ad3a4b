"""Reference codes of results, outcomes and actions ("1", "1.3", "1.3.2", "A-4") and their natural sort key.

Accepted codes: 1 to 20 characters, letters, digits and the separators ``.``, ``-``, ``_`` and ``/``; they start with
a letter or a digit. Leading and trailing spaces are removed. Empty means "no code".

The sort key orders codes the way people read them: numbers as numbers, so "1.10" comes after "1.9" and "2" after
"1.3.2"; letters compare case-insensitively, and a number sorts before a word at the same place ("1.2" < "1.A").
The separators only split the parts ("1-3" sorts as "1.3"). Items without a code get the key "~", which sorts
after every coded one.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

CODE_MAX_LENGTH = 20
SORT_KEY_MAX_LENGTH = 120
NO_CODE_KEY = "~"  # sorts after "0…" (numbers) and "1…" (words)
_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._/-]*$")
_PART = re.compile(r"\d+|[A-Za-z]+")


class CodeError(ValueError):
    """A code that is not accepted; the message says why, in words a person can act on."""


def clean_code(text: str | None) -> str:
    """The code as stored: stripped; raises CodeError when it is too long or uses other characters."""
    code = (text or "").strip()
    if not code:
        return ""
    if len(code) > CODE_MAX_LENGTH:
        raise CodeError(_("A code has at most %(n)d characters.") % {"n": CODE_MAX_LENGTH})
    if not _CODE.match(code):
        raise CodeError(
            _("Use letters, digits and . - _ / only, starting with a letter or digit (for example 1.3.2 or A-4).")
        )
    return code


def code_sort_key(code: str | None) -> str:
    """A text key that sorts codes in natural order ("1.9" < "1.10"): each number is written after its length
    ("10" -> "00210"), so comparing the keys as text compares the numbers; each word is lower-cased after a "1"."""
    if not (code or "").strip():
        return NO_CODE_KEY
    parts = []
    for part in _PART.findall(code or ""):
        if part.isdigit():
            number = part.lstrip("0") or "0"
            parts.append(f"0{len(number):02d}{number}")
        else:
            parts.append("1" + part.lower())
    return ".".join(parts)[:SORT_KEY_MAX_LENGTH]
