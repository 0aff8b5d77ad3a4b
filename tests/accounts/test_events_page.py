"""The equity team's security events page: everyone's events, filtered by person, username, event and date,
paginated, in fixed queries; a person's events reachable from their people page."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from equity.models import SecurityEvent
from tests.queries import assert_constant_queries

pytestmark = pytest.mark.django_db
URL = reverse("security_event_list")


def _event(user, kind=SecurityEvent.Kind.SIGNED_IN, days_ago=0, username=""):
    event = SecurityEvent.objects.create(kind=kind, user=user, username=username or user.username)
    SecurityEvent.objects.filter(pk=event.pk).update(at=timezone.now() - timedelta(days=days_ago))
    return event


@pytest.fixture
def coordinator(personas):
    client = Client()
    client.force_login(personas.equity)
    SecurityEvent.objects.all().delete()  # the sign-in above
    return client


def _usernames(client, query=""):
    response = client.get(f"{URL}?{query}")
    assert response.status_code == 200
    return [event.username for event in response.context["page_obj"]]


def test_events_page_filters_by_person_kind_username_and_date(coordinator, personas):
    _event(personas.staff, days_ago=10)
    _event(personas.manager, kind=SecurityEvent.Kind.SIGN_IN_FAILED, days_ago=1)
    SecurityEvent.objects.create(kind=SecurityEvent.Kind.SIGN_IN_FAILED, username="mallory")
    assert _usernames(coordinator, f"person={personas.staff.pk}") == ["staff"]
    assert sorted(_usernames(coordinator, "kind=sign_in_failed")) == ["mallory", "manager"]
    assert _usernames(coordinator, "username=mall") == ["mallory"]
    since = (timezone.localdate() - timedelta(days=3)).isoformat()
    until = (timezone.localdate() - timedelta(days=5)).isoformat()
    assert sorted(_usernames(coordinator, f"since={since}")) == ["mallory", "manager"]
    assert _usernames(coordinator, f"until={until}") == ["staff"]


def test_events_page_person_filter_names_them(coordinator, personas):
    _event(personas.staff)
    page = coordinator.get(f"{URL}?person={personas.staff.pk}").content.decode()
    assert "Showing the events of Sam Staff" in page


def test_events_page_bad_filters_are_shown_not_used(coordinator, personas):
    _event(personas.staff)
    response = coordinator.get(f"{URL}?since=2026-02-30&kind=nope&person=abc")
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert [event.username for event in response.context["page_obj"]] == ["staff"]


def test_events_page_dates_out_of_order_are_refused(coordinator, personas):
    response = coordinator.get(f"{URL}?since=2026-05-02&until=2026-05-01")
    assert "The start date must be on or before the end date." in response.content.decode()


def test_events_page_paginates(coordinator, personas, settings):
    for _ in range(settings.LIST_PAGE_SIZE + 3):
        _event(personas.staff)
    assert len(_usernames(coordinator)) == settings.LIST_PAGE_SIZE
    assert len(_usernames(coordinator, "page=2")) == 3


def test_events_page_queries_do_not_grow_with_the_events(coordinator, personas):
    _event(personas.staff, kind=SecurityEvent.Kind.SESSIONS_ENDED)

    def grow():
        for index in range(40):
            user = personas.manager if index % 2 else personas.staff
            SecurityEvent.objects.create(kind=SecurityEvent.Kind.SESSIONS_ENDED, user=user, actor=personas.equity)

    assert_constant_queries(coordinator, URL, grow, budget=12)
    assert_constant_queries(coordinator, f"{URL}?person={personas.staff.pk}", grow, budget=13)
