"""Lean rendering for the list pages' filter forms.

Django renders a ``<select>`` through a template include per option (and another for its attributes), and
django-crispy-forms adds its own template machinery per field. With a city's 40 departments and a dozen equity
areas that was most of a list page's rendering time at scale, more than its 50 rows. These render the same
markup in Python; ``templates/includes/_filter_field.html`` adds the label and error around them.
"""

from __future__ import annotations

from django import forms
from django.forms.boundfield import BoundField
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe


class QuickSelect(forms.Select):
    """A ``<select>`` with the markup of Django's template, rendered in Python (no include per option)."""

    def render(self, name, value, attrs=None, renderer=None) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        groups = []
        for group_name, options, _index in widget["optgroups"]:
            rendered = format_html_join(
                "\n",
                '<option value="{}"{}>{}</option>',
                ((o["value"], flatatt(o["attrs"]), o["label"]) for o in options),
            )
            groups.append(
                format_html('<optgroup label="{}">\n{}\n</optgroup>', group_name, rendered) if group_name else rendered
            )
        return format_html(
            '<select name="{}"{}>\n{}\n</select>', name, flatatt(widget["attrs"]), mark_safe("\n".join(groups))
        )


class FilterBoundField(BoundField):
    """A filter field styled the way crispy's Bootstrap 5 pack styled it: ``form-select`` or ``form-control``, plus
    ``is-invalid`` when the value was refused (Django already adds ``aria-invalid`` and ``aria-describedby`` pointing
    at ``<auto_id>_error``, the id the template gives the message)."""

    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        widget = widget or self.field.widget
        css = "form-select" if isinstance(widget, forms.Select) else "form-control"
        if self.errors:
            css += " is-invalid"
        attrs["class"] = " ".join(filter(None, [widget.attrs.get("class"), css]))
        return attrs
