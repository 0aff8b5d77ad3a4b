"""The library's notification: a practice you suggested was published (to the suggester, once, never the
reviewer)."""

import pytest
from django.urls import reverse

from equity.models import Notification
from equity.notifications.services import notify
from library.notices import PUBLISHED, practice_published_notify
from library.services.practices import practice_create, practice_review

pytestmark = pytest.mark.django_db

FORM = {
    "title": "Fair chance hiring",
    "summary": "No criminal history question on applications.",
    "kind": "policy",
    "jurisdiction": "other",
    "jurisdiction_name": "State of Minnesota",
    "status": "adopted",
}


def test_publishing_a_suggestion_tells_the_suggester_once(client, personas):
    suggestion = practice_create(author=personas.staff, data=FORM, equity_areas=[], departments=[])
    published = practice_review(author=personas.equity, practice=suggestion, publish=True, note="Welcome addition.")
    notifications = list(Notification.objects.filter(kind=PUBLISHED).select_related("recipient"))
    assert [n.recipient for n in notifications] == [personas.staff]
    notification = notifications[0]
    assert notification.title == "A practice you suggested was published: Fair chance hiring"
    assert notification.body == "Welcome addition."
    assert notification.actor == personas.equity
    assert practice_published_notify(practice=published, author=personas.equity) == 0  # the same review again
    assert Notification.objects.filter(kind=PUBLISHED).count() == 1
    assert notification.url == reverse("library:practice_detail", args=[suggestion.pk])
    client.force_login(personas.staff)
    assert client.get(notification.url).status_code == 200


def test_declining_or_publishing_directly_tells_nobody(personas):
    declined = practice_create(author=personas.staff, data=FORM, equity_areas=[], departments=[])
    practice_review(author=personas.equity, practice=declined, publish=False, note="Already in the library.")
    practice_create(author=personas.equity, data=FORM, equity_areas=[], departments=[])  # the equity team's own
    assert not Notification.objects.filter(kind=PUBLISHED).exists()


def test_only_the_suggester_sees_a_suggestion_so_nobody_else_could_be_told(personas):
    suggestion = practice_create(author=personas.staff, data=FORM, equity_areas=[], departments=[])
    people = [personas.other_staff, personas.manager, personas.staff]
    assert notify(kind=PUBLISHED, recipients=people, target=suggestion, event_key="x", title="t", url="/") == 1
    assert list(Notification.objects.values_list("recipient__username", flat=True)) == ["staff"]
