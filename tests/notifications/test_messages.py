"""The e-mails as a real SMTP server receives them: headers (RFC 8058 one-click unsubscribe, Message-ID, the city's
name in the subject), plain-text and HTML parts, and links that lead to the portal's pages."""

import re
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
import time_machine
from django.urls import resolve, reverse

from equity.models import EmailDelivery, Notification
from equity.notifications.delivery import email_deliveries_send
from equity.notifications.digests import digests_build
from equity.notifications.kinds import Delivery
from equity.notifications.preferences import preferences_for_user
from equity.notifications.services import preference_set
from reports.notices import FAILED, READY, report_job_outcome_notify
from tests.notifications.smtp import Received, report_job

pytestmark = pytest.mark.django_db
PORTAL = "https://equity.riverton.example"


@pytest.fixture(autouse=True)
def city(settings):
    settings.CITY_NAME = "City of Riverton"
    settings.EQUITY_PORTAL_URL = PORTAL + "/"


class Links(HTMLParser):
    def __init__(self, html: str) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.lang = ""
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "a":
            self.hrefs.append(values["href"] or "")
        if tag == "html":
            self.lang = values.get("lang") or ""


def _path_of(url: str) -> str:
    assert url.startswith(PORTAL + "/"), url
    return urlsplit(url).path


def _url_name(url: str) -> str:
    return resolve(_path_of(url)).url_name or ""


def _one_email(personas, smtp_server) -> tuple[Received, Notification]:
    job = report_job(requester=personas.staff, title="Snow plow routes")
    report_job_outcome_notify(job=job)
    assert email_deliveries_send().counts == {EmailDelivery.Status.SENT: 1}
    [got] = smtp_server.received
    return got, Notification.objects.get()


