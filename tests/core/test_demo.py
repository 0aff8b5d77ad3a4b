"""seed_demo: idempotent, and refused with debug off unless forced."""

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command

from equity.demo import DEMO_PASSWORD
from equity.models import Department, User

pytestmark = pytest.mark.django_db


def _counts():
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if not model._meta.label.startswith(("sessions.", "admin.", "axes."))
    }


def test_seed_demo_refuses_with_debug_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="refuses to run with DEBUG off"):
        call_command("seed_demo")


def test_seed_demo_is_idempotent(settings):
    settings.DEBUG = True
    call_command("seed_demo")
    first = _counts()
    call_command("seed_demo")
    assert _counts() == first
    assert Department.objects.count() == 12
    manager = User.objects.get(username="manager")
    assert manager.is_manager and manager.check_password(DEMO_PASSWORD)
    assert list(manager.departments.values_list("code", flat=True)) == ["CD"]
    assert User.objects.get(username="equity").is_equity_team
    assert User.objects.get(username="facilitator").is_facilitator
    assert User.objects.get(username="admin").is_superuser


def test_seed_demo_force_runs_with_debug_off(settings):
    settings.DEBUG = False
    call_command("seed_demo", "--force")
    assert User.objects.filter(username="staff").exists()


def test_the_demo_fills_inboxes_and_emails_nobody(settings, django_capture_on_commit_callbacks):
    """The demo's worksheets, updates and sessions raise real notifications; its made-up people get no e-mail."""
    from django.core import mail

    from equity.models import EmailDelivery, Notification

    settings.DEBUG = True
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo")
    assert Notification.objects.exists()
    assert not EmailDelivery.objects.exists() and mail.outbox == []
    manager = User.objects.get(username="manager")
    assert manager.unread_notifications == Notification.objects.filter(recipient=manager, read_at=None).count() > 0
