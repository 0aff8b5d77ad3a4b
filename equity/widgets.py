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
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from equity.markup import escaped, format_html
from equity.models import Department


class QuickSelect(forms.Select):
    """A single ``<select>`` with the markup of Django's template, rendered in Python straight from the choices (no
    include and no option dict per option). Choices with option groups fall back to Django's rendering."""

    def render(self, name, value, attrs=None, renderer=None) -> SafeString:
        choices = list(iter(self.choices))  # not list(choices): a ModelChoiceIterator's len() is a COUNT query
        if any(isinstance(label, (list, tuple)) for _value, label in choices):
            return super().render(name, value, attrs, renderer)
        wanted = set(self.format_value(value))
        options, has_selected = [], False
        for option_value, label in choices:
            option_value = "" if option_value is None else str(option_value)
            selected = not has_selected and option_value in wanted
            has_selected = has_selected or selected
            # equity.markup's escaping (Django's output, a third of its cost): a city's department or outcome list
            # is a hundred options, three values each.
            options.append(
                f'<option value="{escaped(option_value)}"{" selected" if selected else ""}>{escaped(label)}</option>'
            )
        return format_html(
            '<select name="{}"{}>\n{}\n</select>',
            name,
            flatatt(self.build_attrs(self.attrs, attrs)),
            mark_safe("\n".join(options)),  # noqa: S308  # every value and label is escaped above
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


def department_filter_field(*, label=None, empty_label=None, queryset=None) -> forms.ModelChoiceField:
    """The optional "department" filter of a list page: every department unless told, rendered as a QuickSelect."""
    return forms.ModelChoiceField(
        label=label or _("Department"),
        required=False,
        queryset=Department.objects.all() if queryset is None else queryset,
        empty_label=empty_label or _("Any department"),
        widget=QuickSelect,
    )


class DatePicker(forms.DateInput):
    """The browser's date picker (`<input type="date">`). Its value is always ISO 8601 (`2026-12-05`) whatever the
    language: Django would otherwise write the language's first DATE_INPUT_FORMATS (`05/12/2026` in Spanish), which
    the browser refuses and shows empty. Django's DateField accepts ISO in every language, so a round trip works."""

    input_type = "date"

    def __init__(self, attrs=None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")
