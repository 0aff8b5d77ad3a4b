"""The plan import pages: the whole flow by a manager, what each step shows, errors and stale refusals without a
500, the example and template downloads, and constant query counts whatever the file and plan size."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from plans.imports import examples
from plans.imports.columns import COLUMNS
from plans.models import ImportMapping, PlanImport
from tests.plans.factories import ActionFactory, PlanFactory
from tests.plans.plan_files import csv_bytes, example_departments
from tests.queries import assert_constant_queries

pytestmark = pytest.mark.django_db

CD_ROWS = [row for row in examples.EXAMPLE_ROWS if row.get("lead_department") == "Community Development"]


def cd_file() -> bytes:
    """The example's Community Development actions: a CD manager may import all of them."""
    header = examples.header()
    keys = [c.key for c in COLUMNS]
    return csv_bytes([[row.get(k, "") for k in keys] for row in CD_ROWS], header=header)


@pytest.fixture
def plan(personas):
    example_departments()
    return PlanFactory(title="Equity plan 2026", departments=[personas.dept])


def upload(client, plan, raw: bytes, name: str = "plan.csv"):
    return client.post(reverse("plans:plan_import", args=[plan.pk]), {"file": SimpleUploadedFile(name, raw)})


def test_manager_uploads_maps_previews_and_applies(client, personas, plan):
    client.force_login(personas.manager)
    page = client.get(reverse("plans:plan_import", args=[plan.pk]))
    assert b"At most 2 MB, 5,000 rows and 100 columns" in page.content
    response = upload(client, plan, cd_file())
    pending = PlanImport.objects.get()
    assert response.url == reverse("plans:plan_import_map", args=[plan.pk, pending.pk])
    page = client.get(response.url)
    assert "Column “Lead department”" in page.content.decode()
    columns = {f"c{i}": key for i, key in enumerate(pending.columns)} | {"remember": "on"}
    response = client.post(reverse("plans:plan_import_map", args=[plan.pk, pending.pk]), columns)
    preview_url = reverse("plans:plan_import_preview", args=[plan.pk, pending.pk])
    assert response.url == preview_url
    page = client.get(preview_url)
    text = page.content.decode()
    assert f"{1 + 2 + len(CD_ROWS)} to create, 0 to update, 0 unchanged" in text
    token = page.context["form"].initial["token"]
    response = client.post(preview_url, {"token": token})
    assert response.status_code == 302 and response.url == reverse("plans:plan_detail", args=[plan.pk])
    assert plan.actions.count() == len(CD_ROWS)
    assert not PlanImport.objects.exists() and ImportMapping.objects.count() == 1
    # The same headers again: straight to the preview, where everything is unchanged.
    response = upload(client, plan, cd_file())
    assert response.url.endswith("/preview/")
    page = client.get(response.url)
    assert page.context["preview"].updated == 0 and page.context["preview"].created == 0
    assert "Nothing to create or change" in page.content.decode()


def test_preview_lists_errors_by_line_and_column_and_apply_saves_nothing(client, personas, plan):
    client.force_login(personas.manager)
    header = ["Result", "Action", "Lead department", "Due"]
    raw = csv_bytes([["Housing", "Audit lending", "Parks", "soon"]], header=header)
    pending_url = upload(client, plan, raw).url
    pending = PlanImport.objects.get()
    client.post(pending_url, {"c0": "result", "c1": "action", "c2": "lead_department", "c3": "due_date"})
    preview_url = reverse("plans:plan_import_preview", args=[plan.pk, pending.pk])
    page = client.get(preview_url)
    errors = [(e.line, e.column) for e in page.context["preview"].errors]
    assert errors == [(2, "Lead department"), (2, "Due")]
    assert "nothing can be imported" in page.content.decode() and b"Apply the import" not in page.content
    response = client.post(preview_url, {"token": page.context["preview"].token})
    assert response.status_code == 400 and not plan.actions.exists() and not plan.results.exists()


