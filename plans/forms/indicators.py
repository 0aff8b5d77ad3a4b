"""Forms for city-wide indicators: the record, search and link, the data grid, the CSV upload and group mapping."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db.models import Q
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from equity.widgets import FilterBoundField
from plans.forms.common import HelperMixin, VersionMixin
from plans.models import (
    Indicator,
    RacialGroup,
)
from plans.numbers import shown_value
from plans.services.indicator_uploads import Choice
from plans.services.indicators import MAX_PEOPLE


class IndicatorForm(HelperMixin, VersionMixin, forms.ModelForm):
    class Meta:
        model = Indicator
        fields = [
            "name", "definition", "unit", "data_source", "direction", "decimal_places", "groups", "notes",
            "baseline_value", "baseline_year", "target_value", "target_year", "story", "values_are_counts",
            "sort_order",
        ]  # fmt: skip
        widgets = {"groups": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        offered = Q(is_active=True)
        if self.instance.pk:  # keep groups already in the set selectable even if inactive since
            offered |= Q(pk__in=self.instance.groups.values("pk"))
        self.fields["groups"].queryset = RacialGroup.objects.filter(offered)
        self.fields["decimal_places"].validators += [MaxValueValidator(4)]
        self.fields["decimal_places"].widget.attrs.update({"min": 0, "max": 4})
        for name in ("baseline_year", "target_year"):
            self.fields[name].validators += [MinValueValidator(1900), MaxValueValidator(2100)]
        self._helper()

    def clean(self):
        cleaned = super().clean()
        base, target = cleaned.get("baseline_year"), cleaned.get("target_year")
        if base and target and target < base:
            self.add_error("target_year", _("The target year cannot be before the baseline year."))
        return cleaned


class IndicatorSearchForm(forms.Form):
    bound_field_class = FilterBoundField

    q = forms.CharField(label=_("Search names and sources"), required=False, max_length=100)


class IndicatorLinkForm(forms.Form):
    """Which existing indicator a result should use (one of those it does not use yet)."""

    indicator = forms.ModelChoiceField(label=_("Indicator"), queryset=Indicator.objects.none())

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].queryset = candidates


class IndicatorGridForm(VersionMixin):
    """The data grid: per (year, group) a value field v_<year>_<group id>, an optional margin of error
    m_<year>_<group id> and an optional number of people counted p_<year>_<group id>."""

    new_year = forms.IntegerField(
        label=_("Add a year"),
        required=False,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
        help_text=_("Optional: a year to add as a new row."),
    )

    def __init__(
        self,
        *args,
        years: list[int],
        groups: list[RacialGroup],
        values: dict,
        margins: dict,
        places: int,
        people: dict | None = None,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.years, self.groups = years, groups
        self.rows = []
        for year in years:
            cells = []
            for group in groups:
                name, moe, counted = f"v_{year}_{group.pk}", f"m_{year}_{group.pk}", f"p_{year}_{group.pk}"
                self.fields[name] = forms.DecimalField(
                    label=f"{group.name} {year}",
                    required=False,
                    max_digits=16,
                    decimal_places=4,
                    initial=shown_value(values.get((year, group.pk)), places),
                    widget=forms.NumberInput(attrs={"step": "any", "class": "form-control form-control-sm"}),
                )
                self.fields[moe] = forms.DecimalField(
                    label=_("Margin of error, %(group)s %(year)s") % {"group": group.name, "year": year},
                    required=False,
                    max_digits=16,
                    decimal_places=4,
                    min_value=0,
                    initial=shown_value(margins.get((year, group.pk)), places),
                    widget=forms.NumberInput(
                        attrs={"step": "any", "min": 0, "class": "form-control form-control-sm moe", "placeholder": "±"}
                    ),
                )
                self.fields[counted] = forms.IntegerField(
                    label=_("People counted, %(group)s %(year)s") % {"group": group.name, "year": year},
                    required=False,
                    min_value=0,
                    max_value=MAX_PEOPLE,
                    initial=(people or {}).get((year, group.pk)),
                    widget=forms.NumberInput(
                        attrs={
                            "step": 1,
                            "min": 0,
                            "max": MAX_PEOPLE,
                            "class": "form-control form-control-sm people",
                            "placeholder": _("people"),
                        }
                    ),
                )
                cells.append((self[name], self[moe], self[counted]))
            self.rows.append((year, cells))

    def cell_values(self) -> dict[tuple[int, int], Decimal | None]:
        return {(y, g.pk): self.cleaned_data.get(f"v_{y}_{g.pk}") for y in self.years for g in self.groups}

    def cell_margins(self) -> dict[tuple[int, int], Decimal | None]:
        return {(y, g.pk): self.cleaned_data.get(f"m_{y}_{g.pk}") for y in self.years for g in self.groups}

    def cell_people(self) -> dict[tuple[int, int], int | None]:
        return {(y, g.pk): self.cleaned_data.get(f"p_{y}_{g.pk}") for y in self.years for g in self.groups}


class IndicatorUploadForm(HelperMixin, VersionMixin):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "Columns: year, group, value, and optionally moe (or margin_of_error), note and people (the number of "
            "people a value is based on: a whole number up to 1,000,000,000; n, count of people, sample size or "
            "population are read as people too). At most 1 MB and 5,000 rows; checking stops after 10 seconds."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )
    source = forms.CharField(
        label=_("Data source"),
        required=False,
        max_length=300,
        help_text=_("Group names you match to groups are remembered for this source (at most 300 characters)."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._helper()


NEW_GROUP, LEAVE_OUT = "new", "leave-out"


class GroupMappingForm(VersionMixin):
    """One choice per group name the file uses that the portal does not know: a suggested or any group, a new group
    (the equity team only), or leaving its rows out; a new group's name and code are fields of their own."""

    bound_field_class = FilterBoundField  # form-select / form-control and is-invalid, as on the filter forms

    def __init__(self, *args, names: list, groups: list[RacialGroup], can_add_group: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.names, self.groups_by_pk = names, {str(g.pk): g for g in groups}
        self.can_add_group = can_add_group
        everyone = [(str(g.pk), g.name) for g in groups]
        self.blocks = []
        for i, name in enumerate(names):
            suggested = [(str(s.group.pk), f"{s.group.name} ({s.reason})") for s in name.suggestions]
            choices: list = [("", _("Choose…"))]
            if suggested:
                choices.append((_("Suggested"), suggested))
            choices.append((_("All groups"), everyone))
            other = [(LEAVE_OUT, _("Leave these rows out"))]
            if can_add_group:
                other.insert(0, (NEW_GROUP, _("Add a new group (below)")))
            choices.append((_("Other"), other))
            self.fields[f"g{i}"] = forms.ChoiceField(
                label=_("Group for “%(name)s”") % {"name": name.text},
                choices=choices,
                initial=suggested[0][0] if suggested else "",
                help_text=ngettext_lazy(
                    "%(n)d row, first on line %(line)d.", "%(n)d rows, the first on line %(line)d.", name.rows
                )
                % {"n": name.rows, "line": name.first_line},
            )
            fields = [f"g{i}"]
            if can_add_group:
                self.fields[f"n{i}"] = forms.CharField(
                    label=_("New group's name"),
                    required=False,
                    max_length=120,
                    initial=name.text[:120],
                    help_text=_("At most 120 characters."),
                )
                self.fields[f"c{i}"] = forms.SlugField(
                    label=_("New group's code"),
                    required=False,
                    max_length=40,
                    initial=slugify(name.text)[:40],
                    help_text=_("Letters, digits, hyphens; at most 40 characters. Used in CSV files."),
                )
                fields += [f"n{i}", f"c{i}"]
            self.blocks.append((name, [self[f] for f in fields]))

    def clean(self):
        cleaned = super().clean()
        taken_names = {n.casefold() for n in RacialGroup.objects.values_list("name", flat=True)}
        taken_codes = set(RacialGroup.objects.values_list("code", flat=True))
        for i in range(len(self.names)):
            if cleaned.get(f"g{i}") != NEW_GROUP:
                continue
            name, code = (cleaned.get(f"n{i}") or "").strip(), cleaned.get(f"c{i}") or ""
            if not name:
                self.add_error(f"n{i}", _("Give the new group a name."))
            elif name.casefold() in taken_names:
                self.add_error(f"n{i}", _("A group with this name exists: choose it in the list instead."))
            if not code and f"c{i}" not in self.errors:
                self.add_error(f"c{i}", _("Give the new group a code."))
            elif code in taken_codes:
                self.add_error(f"c{i}", _("A group with this code exists."))
            taken_names.add(name.casefold())
            taken_codes.add(code)
        return cleaned

    def choices(self) -> dict:
        """The valid form as {name key: Choice} for the service."""
        out = {}
        for i, name in enumerate(self.names):
            picked = self.cleaned_data[f"g{i}"]
            if picked == NEW_GROUP:
                out[name.key] = Choice(new_name=self.cleaned_data[f"n{i}"].strip(), new_code=self.cleaned_data[f"c{i}"])
            elif picked == LEAVE_OUT:
                out[name.key] = Choice()
            else:
                out[name.key] = Choice(group=self.groups_by_pk[picked])
        return out
