"""The side-by-side translation page in real Chromium: from a narrative version's page to its Spanish translation,
saved with its review state, with axe on every page on the way."""

import pytest
from playwright.sync_api import expect

from equity.translations.models import ContentTranslation
from library.models import NarrativeVersion
from tests.browser import assert_accessible, login
from tests.factories import DepartmentFactory, UserFactory
from tests.library.factories import published_narrative, section

pytestmark = [pytest.mark.needs_chromium, pytest.mark.django_db(transaction=True)]


def test_browser_equity_team_translates_the_narrative_side_by_side(page, live_server):
    department = DepartmentFactory(name="Community Development", code="CD")
    elena = UserFactory(username="elena", full_name="Elena Ramirez", departments=[department], is_equity_team=True)
    narrative = published_narrative(
        user=elena, sections=[section("Why we lead with race", "<p>Gaps of 20 % in 2012–2016.</p>")]
    )
    version = NarrativeVersion.objects.get(narrative=narrative)
    login(page, live_server, "elena")
    page.goto(f"{live_server.url}/library/narratives/{narrative.pk}/versions/{version.number}/")
    page.get_by_role("link", name="Translations").click()
    expect(page.locator('div[lang="en"]').first).to_contain_text("Our narrative")
    assert_accessible(page)
    page.get_by_role("link", name="Somali").click()
    expect(page.locator("textarea#id_text_0")).to_have_attribute("lang", "so")
    page.get_by_label("Title in Somali").fill("Sheekadayada")
    page.get_by_label("Heading 1 in Somali").fill("Sababta aan jinsiyadda ugu horreynno")
    page.get_by_label("Body 1 in Somali").fill("<p>Farqiga 20 % ee 2012–2016.</p>")
    page.get_by_label("Review state of Title").select_option("reviewed")
    page.get_by_role("button", name="Save translation").click()
    expect(page.get_by_text("The Somali translation was saved.")).to_be_visible()
    assert_accessible(page)
    title = ContentTranslation.objects.get(field="title", language="so")
    assert (title.text, title.state) == ("Sheekadayada", "reviewed")
    assert ContentTranslation.objects.get(field="body").text == "<p>Farqiga 20 % ee 2012–2016.</p>"
    page.get_by_role("link", name="All translations").click()
    expect(page.get_by_role("cell", name="Draft, not reviewed").first).to_be_visible()
    assert_accessible(page)
