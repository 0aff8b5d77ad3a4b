"""What a translation must keep from its English: placeholders, HTML tags, plural forms and surrounding newlines.

`entry_problems` is the one rule book: the catalog check (`manage.py catalogs_check`, run by the test suite) applies
it to every entry of every catalog, and the same rules are the translators' checklist in docs/translation.md.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from django.utils.translation import gettext as _

# %(name)s, %s, %d, %.1f ...; "%%" is a literal per cent sign, not a placeholder.
PRINTF = re.compile(r"%(?:\([^)]+\))?[#0\- +]*\d*(?:\.\d+)?[sdifrxXeEgGc]")
BRACE = re.compile(r"(?<!\{)\{[A-Za-z_][A-Za-z0-9_]*\}(?!\})")
TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)\b[^>]*?(/?)>")


def placeholders(text: str, python_format: bool = True) -> Counter[str]:
    """The placeholders in `text`, counted: brace-style (`str.format`) and, in a string Python formats with `%`
    (gettext's python-format flag), printf-style. Elsewhere "90 % confidence" is text, not a placeholder."""
    found = Counter(BRACE.findall(text))
    if python_format:
        found += Counter(PRINTF.findall(text.replace("%%", "")))
    return found


def tags(text: str) -> Counter[str]:
    """The HTML tags in `text` by name, opening and closing counted apart (attribute values may be translated)."""
    return Counter(f"{closing}{name.lower()}{selfclosing}" for closing, name, selfclosing in TAG.findall(text))


def _edges(text: str) -> tuple[bool, bool]:
    return text.startswith("\n"), text.endswith("\n")


def _compare(source: str, translation: str, python_format: bool, allowed: Counter[str] | None = None) -> list[str]:
    problems = []
    theirs, ours = placeholders(source, python_format), placeholders(translation, python_format)
    if allowed is None:
        if theirs != ours:
            problems.append(
                _("placeholders differ: %(source)s in the English, %(translation)s in the translation")
                % {"source": _listed(theirs), "translation": _listed(ours)}
            )
    elif extra := ours - allowed:
        problems.append(_("placeholders the English does not have: %(extra)s") % {"extra": _listed(extra)})
    if tags(source) != tags(translation):
        problems.append(
            _("HTML tags differ: %(source)s in the English, %(translation)s in the translation")
            % {"source": _listed(tags(source)), "translation": _listed(tags(translation))}
        )
    if _edges(source) != _edges(translation):
        problems.append(_("the translation must begin and end with a line break where the English does"))
    return problems


def _listed(counted: Counter[str]) -> str:
    return ", ".join(sorted(counted.elements())) or _("none")


def entry_problems(
    msgid: str,
    msgid_plural: str,
    msgstr: str,
    msgstr_plural: Iterable[str],
    nplurals: int,
    python_format: bool = True,
) -> list[str]:
    """What is wrong with one translation (an empty list when nothing is). An empty translation is a problem."""
    if not msgid_plural:
        if not msgstr:
            return [_("not translated")]
        return _compare(msgid, msgstr, python_format)
    forms = list(msgstr_plural)
    if len(forms) != nplurals:
        return [
            _("%(found)d plural forms where the language has %(expected)d")
            % {"found": len(forms), "expected": nplurals}
        ]
    if not all(forms):
        return [_("not translated")]
    problems: list[str] = []
    allowed = placeholders(msgid, python_format) | placeholders(msgid_plural, python_format)
    for form in forms:
        problems += _compare(msgid_plural, form, python_format, allowed=allowed)
    # The form used for most numbers must name every placeholder of the English plural.
    if missing := placeholders(msgid_plural, python_format) - placeholders(forms[-1], python_format):
        problems.append(_("the last plural form leaves out %(missing)s") % {"missing": _listed(missing)})
    return list(dict.fromkeys(problems))