def test_an_immediate_email_has_the_headers_parts_and_links(personas, smtp_server, client):
    got, note = _one_email(personas, smtp_server)
    message = got.message
    assert message["Subject"] == "City of Riverton: Your report could not be made: Snow plow routes"
    assert message["To"] == personas.staff.email
    assert message["Message-ID"] == EmailDelivery.objects.get().message_id
    assert re.fullmatch(r"<notification.\d+\.\d+@[\w.-]+>", message["Message-ID"])
    assert got.header("List-Unsubscribe-Post") == "List-Unsubscribe=One-Click"
    assert b"=?" not in got.raw.partition(b"\r\n\r\n")[0]  # plain ASCII headers: no encoded words in the URL
    found = re.fullmatch(r"<(https?://\S+)>", got.header("List-Unsubscribe"))
    assert found is not None
    unsubscribe = found.group(1)
    assert _url_name(unsubscribe) == "notification_unsubscribe"
    assert message["Auto-Submitted"] == "auto-generated"
    assert message.get_content_type() == "multipart/alternative"

    text, html = got.part("text/plain"), got.part("text/html")
    open_url = PORTAL + reverse("notification_open", args=[note.pk])
    preferences = PORTAL + reverse("notification_preferences")
    for part in (text, html):
        for needed in ("City of Riverton", "Snow plow routes", "A report you asked for could not be made", open_url,
                       preferences, unsubscribe, "The roster could not be read."):  # fmt: skip
            assert needed in part, f"{needed!r} missing"
    links = Links(html)
    assert links.lang.startswith("en")
    assert {_url_name(href) for href in links.hrefs} == {
        "notification_open", "notification_list", "notification_preferences", "notification_unsubscribe",
    }  # fmt: skip

    # The links lead where they say: the notification opens the report (and is marked read)...
    client.force_login(personas.staff)
    response = client.get(_path_of(open_url))
    assert response.status_code == 302 and response["Location"] == note.url
    assert client.get(_path_of(preferences)).status_code == 200
    client.logout()
    # ...and the mail client's one-click POST (no session, no CSRF token) turns this kind's e-mails off.
    response = client.post(_path_of(unsubscribe), {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200 and response.content == b"Unsubscribed."
    assert preferences_for_user(user=personas.staff)[FAILED] == Delivery.INBOX
    assert preferences_for_user(user=personas.staff)[READY] == Delivery.INBOX  # its default, untouched


def test_the_text_part_is_readable_plain_text(personas, smtp_server):
    got, _note = _one_email(personas, smtp_server)
    text = got.part("text/plain")
    assert "<" not in text.replace("<" + PORTAL, "") and "&amp;" not in text
    assert text.startswith("City of Riverton · Equity Portal\n\nHello Sam Staff,\n")
    assert "\n\n\n" not in text


def test_a_digest_lists_each_notification_once_grouped_by_kind_with_an_unsubscribe_per_kind(
    personas, smtp_server, client
):
    staff = personas.staff
    preference_set(user=staff, kind=READY, delivery=Delivery.DAILY)
    preference_set(user=staff, kind=FAILED, delivery=Delivery.DAILY)
    titles = {READY: ["Budget tables", "Training roster"], FAILED: ["Snow plow routes"]}
    with time_machine.travel(datetime(2026, 5, 4, 15, 0, tzinfo=UTC), tick=False):
        for kind, names in titles.items():
            for name in names:
                report_job_outcome_notify(job=report_job(requester=staff, title=name, failed=kind == FAILED))
                report_job_outcome_notify(job=report_job(requester=staff, title="Again: " + name, failed=False))
    with time_machine.travel(datetime(2026, 5, 5, 12, 0, tzinfo=UTC), tick=False):
        assert digests_build(frequency=Delivery.DAILY) == 1
        assert email_deliveries_send().counts == {EmailDelivery.Status.SENT: 1}
    [got] = smtp_server.received
    notes = Notification.objects.all()
    assert notes.count() == 6 and {n.email_id for n in notes} == {EmailDelivery.objects.get().pk}
    assert got.message["Subject"] == "City of Riverton: Your daily summary: 6 updates"
    text, html = got.part("text/plain"), got.part("text/html")
    assert "\n\n\n" not in text
    assert "Your daily summary for May 5, 2026:\n\nA report you asked for is ready\n- Your report is ready: " in text
    for part in (text, html):
        assert "City of Riverton" in part and "Your daily summary for May 5, 2026" in part
        for note in notes:
            assert part.count(note.title) == 1, note.title
            assert part.count(PORTAL + reverse("notification_open", args=[note.pk])) == 1
        # grouped by kind, in the declared order: ready first, then failed
        ready, failed = part.index("A report you asked for is ready"), part.index("could not be made")
        assert ready < part.index("Budget tables") < part.index("Again: Training roster") < failed
        assert failed < part.index("Your report could not be made: Snow plow routes")

    links = Links(html).hrefs
    unsubscribes = [href for href in links if _url_name(href) == "notification_unsubscribe"]
    assert len(unsubscribes) == 3 and len(set(unsubscribes)) == 3  # one per kind, one for the digest
    assert got.header("List-Unsubscribe") == f"<{unsubscribes[-1]}>"
    # the second kind's own link stops that kind only
    client.post(_path_of(unsubscribes[1]), {"List-Unsubscribe": "One-Click"})
    chosen = preferences_for_user(user=staff)
    assert chosen[FAILED] == Delivery.INBOX and chosen[READY] == Delivery.DAILY
    # the header's link stops the whole daily digest (every kind still in it)
    client.post(_path_of(unsubscribes[-1]), {"List-Unsubscribe": "One-Click"})
    assert preferences_for_user(user=staff)[READY] == Delivery.INBOX


def test_an_html_title_is_escaped_in_the_html_part_and_kept_in_the_text(personas, smtp_server):
    report_job_outcome_notify(job=report_job(requester=personas.staff, title="<b>Roads & bridges</b>"))
    email_deliveries_send()
    [got] = smtp_server.received
    assert "&lt;b&gt;Roads &amp; bridges&lt;/b&gt;" in got.part("text/html")
    assert "<b>Roads & bridges</b>" in got.part("text/plain")


def test_sending_the_next_day_keeps_the_same_message_id(personas, smtp_server):
    """A retried e-mail keeps its Message-ID, so a receiving server can tell a repeat."""
    report_job_outcome_notify(job=report_job(requester=personas.staff))
    smtp_server.handler.answer_data = "451 later"
    email_deliveries_send()
    first = EmailDelivery.objects.get()
    smtp_server.handler.answer_data = None
    with time_machine.travel(first.next_attempt_at + timedelta(seconds=1), tick=False):
        email_deliveries_send()
    first.refresh_from_db()
    assert smtp_server.received[0].message["Message-ID"] == first.message_id
