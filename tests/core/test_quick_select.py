"""QuickSelect (equity.widgets) writes the markup of Django's own <select>, option for option: the same values,
labels, escaping (lazy translations and safe strings included) and selected option."""

import pytest
from django import forms
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from equity.widgets import QuickSelect

CHOICES = [
    ("", gettext_lazy("Any department")),
    ("1", "Parks & Recreation"),
    ("2", 'Fire "Station" <2>'),
    ("3", mark_safe("<b>Safe</b> label")),
    ("it's", "Quote's value"),
    (4, 4),
]


def _django(value) -> str:
    return forms.Select(choices=CHOICES, attrs={"class": "form-select"}).render("department", value)


@pytest.mark.parametrize("value", [None, "", "1", "2", 4, "it's", "missing"])
def test_the_same_markup_as_djangos_select(value):
    quick = QuickSelect(choices=CHOICES, attrs={"class": "form-select"}).render("department", value)
    assert [line.strip() for line in quick.splitlines() if line.strip()] == [
        line.strip() for line in _django(value).splitlines() if line.strip()
    ]


def test_labels_and_values_are_escaped_and_one_option_is_selected():
    html = QuickSelect(choices=CHOICES + [("1", "Again")]).render("d", "1")
    assert "Parks &amp; Recreation" in html and "Fire &quot;Station&quot; &lt;2&gt;" in html
    assert "<b>Safe</b> label" in html and 'value="it&#x27;s"' in html
    assert html.count(" selected") == 1
