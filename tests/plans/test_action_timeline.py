"""The action page's progress updates: newest first, ten a page, every update reachable through the pages."""

from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils.translation.template import templatize

from tests.plans.factories import UpdateFactory

pytestmark = pytest.mark.django_db


def test_action_page_shows_updates_ten_a_page_newest_first(client, personas, world):
    world.action.updates.all().delete()
    for n in range(12):
        UpdateFactory(action=world.action, author=personas.staff, summary=f"Report number {n:02d}.")
    client.force_login(personas.manager)
    url = reverse("plans:action_detail", args=[world.action.pk])
    first = client.get(url).text
    assert "12 progress updates, newest first, 10 a page." in first
    assert "Report number 11." in first and "Report number 02." in first and "Report number 01." not in first
    assert first.index("Report number 11.") < first.index("Report number 10.")
    assert "?page=2#updates-h" in first and "Page 1 of 2" in first
    second = client.get(url + "?page=2").text
    assert "Report number 01." in second and "Report number 00." in second and "Report number 02." not in second
    assert "?page=1#updates-h" in second
    assert "Report number 01." in client.get(url + "?page=99").text  # past the end: the last page


def test_action_page_updates_line_is_a_counted_message():
    """The page line's number decides its form: makemessages must see one message with a plural (ngettext), so
    languages with several plural forms can translate it."""
    source = (Path(settings.BASE_DIR) / "templates/plans/action_detail.html").read_text()
    singular = "%(n)s progress update, newest first, %(size)s a page."
    plural = "%(n)s progress updates, newest first, %(size)s a page."
    assert f"ngettext(u'{singular}', u'{plural}', count)" in templatize(source)


def test_action_page_timeline_keeps_corrections_reviews_and_file_links(client, personas, world):
    wrong = UpdateFactory(action=world.action, author=personas.staff, summary="Counted twice.")
    UpdateFactory(
        action=world.action, author=personas.staff, supersedes=wrong, status_reason="Double count.", summary="Fixed."
    )
    client.force_login(personas.manager)
    page = client.get(reverse("plans:action_detail", args=[world.action.pk])).text
    assert "Corrected on" in page and "this update no longer counts" in page
    assert "Correction of the update of" in page and "What was wrong:" in page
    assert "Progress updates" in page and "progress updates, newest first" not in page  # one page: no page line
    assert reverse("plans:update_review", args=[wrong.pk]) in page
    assert reverse("attachment_create", args=["plans.progressupdate", wrong.pk]) in page
    assert f'id="attachments-plans-progressupdate-{wrong.pk}"' in page
