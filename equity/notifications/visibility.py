"""Whether people may (still) see the records their notifications are about, for many people in a fixed number of
queries.

Each kind names the `..._for_user` selector of its records. For a batch of people, one query asks all of them at
once: the union of each person's selector, narrowed to the records in question. The people's departments are loaded
once and primed on them, so the selectors themselves run no query of their own.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import islice

from django.db.models import IntegerField, QuerySet, Value

from equity.models import User
from equity.notifications.kinds import NotificationKind
from equity.permissions import remember_department_ids

# SQLite allows at most 500 terms in one compound SELECT; a batch of people stays well below it.
PEOPLE_PER_QUERY = 200


def people_primed(ids: Iterable[int]) -> dict[int, User]:
    """Active people by id with their department ids primed (two queries, whatever their number)."""
    people = User.objects.filter(pk__in=set(ids), is_active=True).prefetch_related("departments")
    found: dict[int, User] = {}
    for person in people:
        remember_department_ids(person, {department.pk for department in person.departments.all()})
        found[person.pk] = person
    return found


def _batches(items: Sequence[User], size: int) -> Iterable[list[User]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def visible_pairs(*, kind: NotificationKind, people: Sequence[User], target_ids: Iterable[int]) -> set[tuple[int, int]]:
    """(person id, record id) for each of `target_ids` that each of `people` may see under `kind`'s selector."""
    ids = sorted(set(target_ids))
    if not ids or not people:
        return set()
    pairs: set[tuple[int, int]] = set()
    for batch in _batches(people, PEOPLE_PER_QUERY):
        parts: list[QuerySet] = [
            kind.visible(person)
            .filter(pk__in=ids)
            .order_by()
            .annotate(_person=Value(person.pk, output_field=IntegerField()))
            .values_list("_person", "pk")
            for person in batch
        ]
        union = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
        pairs.update((int(person_id), int(pk)) for person_id, pk in union)
    return pairs
