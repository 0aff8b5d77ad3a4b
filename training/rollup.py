"""The completion roll-up (training.models.CompletionRollup): one row per person and module they completed, with
the first and last completion dates, derived from attendance.

Every service that creates, changes or deletes attendance or sessions calls `completion_rollup_refresh` with the
people it touched, inside its own transaction; bulk paths (scale data) call `completion_rollup_rebuild`. Both
recompute from attendance, so the roll-up is always exactly what a live aggregate would give.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection, transaction
from django.db.models import Max, Min, QuerySet

from equity.models import User
from training.models import Attendance, CompletionRollup

CHUNK = 2000


def _insert_from(attendances: QuerySet[Attendance]) -> None:
    """INSERT … SELECT the roll-up rows of `attendances` in one statement (nothing goes through Python)."""
    rows = (
        attendances.filter(completed=True, user__isnull=False)
        .order_by()
        .values("user_id", "session__module_id")
        .annotate(first=Min("session__date"), last=Max("session__date"))
    )
    sql, params = rows.query.sql_with_params()
    table = CompletionRollup._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (user_id, module_id, first_completed_on, last_completed_on) {sql}",  # noqa: S608
            params,
        )


@transaction.atomic(savepoint=False)
def completion_rollup_refresh(*, user_ids: Iterable[int | None]) -> None:
    """Recompute these people's roll-up rows from their attendance (call inside the writing transaction)."""
    ids = sorted({pk for pk in user_ids if pk is not None})
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        # Lock the people (in id order) so two rosters saved at once for the same person refresh one after the
        # other, the second seeing the first's attendance, instead of colliding on the unique constraint.
        list(User.objects.select_for_update().filter(pk__in=chunk).order_by("pk").values_list("pk", flat=True))
        CompletionRollup.objects.filter(user_id__in=chunk).delete()
        _insert_from(Attendance.objects.filter(user_id__in=chunk))


@transaction.atomic(savepoint=False)
def completion_rollup_rebuild() -> None:
    """Recompute the whole roll-up from attendance (bulk seeding and resets, which bypass the services)."""
    CompletionRollup.objects.all().delete()
    _insert_from(Attendance.objects.all())
