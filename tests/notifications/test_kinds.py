"""Every kind of notification the apps declare is complete, documented, and checks visibility with a selector."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.apps import apps
from django.db.models import QuerySet

from equity.notifications.kinds import Delivery, notification_kinds

DOCS = Path(__file__).resolve().parents[2] / "docs" / "notifications.md"
PERSONAS = ("staff", "manager", "facilitator", "equity", "other_staff", "other_manager")


def test_every_kind_is_named_after_its_app_and_says_who_receives_it():
    kinds = notification_kinds()
    assert kinds, "no kinds declared"
    labels = set()
    for code, kind in kinds.items():
        app_label, _dot, event = code.partition(".")
        assert app_label in {config.label for config in apps.get_app_configs()}, code
        assert event and event == event.lower(), code
        assert str(kind.label) and str(kind.recipients) and str(kind.group), code
        assert kind.default in Delivery.values, code
        assert kind.manager_default is None or kind.manager_default in Delivery.values, code
        labels.add(str(kind.label))
    assert len(labels) == len(kinds), "two kinds share a label: people could not tell them apart"


@pytest.mark.django_db
def test_every_kind_checks_visibility_with_a_queryset_of_its_records(personas):
    for code, kind in notification_kinds().items():
        for name in PERSONAS:
            visible = kind.visible(getattr(personas, name))
            assert isinstance(visible, QuerySet), code
            list(visible.filter(pk__in=[1]).values_list("pk", flat=True))  # the selector runs on this database


def test_docs_list_every_event_with_its_default_and_recipients():
    text = DOCS.read_text(encoding="utf-8")
    for code, kind in notification_kinds().items():
        row = next((line for line in text.splitlines() if f"`{code}`" in line and line.startswith("|")), "")
        assert row, f"docs/notifications.md has no table row for {code}"
        assert str(Delivery(kind.default).label).lower() in row.lower(), f"{code}: the row does not state the default"
