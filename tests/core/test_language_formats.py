"""Numbers, percentages and dates for each language (ADR 0061): the one `percent` filter, and date inputs whose
values stay ISO 8601 in every language so the browser's date picker and the form agree."""

import datetime
from decimal import Decimal

import pytest
from django import forms
from django.template import Context, Template
from django.utils import translation

from equity.accounts.event_filters import SecurityEventFilterForm
from equity.i18n.numbers import percent_format
from equity.widgets import DatePicker

NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("language", "whole", "decimal"),
    [("en", "20%", "12.5%"), ("es", f"20{NBSP}%", f"12,5{NBSP}%"), ("so", "20%", "12.5%"), ("hmn", "20%", "12.5%")],
)
def test_percent_places_the_sign_and_the_decimal_mark_per_language(language, whole, decimal):
    with translation.override(language):
        assert percent_format(20) == whole
        assert percent_format(Decimal("12.5")) == decimal
        rendered = Template("{% load portal %}{{ a|percent }}|{{ b|percent:1 }}|{{ c|percent:0 }}|{{ d|percent }}")
        context = Context({"a": 20, "b": Decimal("12.5"), "c": 33.333, "d": None})
        assert rendered.render(context) == f"{whole}|{decimal}|{whole.replace('20', '33')}|"


def test_the_plans_percent_filter_agrees_and_says_not_reported_for_none():
    with translation.override("es"):
        rendered = Template("{% load plans_tags %}{{ a|percent }}|{{ b|percent }}").render(
            Context({"a": 40, "b": None})
        )
    assert rendered.startswith(f"40{NBSP}%|") and rendered != f"40{NBSP}%|"


def test_a_value_that_is_not_a_number_is_shown_as_it_is():
    assert percent_format("n/a") == "n/a" and percent_format("") == ""


class _DateForm(forms.Form):
    day = forms.DateField(widget=DatePicker())


@pytest.mark.parametrize("language", ["en", "es", "so", "hmn"])
def test_a_date_input_round_trips_in_every_language(language):
    day = datetime.date(2026, 12, 5)
    with translation.override(language):
        html = str(_DateForm(initial={"day": day})["day"])
        assert 'type="date"' in html and 'value="2026-12-05"' in html, html
        form = _DateForm({"day": "2026-12-05"})
        assert form.is_valid(), form.errors
        assert form.cleaned_data["day"] == day
        filters = SecurityEventFilterForm({"since": "2026-12-05"})
        assert filters.is_valid(), filters.errors
        assert 'value="2026-12-05"' in str(filters["since"])


def test_without_the_iso_format_spanish_would_write_a_value_the_browser_refuses():
    """Why DatePicker exists: Django's own DateInput writes the language's first input format."""
    with translation.override("es"):
        html = forms.DateInput(attrs={"type": "date"}).render("day", datetime.date(2026, 12, 5))
    assert 'value="05/12/2026"' in html
