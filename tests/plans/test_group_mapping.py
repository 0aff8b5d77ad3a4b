"""Group names from real sources are mapped, not refused: the indicator CSV upload's check, mapping step and aliases."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from equity.concurrency import StaleEdit
from plans.group_names import GroupNames
from plans.models import GroupAlias, IndicatorDataPoint, IndicatorUpload, RacialGroup
from plans.services import indicator_uploads
from plans.services.indicator_uploads import (
    Choice,
    group_alias_remember,
    indicator_upload_finish,
    indicator_upload_review,
    indicator_upload_start,
)
from plans.services.indicators import ImportRefused
from tests.plans.factories import IndicatorFactory

pytestmark = pytest.mark.django_db

SOURCE = "Minnesota Department of Education"
# The shape of a real download: five names the portal does not know, printed values, a suppressed cell, margins.
REAL = (
    "year,group,value,moe\n"
    "2019,African American,28.4%,2.1\n"
    "2019,Asian American,51.0%,\n"
    "2019,Hispanic/Latine,30.2%,1.9\n"
    "2019,All Students,58.8%,0.4\n"
    "2019,Households of color,*,\n"
    "2020,African American,26.9%,2.3\n"
    "2020,Asian American,N/A,\n"
    '2020,All Students,"1,234",\n'
)


def csv(text: str, name: str = "mde.csv"):
    return SimpleUploadedFile(name, text.encode(), content_type="text/csv")


def group(code: str) -> RacialGroup:
    return RacialGroup.objects.get(code=code)


def start(indicator, text=REAL, *, user=None, source=SOURCE, version=None):
    return indicator_upload_start(author=user, indicator=indicator, upload=csv(text), source=source, version=version)


def choices(**overrides) -> dict:
    chosen = {
        "african american": Choice(group=group("black")),
        "asian american": Choice(group=group("asian")),
        "hispanic/latine": Choice(group=group("hispanic")),
        "all students": Choice(group=group("all")),
        "households of color": Choice(),  # leave out
    }
    chosen.update(overrides)
    return chosen


def test_unknown_names_keep_the_file_for_mapping_and_save_nothing(personas):
    indicator = IndicatorFactory()
    outcome = start(indicator, user=personas.manager)
    assert outcome.pending is not None and outcome.saved == 0
    assert not IndicatorDataPoint.objects.filter(indicator=indicator).exists()
    review = indicator_upload_review(pending=outcome.pending)
    # each name once, with how many rows use it and where it first appears
    listed = {name.text: (name.rows, name.first_line) for name in review.unknown.values()}
    assert listed == {
        "African American": (2, 2),
        "Asian American": (2, 3),
        "Hispanic/Latine": (1, 4),
        "All Students": (2, 5),
        "Households of color": (1, 6),
    }
    assert review.no_value == 2  # "*" and "N/A": counted, not errors
    assert not review.errors


def test_suggestions_for_the_five_real_names():
    names = GroupNames.load(source=SOURCE)
    first = {text: [s.group.code for s in names.suggest(text)][:1] for text in (
        "African American", "Asian American", "Hispanic/Latine", "All Students", "Households of color"
    )}  # fmt: skip
    assert first == {
        "African American": ["black"],
        "Asian American": ["asian"],
        "Hispanic/Latine": ["hispanic"],
        "All Students": ["all"],
        "Households of color": [],
    }


def test_suggestions_put_this_sources_aliases_first_then_other_sources_then_similar_names(personas):
    group_alias_remember(author=None, source=SOURCE, alias="African American students", group=group("multiracial"))
    group_alias_remember(author=None, source="Census ACS", alias="African-American", group=group("other"))
    suggested = GroupNames.load(source=SOURCE).suggest("African American")
    assert [s.group.code for s in suggested] == ["multiracial", "other", "black"]
    assert "this source" in suggested[0].reason and "Census ACS" in suggested[1].reason


def test_mapping_imports_remembers_aliases_per_source_and_counts_skipped_rows(personas):
    indicator = IndicatorFactory(data_source=SOURCE)
    pending = start(indicator, user=personas.manager).pending
    outcome = indicator_upload_finish(author=personas.manager, pending=pending, version=None, choices=choices())
    assert (outcome.saved, outcome.no_value, outcome.left_out) == (6, 1, 1)  # 2020 Asian American was N/A
    saved = {(p.year, p.group.code): (p.value, p.margin_of_error) for p in indicator.data_points.all()}
    assert saved == {
        (2019, "black"): (Decimal("28.4"), Decimal("2.1")),
        (2019, "asian"): (Decimal("51.0"), None),
        (2019, "hispanic"): (Decimal("30.2"), Decimal("1.9")),
        (2019, "all"): (Decimal("58.8"), Decimal("0.4")),
        (2020, "black"): (Decimal("26.9"), Decimal("2.3")),
        (2020, "all"): (Decimal("1234"), None),
    }
    assert not IndicatorUpload.objects.filter(pk=pending.pk).exists()
    aliases = {(a.source, a.alias, a.group.code) for a in GroupAlias.objects.all()}
    assert aliases == {
        (SOURCE, "African American", "black"),
        (SOURCE, "Asian American", "asian"),
        (SOURCE, "Hispanic/Latine", "hispanic"),
        (SOURCE, "All Students", "all"),
    }  # a name whose rows were left out is not remembered
    assert GroupAlias.history.filter(history_user=personas.manager).count() == 4  # audited
    assert set(indicator.groups.values_list("code", flat=True)) == {"black", "asian", "hispanic", "all"}

    # The same source's next file goes straight through, except for the name left out last time.
    again = start(indicator, REAL.replace("2019,Households of color,*,\n", ""))
    assert again.pending is None and again.saved == 6
    # Another source is only offered the aliases as suggestions: its file goes through the mapping step.
    other = start(indicator, user=personas.manager, source="City survey").pending
    suggested = indicator_upload_review(pending=other).unknown["african american"].suggestions
    assert suggested[0].group.code == "black" and SOURCE in suggested[0].reason


def test_only_the_equity_team_adds_a_group_from_the_mapping_step(personas):
    indicator = IndicatorFactory()
    new = {"households of color": Choice(new_name="Households of color", new_code="poc")}
    pending = start(indicator, user=personas.manager).pending
    with pytest.raises(PermissionDenied):
        indicator_upload_finish(author=personas.manager, pending=pending, version=None, choices=choices(**new))
    assert not RacialGroup.objects.filter(code="poc").exists()
    assert not GroupAlias.objects.exists() and not indicator.data_points.exists()

    pending = start(indicator, user=personas.equity).pending
    outcome = indicator_upload_finish(author=personas.equity, pending=pending, version=None, choices=choices(**new))
    assert outcome.left_out == 0 and outcome.no_value == 2  # the new group's only row is "*"
    poc = RacialGroup.objects.get(code="poc")
    assert poc.name == "Households of color" and poc.history.get().history_user == personas.equity
    assert GroupAlias.objects.get(alias_key="households of color").group == poc


def test_a_mapping_that_makes_duplicates_is_refused_and_undone(personas):
    indicator = IndicatorFactory()
    text = "year,group,value\n2020,Black,10\n2020,African American,11\n"
    pending = start(indicator, text, user=personas.manager).pending
    with pytest.raises(ImportRefused) as refused:
        indicator_upload_finish(
            author=personas.manager,
            pending=pending,
            version=None,
            choices={"african american": Choice(group=group("black"))},
        )
    assert [(e.line, e.column) for e in refused.value.errors] == [(3, "year, group")]
    assert not GroupAlias.objects.exists() and not indicator.data_points.exists()
    assert IndicatorUpload.objects.filter(pk=pending.pk).exists()  # the user can choose again


def test_mapping_needs_a_choice_for_every_name_and_refuses_a_stale_indicator(personas):
    indicator = IndicatorFactory()
    pending = start(indicator, user=personas.manager).pending
    partial = choices()
    del partial["all students"]
    with pytest.raises(ValidationError, match="All Students"):
        indicator_upload_finish(author=personas.manager, pending=pending, version=None, choices=partial)
    with pytest.raises(StaleEdit):
        indicator_upload_finish(author=personas.manager, pending=pending, version=99, choices=choices())
    assert not indicator.data_points.exists() and not GroupAlias.objects.exists()


def test_bad_rows_are_listed_by_line_and_column_before_any_mapping(personas):
    indicator = IndicatorFactory()
    text = (
        "year,group,value,margin_of_error,note\n"
        "2020,African American,12,-1,\n"  # negative margin
        "20x0,black,12,,\n"  # bad year
        "2020,white,twelve,,\n"  # bad number
        f"2020,asian,3,,{'n' * 201}\n"  # note too long (not cut silently)
    )
    with pytest.raises(ImportRefused) as refused:
        start(indicator, text, user=personas.manager)
    errors = [(e.line, e.column) for e in refused.value.errors]
    assert errors == [(2, "margin_of_error"), (3, "year"), (4, "value"), (5, "note")]
    assert refused.value.unknown_names == ["African American"]
    assert not IndicatorUpload.objects.exists() and not indicator.data_points.exists()


def test_margin_of_error_in_two_columns_is_refused():
    with pytest.raises(ImportRefused) as refused:
        start(IndicatorFactory(), "year,group,value,moe,margin_of_error\n2020,black,1,1,1\n")
    assert [(e.line, e.column) for e in refused.value.errors] == [(1, "moe, margin_of_error")]


def test_limits_on_rows_and_time(monkeypatch):
    monkeypatch.setattr(indicator_uploads, "MAX_UPLOAD_ROWS", 2)
    with pytest.raises(ValidationError, match="more than 2 rows"):
        start(IndicatorFactory(), "year,group,value\n2020,black,1\n2021,black,1\n2022,black,1\n")
    monkeypatch.setattr(indicator_uploads, "MAX_CHECK_SECONDS", -1)
    with pytest.raises(ValidationError, match="took more than"):
        start(IndicatorFactory(), "year,group,value\n2020,black,1\n")


def test_an_export_uploads_again_unchanged(client, personas):
    indicator = IndicatorFactory(decimal_places=1)
    start(indicator, "year,group,value,moe\n2020,black,12.25,1\n2020,white,40,\n")
    client.force_login(personas.staff)
    exported = b"".join(client.get(f"/plans/indicators/{indicator.pk}/data.csv").streaming_content).decode()
    assert exported.lstrip("\ufeff").splitlines()[:3] == [  # (a BOM first, for Excel)
        "year,group,value,moe,note,people,group name,indicator,unit",
        f"2020,black,12.25,1.0,,,Black or African American,{indicator.name},%",  # 12.25 is not rounded away
        f"2020,white,40.0,,,,White (not Hispanic),{indicator.name},%",
    ]
    before = list(indicator.data_points.values_list("year", "group", "value", "margin_of_error"))
    outcome = start(indicator, exported.replace("\r\n", "\n"))
    assert outcome.pending is None and outcome.saved == 2
    assert list(indicator.data_points.values_list("year", "group", "value", "margin_of_error")) == before
