"""seed_demo: idempotent, and refused with debug off unless forced; demo_prepare (make run) migrates only when a
migration is pending and seeds only what is missing."""

import os
import sqlite3
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.test.utils import CaptureQueriesContext

from equity.demo import DEMO_PASSWORD
from equity.management.commands.demo_prepare import pending_migrations
from equity.models import Department, User

pytestmark = pytest.mark.django_db


def _counts():
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if not model._meta.label.startswith(("sessions.", "admin.", "axes."))
    }


def test_seed_demo_refuses_with_debug_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="refuses to run with DEBUG off"):
        call_command("seed_demo")


def test_seed_demo_is_idempotent(settings):
    settings.DEBUG = True
    call_command("seed_demo")
    first = _counts()
    call_command("seed_demo")
    assert _counts() == first
    assert Department.objects.count() == 12
    manager = User.objects.get(username="manager")
    assert manager.is_manager and manager.check_password(DEMO_PASSWORD)
    assert list(manager.departments.values_list("code", flat=True)) == ["CD"]
    assert User.objects.get(username="equity").is_equity_team
    assert User.objects.get(username="facilitator").is_facilitator
    assert User.objects.get(username="admin").is_superuser


def test_seed_demo_force_runs_with_debug_off(settings):
    settings.DEBUG = False
    call_command("seed_demo", "--force")
    assert User.objects.filter(username="staff").exists()


def test_the_demo_fills_inboxes_and_emails_nobody(settings, django_capture_on_commit_callbacks):
    """The demo's worksheets, updates and sessions raise real notifications; its made-up people get no e-mail."""
    from django.core import mail

    from equity.models import EmailDelivery, Notification

    settings.DEBUG = True
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo")
    assert Notification.objects.exists()
    assert not EmailDelivery.objects.exists() and mail.outbox == []
    manager = User.objects.get(username="manager")
    assert manager.unread_notifications == Notification.objects.filter(recipient=manager, read_at=None).count() > 0


def test_a_second_seed_demo_only_reads(settings):
    """Each app's demo contribution finds its records and stops: no insert, update or delete, no new history."""
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0, stdout=StringIO())
    first = _counts()
    with CaptureQueriesContext(connection) as queries:
        call_command("seed_demo", verbosity=0, stdout=StringIO())
    statements = [query["sql"].lstrip().upper() for query in queries.captured_queries]
    writes = [sql for sql in statements if sql.startswith(("INSERT", "UPDATE", "DELETE"))]
    assert writes == []
    assert _counts() == first
    print(f"second seed_demo: {len(queries)} queries, all reads")


def test_demo_users_share_one_hash_of_the_published_password(settings):
    """The demo password is hashed once per run (PBKDF2 is slow on purpose); each user signs in with it and each
    creation is in the user's history."""
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0, stdout=StringIO())
    users = list(User.objects.all())
    assert len(users) > 30
    assert len({user.password for user in users}) == 1
    assert all(user.check_password(DEMO_PASSWORD) for user in users)
    admin = User.objects.get(username="admin")
    assert admin.is_superuser and admin.is_staff and admin.is_active
    assert all(user.history.filter(history_type="+").count() == 1 for user in users)


def test_demo_prepare_skips_migrate_when_nothing_is_pending(settings):
    """make run's second start: no migration pending, so migrate is not run; the demo is there, so nothing is added."""
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0, stdout=StringIO())
    first = _counts()
    out = StringIO()
    call_command("demo_prepare", stdout=out)
    assert "No migrations to apply." in out.getvalue()
    assert "Applying" not in out.getvalue() and "Operations to perform" not in out.getvalue()
    assert "Demo data is ready." in out.getvalue()
    assert _counts() == first


def test_pending_migrations_names_what_migrate_would_apply():
    assert pending_migrations() == []
    MigrationRecorder(connection).record_unapplied("reports", "0003_job_language")
    assert pending_migrations() == ["reports.0003_job_language"]
    with pytest.raises(SystemExit):  # `migrate --check` agrees
        call_command("migrate", check_unapplied=True, skip_checks=True, verbosity=0)


@pytest.mark.needs_postgres
def test_seed_demo_skips_a_table_another_session_holds_rather_than_failing_on_the_lock_timeout(settings):
    """Autovacuum analysing a table right after the seeding holds the lock ANALYZE needs; seed_demo's statistics pass
    skips that table instead of waiting into the lock timeout (which failed the whole command)."""
    import psycopg2

    settings.DEBUG = True
    params = connection.get_connection_params()
    holder = psycopg2.connect(**{key: params[key] for key in ("dbname", "user", "host", "port") if key in params})
    try:
        with holder.cursor() as cursor:  # a transaction that holds the table until it ends
            cursor.execute("LOCK TABLE training_attendance IN SHARE UPDATE EXCLUSIVE MODE")
        call_command("seed_demo", stdout=StringIO())
    finally:
        holder.rollback()
        holder.close()
    assert User.objects.filter(username="staff").exists()


def test_a_new_sqlite_demo_database_is_created_from_the_models_and_seeded(tmp_path):
    """make run's first start on the embedded default: demo_prepare on a new SQLite file creates the tables from the
    models (ADR 0077), records every migration as applied and seeds the demo; `migrate --check` then finds nothing
    pending, and the reference rows the data migrations create are there (from `ensure_reference_data`)."""
    root = Path(__file__).resolve().parents[2]
    database = tmp_path / "demo.sqlite3"
    env = {key: value for key, value in os.environ.items() if key not in ("DATABASE_URL", "REDIS_URL")}
    env.update(DATABASE_URL=f"sqlite:///{database}", DJANGO_DEBUG="true", DJANGO_SETTINGS_MODULE="equity.settings")

    def manage(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "manage.py", *args], cwd=root, env=env, capture_output=True, text=True, timeout=300
        )

    prepared = manage("demo_prepare")
    assert prepared.returncode == 0, prepared.stderr
    assert "A new database: creating its tables from the models." in prepared.stdout
    assert "Applying" not in prepared.stdout and "Demo data is ready." in prepared.stdout
    assert manage("migrate", "--check").returncode == 0
    with sqlite3.connect(database) as db:
        recorded = set(db.execute("SELECT app, name FROM django_migrations"))
        tables = ("plans_scalelevel", "plans_statuslegendentry", "equity_user", "plans_plan")
        counts = {table: db.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0] for table in tables}
    assert recorded == set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    assert counts["plans_scalelevel"] == 9 and counts["plans_statuslegendentry"] > 0  # reference rows
    assert counts["equity_user"] > 5 and counts["plans_plan"] > 0  # the demo
    again = manage("demo_prepare")  # the second start: nothing pending, nothing added
    assert again.returncode == 0 and "No migrations to apply." in again.stdout
