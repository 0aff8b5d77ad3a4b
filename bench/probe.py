"""Query counts and sequential scans of every benchmarked page, on the database named by DATABASE_URL.

Before it looks at plans it runs VACUUM ANALYZE (an analysed database, as autovacuum soon makes a live one) and counts
every table's rows exactly: a sequential scan on a table over 10,000 rows is reported.

Prints one JSON object: {label: {"path", "status", "queries", "seq_scans": [table, ...]}}.
"""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "equity.settings")
os.environ.setdefault("DJANGO_DEBUG", "true")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")

import django  # noqa: E402

django.setup()

from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from bench.pages import all_pages  # noqa: E402
from equity.models import User  # noqa: E402

LARGE_TABLE_ROWS = 10_000
SEQ_SCAN = re.compile(r"Seq Scan on (\w+)")


def _large_tables() -> set[str]:
    """Tables over LARGE_TABLE_ROWS rows, counted exactly (the planner's `reltuples` is -1 before a first ANALYZE and
    an estimate after it, so a table near the line could be missed)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")
        tables = [row[0] for row in cursor.fetchall()]
        large = set()
        for table in tables:
            cursor.execute(f"SELECT count(*) FROM (SELECT 1 FROM {connection.ops.quote_name(table)} LIMIT %s) AS t",
                           [LARGE_TABLE_ROWS + 1])  # fmt: skip
            if cursor.fetchone()[0] > LARGE_TABLE_ROWS:
                large.add(table)
        return large


def _seq_scans(queries: list[dict], large: set[str]) -> list[str]:
    found: set[str] = set()
    with connection.cursor() as cursor:
        for query in queries:
            sql = query["sql"]
            if not sql.lstrip().upper().startswith("SELECT"):
                continue
            cursor.execute("EXPLAIN " + sql)
            plan = "\n".join(row[0] for row in cursor.fetchall())
            found.update(table for table in SEQ_SCAN.findall(plan) if table in large)
    return sorted(found)


def main() -> None:
    with connection.cursor() as cursor:
        # Freshly seeded tables have no visibility map yet, so the planner prices index-only scans as if every row
        # needed a heap visit; VACUUM does what autovacuum soon does on a live database (ANALYZE alone on SQLite).
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    large = _large_tables() if connection.vendor == "postgresql" else set()
    clients: dict[str, Client] = {}
    results = {}
    for page in all_pages():
        client = clients.get(page.username)
        if client is None:
            client = clients[page.username] = Client()
            if page.username:  # "" is an anonymous visitor (the public site)
                client.force_login(User.objects.get(username=page.username))
        path = page.path()
        client.get(path)  # warm caches (ContentTypes, sessions, public pages) so counts are steady
        reset_queries()  # with DEBUG on, the warm-up filled the query log; start the capture from empty
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(path)
        results[page.label] = {
            "path": path,
            "username": page.username,
            "status": response.status_code,
            "queries": len(ctx.captured_queries),
            "seq_scans": _seq_scans(ctx.captured_queries, large) if large else [],
        }
    json.dump(results, sys.stdout)


if __name__ == "__main__":
    main()
