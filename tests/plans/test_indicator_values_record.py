"""`indicator_values_record`: one year's values by group from another record, permission-checked and audited."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from equity.concurrency import StaleEdit
from plans.models import IndicatorDataPoint, RacialGroup
from plans.selectors_indicators import indicator_list_editable_by_user
from plans.services.indicators import indicator_values_record
from tests.plans.factories import DataPointFactory, IndicatorFactory, PlanFactory, ResultFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def indicator(personas):
    return IndicatorFactory(result=ResultFactory(plan=PlanFactory(departments=[personas.dept])))


def test_records_one_year_keeping_other_years_and_groups(personas, indicator):
    asian, black = RacialGroup.objects.get(code="asian"), RacialGroup.objects.get(code="black")
    DataPointFactory(indicator=indicator, year=2023, group=asian, value=Decimal("1"))
    DataPointFactory(indicator=indicator, year=2024, group=black, value=Decimal("2"))
    saved = indicator_values_record(
        author=personas.manager,
        indicator=indicator,
        version=indicator.version,
        year=2024,
        values={asian.pk: Decimal("5")},
        reason="From a worksheet.",
    )
    assert saved == 1
    points = set(IndicatorDataPoint.objects.values_list("year", "group__code", "value"))
    assert points == {(2023, "asian", Decimal("1")), (2024, "black", Decimal("2")), (2024, "asian", Decimal("5"))}
    row = indicator.history.first()
    assert (row.history_user, row.history_change_reason) == (personas.manager, "From a worksheet.")


def test_refuses_non_editors_stale_versions_and_bad_years(personas, indicator):
    asian = RacialGroup.objects.get(code="asian").pk
    kwargs = {"indicator": indicator, "year": 2024, "values": {asian: Decimal("5")}, "reason": "x"}
    for user in (personas.staff, personas.other_manager):
        with pytest.raises(PermissionDenied):
            indicator_values_record(author=user, version=indicator.version, **kwargs)
    with pytest.raises(StaleEdit):
        indicator_values_record(author=personas.manager, version=indicator.version + 5, **kwargs)
    with pytest.raises(ValidationError):
        indicator_values_record(author=personas.manager, version=indicator.version, **(kwargs | {"year": 1800}))
    assert not IndicatorDataPoint.objects.exists()


def test_editable_list_matches_the_permission(personas, indicator):
    elsewhere = IndicatorFactory()
    assert list(indicator_list_editable_by_user(user=personas.manager)) == [indicator]
    assert not indicator_list_editable_by_user(user=personas.staff).exists()
    assert not indicator_list_editable_by_user(user=personas.other_manager).exists()
    assert set(indicator_list_editable_by_user(user=personas.equity)) == {indicator, elsewhere}
