"""Compiling the catalogs (django.po → django.mo): with GNU gettext's `msgfmt` when it is installed (fast), else in
pure Python with polib, so running or testing the portal never needs gettext. Either way fuzzy and empty entries are
left out."""

from __future__ import annotations

import shutil
import subprocess
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
        if shutil.which("msgfmt"):
            subprocess.run(["msgfmt", "--output-file", str(partial), str(po_path)], check=True, timeout=120)
        else:
            polib.pofile(str(po_path)).save_as_mofile(str(partial))
        partial.replace(mo_path)  # atomic: a running server never reads half a catalog
        compiled.append(mo_path)
    return compiled
