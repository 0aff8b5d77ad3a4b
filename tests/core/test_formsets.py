"""Every grid's formset refuses negative hidden counts (a tampered form) with a message, instead of reading them as
"no rows" (equity.forms.CountedFormSet): found by the roster form's fuzz test, which posted -1 for both counts."""

import pytest
from django.forms import BaseFormSet

from library.forms import NarrativeSectionFormSet
from training.forms import RosterFormSet, RosterPageFormSet


def _roster(data: dict) -> BaseFormSet:
    return RosterFormSet(data, prefix="roster", form_kwargs={"staff_choices": []})


def _roster_page(data: dict) -> BaseFormSet:
    return RosterPageFormSet(data, prefix="roster", own_choices={}, staff_choices=[])


def _sections(data: dict) -> BaseFormSet:
    return NarrativeSectionFormSet({k.replace("roster", "sections"): v for k, v in data.items()}, prefix="sections")


@pytest.mark.parametrize("make", [_roster, _roster_page, _sections], ids=["roster", "roster page", "narrative"])
@pytest.mark.parametrize(("total", "initial"), [("-1", "-1"), ("-1", "0"), ("0", "-5")])
def test_a_negative_count_is_a_formset_error(make, total, initial):
    formset = make({"roster-TOTAL_FORMS": total, "roster-INITIAL_FORMS": initial})
    assert not formset.is_valid()
    assert formset.non_form_errors() == ["The form was tampered with."]


@pytest.mark.parametrize("make", [_roster, _roster_page], ids=["roster", "roster page"])
def test_zero_rows_are_still_a_valid_empty_grid(make):
    formset = make({"roster-TOTAL_FORMS": "0", "roster-INITIAL_FORMS": "0"})
    assert formset.is_valid() and formset.non_form_errors() == []
