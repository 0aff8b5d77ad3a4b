"""Exports by language (ADR 0061): CSV and JSON are English throughout, whatever the requester's language; XLSX keeps
English column headers and writes values (status labels, yes/no) in the requester's language. The tiny Spanish test
catalog (tests.languages) tells a translated value from an English one."""

import csv
import io
import json

import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from equity.exports import csv_bytes, xlsx_response
from tests.training.factories import AttendanceFactory, SessionFactory

pytestmark = pytest.mark.django_db
SPANISH = {"HTTP_ACCEPT_LANGUAGE": "es"}


def _rows_of_csv(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))


def _rows_of_xlsx(response) -> list[list[object]]:
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    return [[c.value for c in row] for row in sheet.iter_rows()]


def test_the_test_catalog_translates():
    with translation.override("es"):
        assert translation.gettext("Yes") == "Sí" and translation.gettext("Attended") == "Asistió"


def test_the_export_helpers_write_english_headers_and_csv_values_even_when_spanish_is_active():
    header = [translation.gettext_lazy("Date"), translation.gettext_lazy("Status")]
    with translation.override("es"):
        rows = (
            [translation.gettext("Yes"), translation.gettext_lazy("Attended")] for _ in range(1)
        )  # evaluated while the file is written
        text = csv_bytes(header=header, rows=rows).decode("utf-8-sig")
        assert text.splitlines() == ["Date,Status", "Yes,Attended"]
        response = xlsx_response(
            filename="x.xlsx", sheet_title="x", header=header, rows=[[translation.gettext_lazy("Attended")]]
        )
        assert translation.get_language() == "es"  # the override is the export's, not left behind
    assert _rows_of_xlsx(response) == [["Date", "Status"], ["Asistió", None]]


def test_attendance_exports_in_spanish_csv_english_xlsx_values_translated(client, personas):
    session = SessionFactory()
    AttendanceFactory(session=session, user=personas.staff, department=personas.dept, status="attended")
    client.force_login(personas.equity)
    csv_rows = _rows_of_csv(client.get(reverse("training:attendance_export", args=["csv"]), **SPANISH))
    xlsx_rows = _rows_of_xlsx(client.get(reverse("training:attendance_export", args=["xlsx"]), **SPANISH))
    assert csv_rows[0][0] == "Date" and csv_rows[0][7] == "Status"
    assert xlsx_rows[0] == csv_rows[0]  # the same English headers
    assert csv_rows[1][7] == "Attended" and csv_rows[1][9] == "Yes"
    assert xlsx_rows[1][7] == "Asistió" and xlsx_rows[1][9] == "Sí"


def test_a_spanish_speakers_saved_language_does_not_change_the_csv(client, personas):
    personas.equity.language = "es"
    personas.equity.save(update_fields=["language"])
    session = SessionFactory()
    AttendanceFactory(session=session, user=personas.staff, department=personas.dept, status="attended")
    client.force_login(personas.equity)
    english = _rows_of_csv(client.get(reverse("training:attendance_export", args=["csv"])))
    assert english[1][7] == "Attended" and english[1][9] == "Yes"


def test_plan_export_headers_are_english_and_a_spanish_import_still_finds_the_columns(client, personas):
    from plans.imports.columns import COLUMNS
    from tests.plans.factories import ActionFactory, PlanFactory

    plan = PlanFactory(departments=[personas.dept])
    ActionFactory(plan=plan, lead_department=personas.dept, status="on_track", title="Fund legal aid")
    client.force_login(personas.manager)
    csv_rows = _rows_of_csv(client.get(reverse("plans:plan_export", args=[plan.pk, "csv"]), **SPANISH))
    xlsx_rows = _rows_of_xlsx(client.get(reverse("plans:plan_export", args=[plan.pk, "xlsx"]), **SPANISH))
    assert "Action" in csv_rows[0] and "Latest update" in csv_rows[0] and "Acción" not in csv_rows[0]
    assert xlsx_rows[0] == csv_rows[0]
    status = next(c for c in COLUMNS if c.key == "status")
    with translation.override("en"):
        column = csv_rows[0].index(str(status.header))
    assert csv_rows[1][column] == "On track" and xlsx_rows[1][column] == "Según lo previsto"
    action = next(c for c in COLUMNS if c.key == "action")
    with translation.override("es"):  # an import in Spanish finds the English header and the Spanish one
        assert "acción" in [n.lower() for n in action.names()] and "action" in [n.lower() for n in action.names()]


def test_public_open_data_is_english_whatever_the_visitors_language(client, personas, settings, tmp_path):
    from tests.public.embeds_world import build_world

    settings.MEDIA_ROOT = str(tmp_path / "media")
    publication = build_world(personas.equity).plan_pub
    english = client.get(reverse("public:plan_json", args=[publication.slug])).content
    spanish = client.get(reverse("public:plan_json", args=[publication.slug]), **SPANISH).content
    assert json.loads(spanish) == json.loads(english)
    english_csv = client.get(reverse("public:plan_csv", args=[publication.slug])).content
    assert client.get(reverse("public:plan_csv", args=[publication.slug]), **SPANISH).content == english_csv
