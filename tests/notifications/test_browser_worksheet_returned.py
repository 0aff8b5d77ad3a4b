"""Issue 18's browser test in real Chromium with axe: a manager returns a worksheet on its review page; the author
sees the unread count in the header, opens the inbox and follows the notification to the worksheet; the weekly
digest the author chose lists the worksheet once."""

import re
from datetime import datetime, time, timedelta

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from equity.models import Notification
from equity.notifications.delivery import email_deliveries_send
from equity.notifications.digests import digests_build
from equity.notifications.kinds import Delivery
from equity.notifications.services import preference_set
from tests.browser import assert_accessible, login
from tests.tools.conftest import answer_all_required
from tests.tools.factories import AssessmentFactory
from tools.models import Assessment
from tools.notices import RETURNED

pytestmark = [pytest.mark.needs_chromium, pytest.mark.django_db(transaction=True)]

TITLE = "Worksheet returned to you: Snow plow routes"


def next_monday_morning() -> datetime:
    """07:00 on the coming Monday in the city's time zone (when the weekly digest goes)."""
    today = timezone.localdate()
    monday = today + timedelta(days=7 - today.weekday())
    return timezone.make_aware(datetime.combine(monday, time(7, 0)), timezone.get_current_timezone())


@pytest.fixture
def submitted_worksheet(personas):
    assessment = AssessmentFactory(
        department=personas.dept,
        lead=personas.staff,
        team=[personas.staff],
        status=Assessment.Status.IN_REVIEW,
        title="Snow plow routes",
    )
    answer_all_required(assessment, personas.staff)
    return assessment


def test_browser_manager_returns_author_follows_the_notification_weekly_digest_lists_it_once(
    page, live_server, personas, submitted_worksheet
):
    preference_set(user=personas.staff, kind=RETURNED, delivery=Delivery.WEEKLY)
    detail = f"{live_server.url}/tools/{submitted_worksheet.pk}/"

    login(page, live_server, "manager")
    page.goto(f"{detail}review/")
    assert_accessible(page)
    page.get_by_label("Return to the team with comments").check()
    page.get_by_label("Sign-off note or comments").fill("Add the route data by neighbourhood, please.")
    page.get_by_role("button", name="Record decision").click()
    expect(page.get_by_text("The assessment has been returned to its team.")).to_be_visible()
    assert_accessible(page)
    page.context.clear_cookies()

    notification = Notification.objects.get(kind=RETURNED)
    assert notification.recipient == personas.staff and notification.delivery == Delivery.WEEKLY
    assert not Notification.objects.filter(recipient=personas.manager).exists()

    login(page, live_server, "staff")
    header_link = page.get_by_role("link", name=re.compile("Notifications"))
    expect(header_link.first).to_contain_text("1 unread")
    assert_accessible(page)
    page.goto(f"{live_server.url}/notifications/")
    expect(page.get_by_role("link", name=TITLE)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name=TITLE).click()
    expect(page).to_have_url(detail)
    expect(page.get_by_role("heading", name="Snow plow routes").first).to_be_visible()
    assert_accessible(page)
    expect(page.get_by_text("1 unread")).to_have_count(0)  # read on the way

    mail.outbox.clear()
    monday = next_monday_morning()
    assert digests_build(frequency="weekly", now=monday) == 1
    email_deliveries_send(now=monday)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [personas.staff.email]
    assert "weekly summary: 1 update" in message.subject
    assert message.body.count("Snow plow routes") == 1
    html = message.alternatives[0][0]
    assert html.count(TITLE) == 1
    assert digests_build(frequency="weekly", now=monday) == 0  # beat running twice adds nothing
