#!/usr/bin/env python
"""Django's command-line utility for Equity Portal."""

import os
import sys


def main() -> None:
    """Run a management command, turning configuration and connection errors into one clear line."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "equity.settings")
    if sys.argv[1:2] == ["makemigrations"]:
        # Writing or checking migrations signs nothing: it needs no secret, so a bare checkout can run it.
        os.environ.setdefault("DJANGO_SECRET_KEY", "makemigrations-only-key-never-used-to-sign-anything")
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line
    from django.db.utils import OperationalError

    try:
        from django.conf import settings

        settings.INSTALLED_APPS  # noqa: B018 - load the settings now so their errors are reported as one line
        execute_from_command_line(sys.argv)
    except ImproperlyConfigured as exc:
        sys.stderr.write(f"Configuration error: {exc}\n")
        sys.exit(2)
    except OperationalError as exc:
        first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else exc.__class__.__name__
        sys.stderr.write(
            f"Cannot reach the database: {first_line}\n"
            "Check DATABASE_URL (for example postgres://user@127.0.0.1:5432/equity) and that the server is running.\n"
        )
        sys.exit(2)


if __name__ == "__main__":
    main()
