"""The inbox, its header count, preferences and unsubscribe links, as each persona uses them."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import formats, timezone

from equity.models import Notification, NotificationPreference
from equity.notifications.kinds import Delivery, notification_kinds
from equity.notifications.preferences import preferences_for_user
from equity.notifications.unsubscribe import unsubscribe_token
from reports.notices import FAILED, READY
from tests.notifications.factories import notification_rows, report_ready
from tests.queries import assert_constant_queries

pytestmark = pytest.mark.django_db
PERSONAS = ("staff", "manager", "facilitator", "equity")
INBOX = "/notifications/"


def _client(client, user):
    client.force_login(user)
    return client


def _all_prefs(**chosen):
    return {**{code: kind.default for code, kind in notification_kinds().items()}, **chosen}


@pytest.mark.parametrize("persona", PERSONAS)
def test_each_persona_sees_only_their_own_notifications_and_the_count(client, personas, persona):
    user = getattr(personas, persona)
    mine = report_ready(user, title="Mine")
    report_ready(personas.other_staff, title="Theirs")
    html = _client(client, user).get(INBOX).content.decode()
    assert "Your report is ready: Mine" in html and "Theirs" not in html
    assert "Unread" in html and reverse("notification_open", args=[mine.pk]) in html
    assert "A report you asked for is ready" in html  # the kind's label
    assert 'aria-label="Notifications, 1 unread"' in html and 'text-bg-light">1 unread</span>' in html


def test_anonymous_is_sent_to_sign_in(client):
    for url in (INBOX, "/notifications/preferences/", "/notifications/count/"):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_the_count_tells_a_signed_out_htmx_poll_to_stop(client):
    assert client.get("/notifications/count/", headers={"HX-Request": "true"}).status_code == 286


def test_the_count_reads_the_column_and_no_notification(client, personas):
    report_ready(personas.staff)
    report_ready(personas.staff, title="Two")
    _client(client, personas.staff)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get("/notifications/count/", headers={"HX-Request": "true"})
    assert "2 unread" in response.content.decode() and 'data-hx-trigger="every 60s"' in response.content.decode()
    assert not [q for q in ctx.captured_queries if "equity_notification" in q["sql"]]
    assert response["Cache-Control"].startswith("max-age=0")


@pytest.mark.parametrize("name", ["notification_open", "notification_read"])
def test_another_persons_notification_is_not_found(client, personas, name):
    theirs = report_ready(personas.manager)
    method = client.get if name == "notification_open" else client.post
    _client(client, personas.staff)
    assert method(reverse(name, args=[theirs.pk])).status_code == 404
    assert Notification.objects.get(pk=theirs.pk).read_at is None


@pytest.mark.parametrize("name", ["notification_read", "notification_read_all"])
def test_post_only_endpoints_refuse_get(client, personas, name):
    note = report_ready(personas.staff)
    url = reverse(name, args=[note.pk]) if name == "notification_read" else reverse(name)
    assert _client(client, personas.staff).get(url).status_code == 405
    assert Notification.objects.get(pk=note.pk).read_at is None


def test_opening_marks_read_and_follows_the_link(client, personas):
    note = report_ready(personas.staff)
    response = _client(client, personas.staff).get(reverse("notification_open", args=[note.pk]))
    assert response.status_code == 302 and response["Location"] == note.url
    note.refresh_from_db()
    personas.staff.refresh_from_db()
    assert note.read_at is not None and personas.staff.unread_notifications == 0


def test_a_record_no_longer_visible_shows_no_title_and_no_link(client, personas):
    note = report_ready(personas.equity, title="Secret")  # the equity team sees every job
    Notification.objects.filter(pk=note.pk).update(target_id=note.target_id + 1000)  # now about a job gone away
    _client(client, personas.equity)
    html = client.get(INBOX).content.decode()
    assert "A record you can no longer see" in html and "Secret" not in html
    response = client.get(reverse("notification_open", args=[note.pk]), follow=True)
    assert response.redirect_chain[-1][0] == reverse("notification_list")
    assert "no longer available" in response.content.decode()


def test_mark_read_without_javascript_redirects_back(client, personas):
    note = report_ready(personas.staff)
    response = _client(client, personas.staff).post(
        reverse("notification_read", args=[note.pk]), {"next": "/notifications/?show=unread"}
    )
    assert response.status_code == 302 and response["Location"] == "/notifications/?show=unread"
    evil = client.post(reverse("notification_read", args=[note.pk]), {"next": "https://evil.example/"})
    assert evil["Location"] == reverse("notification_list")


def test_mark_read_with_htmx_swaps_the_row_and_the_count(client, personas):
    note = report_ready(personas.staff)
    report_ready(personas.staff, title="Second")
    response = _client(client, personas.staff).post(
        reverse("notification_read", args=[note.pk]), headers={"HX-Request": "true"}
    )
    html = response.content.decode()
    assert f'id="notification-{note.pk}"' in html and "Mark read" not in html and ">Read<" in html
    assert 'data-hx-swap-oob="outerHTML"' in html and "1 unread" in html


def test_mark_all_read_and_the_unread_filter(client, personas):
    report_ready(personas.staff, title="One")
    report_ready(personas.staff, title="Two")
    _client(client, personas.staff)
    assert "Two" in client.get(INBOX + "?show=unread").content.decode()
    response = client.post(reverse("notification_read_all"), follow=True)
    assert "2 notifications marked read." in response.content.decode()
    html = client.get(INBOX + "?show=unread").content.decode()
    assert "You have no unread notifications." in html and "Mark all read" not in html
    assert "One" in client.get(INBOX).content.decode()


def test_empty_inbox(client, personas):
    assert "You have no notifications yet." in _client(client, personas.staff).get(INBOX).content.decode()


def test_the_inbox_runs_a_fixed_number_of_queries(client, personas):
    notification_rows(personas.staff, 5)
    _client(client, personas.staff)
    assert_constant_queries(client, INBOX, lambda: notification_rows(personas.staff, 55), budget=10)
    html = client.get(INBOX).content.decode()
    assert "Page 1 of 3" in html and html.count('<span class="fst-italic">A record you can no') >= 5
    assert_constant_queries(client, INBOX + "?show=unread&page=2", lambda: notification_rows(personas.staff, 30), 10)


def test_preferences_page_groups_kinds_and_says_who_receives_them(client, personas):
    html = _client(client, personas.staff).get("/notifications/preferences/").content.decode()
    assert "<legend" in html and "Reports" in html
    assert "Who receives it: The person who asked for the report. Default: Inbox only, no e-mail." in html
    assert "always keeps everything" in html and "every morning at 7 a.m." in html


def test_saving_preferences_is_audited(client, personas):
    response = _client(client, personas.staff).post(
        "/notifications/preferences/", _all_prefs(**{READY: Delivery.WEEKLY}), follow=True
    )
    assert "Your notification preferences are saved." in response.content.decode()
    preference = NotificationPreference.objects.get(user=personas.staff)
    assert preference.kind == READY and preference.delivery == Delivery.WEEKLY
    assert preference.history.get().history_user == personas.staff


def test_a_tampered_preference_is_a_field_error_and_nothing_is_saved(client, personas):
    response = _client(client, personas.staff).post(
        "/notifications/preferences/", _all_prefs(**{READY: Delivery.WEEKLY, FAILED: "carrier-pigeon"})
    )
    html = response.content.decode()
    assert response.status_code == 400 and "There is a problem" in html and 'aria-invalid="true"' in html
    assert not NotificationPreference.objects.exists()


def test_unsubscribe_get_changes_nothing_and_post_turns_email_off(client, personas):
    url = reverse("notification_unsubscribe", args=[unsubscribe_token(user=personas.staff, kind=FAILED)])
    html = client.get(url).content.decode()
    assert "A report you asked for could not be made" in html and "<button" in html
    assert not NotificationPreference.objects.exists()
    html = client.post(url).content.decode()
    assert "You will no longer get e-mails about:" in html
    assert NotificationPreference.objects.get(user=personas.staff, kind=FAILED).delivery == Delivery.INBOX


def test_one_click_unsubscribe_changes_only_that_kind(personas):
    client = Client(enforce_csrf_checks=True)
    NotificationPreference.objects.create(user=personas.staff, kind=READY, delivery=Delivery.IMMEDIATE)
    url = reverse("notification_unsubscribe", args=[unsubscribe_token(user=personas.staff, kind=FAILED)])
    response = client.post(url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/plain")
    chosen = dict(NotificationPreference.objects.values_list("kind", "delivery"))
    assert chosen == {READY: Delivery.IMMEDIATE, FAILED: Delivery.INBOX}


def test_a_digest_token_turns_off_every_kind_on_that_digest(client, personas):
    NotificationPreference.objects.create(user=personas.staff, kind=READY, delivery=Delivery.DAILY)
    NotificationPreference.objects.create(user=personas.staff, kind=FAILED, delivery=Delivery.WEEKLY)
    url = reverse("notification_unsubscribe", args=[unsubscribe_token(user=personas.staff, digest=Delivery.DAILY)])
    assert "A report you asked for is ready" in client.get(url).content.decode()
    before = preferences_for_user(user=personas.staff)
    client.post(url)
    after = preferences_for_user(user=personas.staff)
    assert after[READY] == Delivery.INBOX and after[FAILED] == Delivery.WEEKLY
    for code, delivery in before.items():  # every kind on the daily digest (the defaults too), and only those
        assert after[code] == (Delivery.INBOX if delivery == Delivery.DAILY else delivery), code


def test_bad_and_deactivated_tokens_are_a_clear_404(client, personas):
    token = unsubscribe_token(user=personas.staff, kind=READY)
    response = client.post(reverse("notification_unsubscribe", args=[token[:-2] + "zz"]))
    assert response.status_code == 404 and "This unsubscribe link is not valid" in response.content.decode()
    personas.staff.is_active = False
    personas.staff.save(update_fields=["is_active"])
    assert client.post(reverse("notification_unsubscribe", args=[token])).status_code == 404
    assert not NotificationPreference.objects.exists()


def test_notifications_page_lists_each_time_in_the_readers_format(client, personas):
    """The date and time in the language's format with a machine-readable <time> (no "3 hours ago": Django's
    humanize has no Somali or Hmong)."""
    note = report_ready(personas.staff)
    when = timezone.now() - timezone.timedelta(hours=3)
    Notification.objects.filter(pk=note.pk).update(created_at=when)
    html = _client(client, personas.staff).get(INBOX).content.decode()
    assert f'<time datetime="{timezone.localtime(when):%Y-%m-%dT%H:%M:%S%z}">' in html  # no fraction (valid HTML)
    assert formats.date_format(timezone.localtime(when), "DATETIME_FORMAT") in html
