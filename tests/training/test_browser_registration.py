"""Self-registration in real Chromium with axe: a full session's waiting list, promotion when someone cancels, and
a certificate's public verification page without login."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser import assert_accessible, login
from tests.factories import DepartmentFactory, UserFactory
from tests.training.factories import AttendanceFactory, ModuleFactory, SessionFactory
from training.models import Registration
from training.registration import registration_register

pytestmark = [pytest.mark.needs_chromium, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def full_session(db):
    cd = DepartmentFactory(name="Community Development", code="CD")
    module = ModuleFactory(title="Advancing Racial Equity")
    UserFactory(username="sam", full_name="Sam Staff", departments=[cd])
    olu = UserFactory(username="olu", full_name="Olu Other", departments=[cd])
    session = SessionFactory(
        module=module, date=timezone.localdate() + timedelta(days=14), capacity=1, location="City Hall, Room 2"
    )
    registration_register(author=olu, session=session)
    return session


def test_browser_staff_waits_for_a_full_session_and_is_promoted_when_someone_cancels(page, live_server, full_session):
    detail = f"{live_server.url}/training/sessions/{full_session.pk}/"
    login(page, live_server, "sam")
    page.goto(detail)
    expect(page.get_by_test_id("places")).to_contain_text("1 of 1 places taken")
    assert_accessible(page)
    page.get_by_role("button", name="Join the waiting list").click()
    expect(page.get_by_text("you are number 1 on the waiting list")).to_be_visible()
    expect(page.get_by_test_id("my-registration-status")).to_contain_text("waiting list, number 1")
    assert_accessible(page)
    page.goto(f"{live_server.url}/training/me/")
    expect(page.get_by_test_id("my-registrations")).to_contain_text("Waiting list, number 1")
    assert_accessible(page)

    page.context.clear_cookies()
    login(page, live_server, "olu")
    page.goto(detail)
    page.get_by_role("button", name="Cancel my registration").click()
    expect(page.get_by_text("The next person on the waiting list has the place.")).to_be_visible()
    assert_accessible(page)

    page.context.clear_cookies()
    login(page, live_server, "sam")
    page.goto(f"{live_server.url}/training/me/")
    registrations = page.get_by_test_id("my-registrations")
    expect(registrations).to_contain_text("Registered")
    link = registrations.get_by_role("link", name="Calendar invitation for Advancing Racial Equity (.ics)")
    expect(link).to_be_visible()
    assert_accessible(page)
    response = page.request.get(f"{live_server.url}{link.get_attribute('href')}")
    assert response.ok and "BEGIN:VEVENT" in response.text()
    assert Registration.objects.get(user__username="sam").status == Registration.Status.REGISTERED


def test_browser_certificate_verification_page_answers_without_login(page, live_server, full_session):
    past = SessionFactory(module=full_session.module, date=timezone.localdate() - timedelta(days=3))
    attendance = AttendanceFactory(session=past, user=UserFactory(full_name="Dana Okafor"))
    page.goto(f"{live_server.url}/verify/{attendance.verification_code}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Certificate verified")
    expect(page.get_by_test_id("certificate")).to_contain_text("Dana Okafor")
    expect(page.get_by_test_id("certificate")).to_contain_text("Advancing Racial Equity")
    assert_accessible(page)
    response = page.goto(f"{live_server.url}/verify/NOTACODE2345/")
    assert response is not None and response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Certificate not found")
    assert_accessible(page)
