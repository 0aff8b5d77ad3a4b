"""equity.markup gives exactly Django's output (format_html, conditional_escape) for every kind of value a row tag
passes: text with markup characters, numbers, dates, None, lazy translations, safe strings, objects with __html__."""

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.middleware.csrf import get_token
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import html as django_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy, override

from equity import markup


class Marked:
    def __html__(self) -> str:
        return "<i>marked</i>"

    def __repr__(self) -> str:  # the test id: the same in every xdist worker
        return "Marked()"


VALUES = [
    "Parks & Recreation", 'a "quoted" <tag>', "it's", "", "Ñandú – 20 %", 0, 12, -3, Decimal("12.50"), 1.5, None,
    date(2026, 12, 5), datetime(2026, 12, 5, 9, 30, tzinfo=UTC), gettext_lazy("Any department"),
    mark_safe("<b>safe</b> & kept"), Marked(), ["a", "<b>"],
]  # fmt: skip


@pytest.mark.parametrize("value", VALUES, ids=repr)
def test_escaped_is_conditional_escape(value):
    assert markup.escaped(value) == str(django_html.conditional_escape(value))


@pytest.mark.parametrize("value", VALUES, ids=repr)
def test_format_html_is_djangos(value):
    template = '<td class="{}"><a href="/x/{}/">{}</a>{label}</td>'
    ours = markup.format_html(template, value, value, value, label=value)
    theirs = django_html.format_html(template, value, value, value, label=value)
    assert ours == theirs and isinstance(ours, SafeString)


def test_a_lazy_translation_is_escaped_in_the_active_language():
    with override("es"):
        assert markup.escaped(gettext_lazy("Any department")) == str(gettext_lazy("Any department"))
        assert markup.escaped(gettext_lazy("Any department")) != "Any department"


def test_csrf_input_is_what_the_csrf_token_tag_writes():
    request = RequestFactory().get("/")
    token = get_token(request)
    context = Context({"csrf_token": token})
    assert markup.csrf_input(context) == Template("{% csrf_token %}").render(context)
    assert markup.csrf_input(Context({})) == ""
    assert markup.csrf_input(Context({"csrf_token": "NOTPROVIDED"})) == ""
