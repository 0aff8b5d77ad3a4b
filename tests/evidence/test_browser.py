"""Evidence in real Chromium with axe: a manager attaches a file to an action (first a program, refused with the
error summary), downloads it, sees it in the history; a manager of another department gets 404 for it."""

import re

import pytest
from playwright.sync_api import expect

from equity.models import Attachment
from tests.browser import assert_accessible, login
from tests.evidence.world import PDF_BYTES, make_owner

pytestmark = [pytest.mark.needs_chromium, pytest.mark.django_db(transaction=True)]


def test_browser_attach_a_file_to_an_action_and_refuse_another_department(page, live_server, personas):
    action = make_owner(personas, "action")
    login(page, live_server, "manager")
    page.goto(f"{live_server.url}/plans/actions/{action.pk}/")
    panel = page.locator(f"#attachments-plans-action-{action.pk}")
    expect(panel).to_contain_text("No files attached.")
    expect(panel).to_contain_text("up to 10.0")  # the limits are on the form
    assert_accessible(page)

    # A program named like a PDF is refused: the form comes back with its error and summary, nothing is saved.
    panel.get_by_label("Title").fill("Signed agreement")
    panel.get_by_label("File").set_input_files(
        {"name": "agreement.pdf", "mimeType": "application/pdf", "buffer": b"MZ\x90\x00\x03\x00"}
    )
    panel.get_by_role("button", name="Upload").click()
    page.wait_for_load_state()
    expect(page.locator("[data-error-summary]")).to_contain_text("Programs and scripts are not accepted")
    expect(page.locator("[data-error-summary]")).to_be_focused()
    assert_accessible(page)
    assert not Attachment.objects.exists()

    # The real PDF, from the form shown again: back on the action, listed with its size.
    page.get_by_label("Title").fill("Signed agreement")
    page.get_by_label("File").set_input_files(
        {"name": "agreement.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}
    )
    page.get_by_role("button", name="Upload").click()
    page.wait_for_load_state()
    expect(page.get_by_role("heading", level=1)).to_contain_text(action.title)
    link = panel.get_by_role("link", name="Signed agreement")
    expect(link).to_be_visible()
    expect(panel).to_contain_text("agreement.pdf")
    assert_accessible(page)
    download_url = f"{live_server.url}{link.get_attribute('href')}"
    response = page.request.get(download_url)
    assert response.status == 200 and response.body() == PDF_BYTES
    assert response.headers["content-disposition"] == 'attachment; filename="agreement.pdf"'

    page.goto(f"{live_server.url}/plans/actions/{action.pk}/history/")
    expect(page.get_by_role("main")).to_contain_text("Attachment added")
    expect(page.get_by_role("main")).to_contain_text("Signed agreement (agreement.pdf)")
    assert_accessible(page)

    # A manager of Public Works: the draft plan's action and its file do not exist for them.
    page.context.clear_cookies()
    login(page, live_server, "other_manager")
    assert page.request.get(download_url).status == 404
    page.goto(download_url)
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("not found", re.IGNORECASE))
    assert_accessible(page)
