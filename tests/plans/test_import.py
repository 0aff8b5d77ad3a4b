"""CSV upload of indicator data: every bad input is reported by line and column and nothing is imported."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from plans.models import IndicatorDataPoint
from plans.services.indicator_uploads import indicator_data_import
from plans.services.indicators import ImportRefused
from tests.plans.factories import IndicatorFactory

pytestmark = pytest.mark.django_db


def upload(text: str | bytes, name: str = "data.csv", content_type: str = "text/csv"):
    raw = text.encode() if isinstance(text, str) else text
    return SimpleUploadedFile(name, raw, content_type=content_type)


def errors_of(indicator, text, **kwargs):
    with pytest.raises(ImportRefused) as info:
        indicator_data_import(author=None, indicator=indicator, version=None, upload=upload(text, **kwargs))
    assert not IndicatorDataPoint.objects.filter(indicator=indicator).exclude(year=1999).exists()
    return [(e.line, e.column) for e in info.value.errors]


def test_import_valid_file_saves_all_rows_by_code_or_name():
    indicator = IndicatorFactory()
    text = 'year,group,value,note\n2020,black,24.5,\n2020,White (not Hispanic),74,ACS\n2021,hispanic,"1,234",\n'
    assert indicator_data_import(author=None, indicator=indicator, version=1, upload=upload(text)) == 3
    values = dict(indicator.data_points.values_list("group__code", "value"))
    assert values == {"black": Decimal("24.5"), "white": Decimal("74"), "hispanic": Decimal("1234")}
    indicator.refresh_from_db()
    assert indicator.version == 2


def test_import_wrong_header():
    assert errors_of(IndicatorFactory(), "yr,group,amount\n2020,black,1\n") == [(1, "year, value"), (1, "yr, amount")]


def test_import_reports_every_bad_row_and_saves_nothing():
    indicator = IndicatorFactory()
    text = (
        "year,group,value\n"
        "2020,black,24\n"  # fine, but not saved because others fail
        "20x0,black,24\n"  # bad year
        "2020,martian,3\n"  # unknown group
        "2021,white,abc\n"  # bad number
        "2020,black,25\n"  # duplicate of line 2
        "2021,asian,NaN\n"  # not finite
    )
    assert errors_of(indicator, text) == [(3, "year"), (4, "group"), (5, "value"), (6, "year, group"), (7, "value")]
    assert not indicator.data_points.exists()


@pytest.mark.parametrize(
    ("raw", "name", "content_type", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00", "chart.png", "image/png", "Upload a CSV file"),
        (b"year,group,value\n" + b"2020,black,1\n" * 20, "data.csv", "text/csv", "larger than"),
        (b"", "data.csv", "text/csv", "empty"),
        ("year,group,value\n".encode("utf-16"), "data.csv", "text/csv", "not a text CSV"),
        (b"year,group,value\n2020,bl\xe9ck,1\n", "data.csv", "text/csv", "not UTF-8"),
    ],
)
def test_import_refuses_non_csv_oversized_empty_and_bad_encoding(monkeypatch, raw, name, content_type, message):
    from plans.services import indicator_uploads

    monkeypatch.setattr(indicator_uploads, "MAX_UPLOAD_BYTES", 150)
    indicator = IndicatorFactory()
    with pytest.raises(ValidationError, match=message):
        indicator_data_import(author=None, indicator=indicator, version=None, upload=upload(raw, name, content_type))
    assert not indicator.data_points.exists()


def test_import_header_only_is_refused():
    assert errors_of(IndicatorFactory(), "year,group,value\n") == [(2, "")]


def test_upload_view_shows_errors_by_row_and_column(client, world, personas):
    client.force_login(personas.manager)
    url = reverse("plans:indicator_upload", args=[world.indicator.pk])
    before = world.indicator.data_points.count()
    response = client.post(url, {"file": upload("year,group,value\n2020,martian,x\n"), "version": 1})
    assert response.status_code == 400
    body = response.content.decode()
    assert "is not a number" in body and "nothing was imported" in body
    assert "Group names to match to groups once the file is fixed: martian" in body  # a name is not an error
    assert world.indicator.data_points.count() == before