def test_stale_apply_is_refused_with_a_message(client, personas, plan):
    client.force_login(personas.manager)
    upload(client, plan, cd_file())
    pending = PlanImport.objects.get()
    client.post(
        reverse("plans:plan_import_map", args=[plan.pk, pending.pk]),
        {f"c{i}": key for i, key in enumerate(pending.columns)},
    )
    preview_url = reverse("plans:plan_import_preview", args=[plan.pk, pending.pk])
    token = client.get(preview_url).context["preview"].token
    ActionFactory(plan=plan, lead_department=personas.dept, title="Added meanwhile")
    response = client.post(preview_url, {"token": token})
    assert response.status_code == 409 and "changed since you saw the preview" in response.content.decode()
    assert plan.actions.count() == 1


def test_bad_files_are_refused_on_the_form(client, personas, plan):
    client.force_login(personas.manager)
    response = upload(client, plan, b"\x00\x01", name="plan.csv")
    assert response.status_code == 400 and "not a text CSV" in response.content.decode()
    response = upload(client, plan, b"x", name="plan.docx")
    assert response.status_code == 400 and not PlanImport.objects.exists()


def test_a_mapping_without_a_record_column_is_refused(client, personas, plan):
    client.force_login(personas.manager)
    upload(client, plan, cd_file())
    pending = PlanImport.objects.get()
    response = client.post(reverse("plans:plan_import_map", args=[plan.pk, pending.pk]), {"c0": "partners"})
    assert response.status_code == 400 and "at least one of the columns" in response.content.decode()


def test_example_and_template_downloads(client, personas):
    client.force_login(personas.staff)
    response = client.get(reverse("plans:plan_import_sample", args=["example", "csv"]))
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0] == examples.header() and len(rows) == 13
    assert len({r[0] for r in rows[1:]}) == 2 and any("2012–2016" in c for r in rows for c in r)
    assert any(c == "20 %" for r in rows for c in r) and any("African American" in c for r in rows for c in r)
    response = client.get(reverse("plans:plan_import_sample", args=["template", "xlsx"]))
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert [c.value for c in next(sheet.iter_rows())] == examples.header() and sheet.max_row == 1


def test_import_pages_run_constant_queries(client, personas, plan):
    client.force_login(personas.manager)
    upload(client, plan, cd_file())
    pending = PlanImport.objects.get()
    keys = [c.key for c in COLUMNS]
    big = [[{"result": f"Result {i % 3}", "action": f"Action {i}", "lead_department": "CD"}.get(k, "") for k in keys]
           for i in range(60)]  # fmt: skip

    def grow():
        for i in range(10):
            ActionFactory(plan=plan, lead_department=personas.dept, title=f"Existing {i}")
        PlanImport.objects.filter(pk=pending.pk).update(content=csv_bytes(big))

    url = reverse("plans:plan_import_map", args=[plan.pk, pending.pk])
    print(f"QUERIES plan_import_map={assert_constant_queries(client, url, grow=lambda: None, budget=12)}")
    preview = reverse("plans:plan_import_preview", args=[plan.pk, pending.pk])
    print(f"QUERIES plan_import_preview={assert_constant_queries(client, preview, grow=grow, budget=19)}")
    upload_url = reverse("plans:plan_import", args=[plan.pk])
    print(f"QUERIES plan_import={assert_constant_queries(client, upload_url, grow=lambda: None, budget=10)}")


def test_a_preview_over_the_time_limit_goes_back_to_the_upload_with_a_message(client, personas, plan, monkeypatch):
    client.force_login(personas.manager)
    upload(client, plan, cd_file())
    pending = PlanImport.objects.get()
    monkeypatch.setattr("plans.imports.preview.MAX_CHECK_SECONDS", -1)
    response = client.get(reverse("plans:plan_import_preview", args=[plan.pk, pending.pk]), follow=True)
    assert response.redirect_chain[-1][0] == reverse("plans:plan_import", args=[plan.pk])
    assert "split it into smaller files" in response.content.decode()
