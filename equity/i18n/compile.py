"""Compiling the catalogs (django.po → django.mo) in pure Python: no GNU gettext needed to run or test the portal.
Fuzzy and empty entries are left out, as `msgfmt` leaves them out."""

from __future__ import annotations

from pathlib import Path

import polib


def compile_catalogs(locale_dir: Path, *, force: bool = False) -> list[Path]:
    """Compile each catalog whose .mo is missing or older than its .po; the compiled paths."""
    compiled = []
    for po_path in sorted(locale_dir.glob("*/LC_MESSAGES/django.po")):
        mo_path = po_path.with_suffix(".mo")
        if not force and mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        partial = mo_path.with_suffix(".mo.partial")
        polib.pofile(str(po_path)).save_as_mofile(str(partial))
        partial.replace(mo_path)  # atomic: a running server never reads half a catalog
        compiled.append(mo_path)
    return compiled
