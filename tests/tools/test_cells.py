"""Table cells as analysts write them (from a real Racial Equity Impact Analysis): the text kept, numbers read back."""

from decimal import Decimal

import pytest
from django.utils import translation

from tools.cells import cell_group_kind, cell_is_not_stated, cell_number, cell_range, cell_text

NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("typed", "number"),
    [
        ("20 %", Decimal("20")),
        (f"20{NBSP}%", Decimal("20")),
        ("20\u202f%", Decimal("20")),
        ("about 400", Decimal("400")),
        ("approx. 1,250 households", Decimal("1250")),
        ("1,250", Decimal("1250")),
        ("$3.2 million", Decimal("3200000")),
        ("5k", Decimal("5000")),
        ("-5", Decimal("-5")),
        ("\u22125 %", Decimal("-5")),
        ("change: -5%", Decimal("-5")),
        # What the strict number cells stored before issue 14 reads back unchanged.
        ("1250", Decimal("1250")),
        ("-12.5", Decimal("-12.5")),
        ("1E+3", Decimal("1000")),
    ],
)
def test_one_number_in_the_typed_text_is_read(typed, number):
    assert cell_number(typed) == number
    assert cell_range(typed) is None


@pytest.mark.parametrize(
    ("typed", "low", "high"),
    [
        ("2012\u20132016", "2012", "2016"),  # en dash, as reports print it
        ("2012 - 2016", "2012", "2016"),
        ("2012\u20142016", "2012", "2016"),
        ("12.5\u201314%", "12.5", "14"),
        ("$3\u20134 million", "3000000", "4000000"),
        ("between 10 and 20", "10", "20"),
        ("10 to 20", "10", "20"),
    ],
)
def test_a_range_is_two_ends_and_no_single_number(typed, low, high):
    assert cell_number(typed) is None
    assert cell_range(typed) == (Decimal(low), Decimal(high))


@pytest.mark.parametrize(
    "typed", ["", "more than 400", "under 5 %", "400 in 2012", "12,5", "1 250", "FY2020-21", "lots", "n/a"]
)
def test_nothing_is_guessed(typed):
    """Bounds, several numbers, a decimal comma or a spaced thousands group: no number rather than a wrong one."""
    assert cell_number(typed) is None
    assert cell_range(typed) is None


def test_not_stated_cell():
    value = {"not_stated": True}
    assert cell_is_not_stated(value) and not cell_is_not_stated("Not stated") and not cell_is_not_stated("")
    assert cell_number(value) is None and cell_range(value) is None
    assert cell_text(value) == "Not stated"
    with translation.override("es"):
        assert cell_text(value)  # translated where a catalogue has it; never empty


def test_text_of_plain_and_group_cells():
    assert cell_text("20 %") == "20 %" and cell_text("") == "" and cell_text(None) == ""
    listed = {"kind": "listed", "name": "Black or African American"}
    other = {"kind": "other", "name": "Community organisations historically not funded"}
    assert cell_text(listed) == "Black or African American" and cell_group_kind(listed) == "listed"
    assert cell_text(other).startswith("Community organisations") and cell_group_kind(other) == "other"
    assert cell_group_kind("Asian") is None and cell_number(listed) is None
