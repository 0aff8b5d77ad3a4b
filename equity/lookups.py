"""`pk__in` with a number no integer column can hold matches nothing, on every database.

Django already treats an out-of-range number in `exact`, `lt`, `gt` ... as matching nothing, but not in `in`: on
SQLite a multiple-choice form field given `departments=99999999999999999999` raises OverflowError (a 500) where
PostgreSQL finds no row. Registered by `EquityConfig.ready()`; why a global lookup and not a form field: ADR 0031.
"""

from __future__ import annotations

from django.core.exceptions import EmptyResultSet
from django.db.models import IntegerField
from django.db.models.lookups import In


class IntegerFieldIn(In):
    """`in` on an integer column that leaves out the numbers the column cannot hold."""

    def process_rhs(self, compiler, connection):
        if self.rhs_is_direct_value():
            low, high = connection.ops.integer_field_range(self.lhs.output_field.get_internal_type())
            kept = [
                value
                for value in self.rhs
                if not isinstance(value, int) or ((low is None or value >= low) and (high is None or value <= high))
            ]
            if not kept:
                raise EmptyResultSet
            self.rhs = kept
        return super().process_rhs(compiler, connection)


def register() -> None:
    """Use `IntegerFieldIn` for `in` on every integer column (automatic keys included)."""
    IntegerField.register_lookup(IntegerFieldIn, lookup_name="in")
