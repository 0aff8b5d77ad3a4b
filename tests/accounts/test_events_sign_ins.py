"""The sign-in history: sign-ins, failures and sign-outs through the real /login/ form become security events, and
the person sees their recent ones on /account/security/."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from equity.accounts.devices import device_label
from equity.accounts.history import RECENT_SIGN_INS, method_label, recent_sign_ins_for_user
from equity.accounts.retention import security_events_purge
from equity.accounts.sign_ins import sign_in_failure_record, sign_in_method
from equity.models import SecurityEvent
from tests.accounts.sessions_helpers import CHROME_WINDOWS, SAFARI_IPHONE, device, signed_in
from tests.factories import TEST_PASSWORD
from tests.queries import assert_constant_queries

pytestmark = pytest.mark.django_db


def test_events_sign_in_through_the_form_is_recorded_with_method_address_and_device(personas):
    signed_in(personas.staff, ip="198.51.100.7")
    event = SecurityEvent.objects.get(kind=SecurityEvent.Kind.SIGNED_IN)
    assert (event.user, event.method, event.ip, event.user_agent) == (
        personas.staff,
        "password",
        "198.51.100.7",
        CHROME_WINDOWS,
    )


def test_events_failure_keeps_the_username_typed_never_the_password(personas):
    client = device(SAFARI_IPHONE, "203.0.113.5")
    response = client.post(reverse("login"), {"login": "staff", "password": "wrong-password-typed-here"})
    assert response.status_code == 200
    event = SecurityEvent.objects.get(kind=SecurityEvent.Kind.SIGN_IN_FAILED)
    assert (event.user, event.username, event.ip) == (personas.staff, "staff", "203.0.113.5")
    stored = " ".join(str(value) for value in SecurityEvent.objects.values_list().get())
    assert "wrong-password-typed-here" not in stored and TEST_PASSWORD not in stored


def test_events_failure_for_an_unknown_username_is_kept_without_a_person(db):
    device(CHROME_WINDOWS, "203.0.113.5").post(reverse("login"), {"login": "nobody-here", "password": "whatever-1"})
    event = SecurityEvent.objects.get(kind=SecurityEvent.Kind.SIGN_IN_FAILED)
    assert event.user is None and event.username == "nobody-here"


def test_events_sign_out_is_recorded(personas):
    client = signed_in(personas.staff)
    client.post(reverse("logout"))
    assert SecurityEvent.objects.filter(kind=SecurityEvent.Kind.SIGNED_OUT, user=personas.staff).count() == 1


def test_events_security_page_lists_recent_sign_ins_and_failures_newest_first(personas):
    device(CHROME_WINDOWS, "203.0.113.5").post(reverse("login"), {"login": "staff", "password": "not-it-at-all"})
    client = signed_in(personas.staff, user_agent=SAFARI_IPHONE, ip="198.51.100.7")
    rows = recent_sign_ins_for_user(user=personas.staff)
    assert [(row.succeeded, row.method, row.device, row.ip) for row in rows] == [
        (True, "Password", "Safari on iPhone", "198.51.100.7"),
        (False, "Password", "Chrome on Windows", "203.0.113.5"),
    ]
    page = client.get(reverse("account_security")).content.decode()
    assert page.index("Signed in") < page.index("Sign-in failed")


def test_events_security_page_shows_the_last_twenty_in_fixed_queries(personas):
    client = Client()
    client.force_login(personas.staff)

    def grow():
        SecurityEvent.objects.bulk_create(
            SecurityEvent(kind=SecurityEvent.Kind.SIGN_IN_FAILED, user=personas.staff, username="staff")
            for _ in range(30)
        )

    assert_constant_queries(client, reverse("account_security"), grow, budget=20)
    assert len(recent_sign_ins_for_user(user=personas.staff)) == RECENT_SIGN_INS


def test_events_sign_in_method_names_the_steps(rf, personas):
    request = rf.get("/")
    request.session = Client().session
    assert sign_in_method(request=request, user=personas.staff) == ""
    request.session["account_authentication_methods_user"] = str(personas.staff.pk)
    request.session["account_authentication_methods"] = [{"method": "socialaccount", "provider": "city"}]
    assert sign_in_method(request=request, user=personas.staff) == "sso"
    request.session["account_authentication_methods"] = [{"method": "password"}, {"method": "mfa", "type": "totp"}]
    assert sign_in_method(request=request, user=personas.staff) == "password+totp"
    assert method_label(method="password+totp") == "Password + authenticator app"


@pytest.mark.parametrize(
    ("agent", "label"),
    [
        (CHROME_WINDOWS, "Chrome on Windows"),
        (SAFARI_IPHONE, "Safari on iPhone"),
        ("Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 Safari/605.1.15", "Safari on macOS"),
        ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/131.0 Safari/537.36 Edg/131.0", "Edge on Windows"),
        ("Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0", "Firefox on Linux"),
        ("Mozilla/5.0 (Linux; Android 14; Pixel 8) Chrome/131.0 Mobile Safari/537.36", "Chrome on Android"),
        ("", "Unknown device"),
        ("something else entirely", "Unknown device"),
    ],
)
def test_events_device_label_reads_common_browsers(agent, label):
    assert device_label(user_agent=agent) == label


def test_events_purge_removes_only_events_past_retention(settings, personas):
    settings.SECURITY_EVENTS_KEEP_DAYS = 30
    old = SecurityEvent.objects.create(kind=SecurityEvent.Kind.SIGNED_IN, user=personas.staff)
    recent = SecurityEvent.objects.create(kind=SecurityEvent.Kind.SIGNED_IN, user=personas.staff)
    SecurityEvent.objects.filter(pk=old.pk).update(at=timezone.now() - timedelta(days=31))
    assert security_events_purge() == 1
    assert list(SecurityEvent.objects.values_list("pk", flat=True)) == [recent.pk]


def test_events_purge_runs_daily_on_celery_beat(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["security-events-purge"]
    assert entry["task"] == "equity.accounts.security_events_purge" and entry["schedule"] == 86400.0


def test_events_failure_with_a_nul_in_the_username_is_kept_without_it(db):
    sign_in_failure_record(request=None, credentials={"username": "mal\x00lory", "password": "********"})
    assert SecurityEvent.objects.get().username == "mallory"
