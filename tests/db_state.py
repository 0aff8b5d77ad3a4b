"""A cheap fingerprint of the database, to prove that a request saved nothing."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from django.apps import apps
from django.db import connection

# Tables any signed-in request may write: the session and the sign-in log.
UNWATCHED_TABLES = {"django_session", "axes_accesslog", "axes_accessattempt", "axes_accessfailurelog"}


def _watched_models(labels: Iterable[str] | None):
    if labels:
        return [apps.get_model(label) for label in labels]
    return [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy and model._meta.db_table not in UNWATCHED_TABLES
    ]


def db_fingerprint(labels: Iterable[str] | None = None) -> dict[str, tuple]:
    """Per table (every table of the project, or those of the 'app.Model' `labels`): row count, highest key and
    latest `updated_at`, in one query. History tables are included, so an audited edit always shows."""
    quote = connection.ops.quote_name
    parts = []
    for model in _watched_models(labels):
        meta = model._meta
        fields = {f.name: f for f in meta.concrete_fields}
        updated = f"CAST(MAX({quote(fields['updated_at'].column)}) AS TEXT)" if "updated_at" in fields else "''"
        parts.append(
            f"SELECT '{meta.db_table}', COUNT(*), CAST(MAX({quote(meta.pk.column)}) AS TEXT), {updated} "
            f"FROM {quote(meta.db_table)}"
        )
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts))
        return {table: tuple(rest) for table, *rest in cursor.fetchall()}


def changes(before: dict[str, tuple], after: dict[str, tuple]) -> dict[str, tuple]:
    """The tables whose fingerprint differs, with (before, after)."""
    return {table: (before[table], after.get(table)) for table in before if before[table] != after.get(table)}


@contextmanager
def nothing_saved(labels: Iterable[str] | None = None) -> Iterator[None]:
    """Fail if the block added, removed or updated a row (of every table, or of the models `labels`)."""
    before = db_fingerprint(labels)
    yield
    changed = changes(before, db_fingerprint(labels))
    assert not changed, f"the database changed: {changed}"
