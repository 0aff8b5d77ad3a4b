"""Deactivating a user ends their sessions for good: reactivating them does not bring the old sessions back."""

from types import SimpleNamespace

import pytest
from django.contrib import admin
from django.contrib.auth.base_user import AbstractBaseUser
from django.test import Client, RequestFactory
from django.urls import reverse

from equity.admin import UserAdmin
from equity.models import User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    assert client.get(reverse("dashboard")).status_code == 200
    return client


def _set_active(admin_client: Client, user, active: bool) -> None:
    response = admin_client.post(reverse("user_set_active", args=[user.pk]), {"active": "1" if active else "0"})
    assert response.status_code == 302


def _is_signed_out(client: Client) -> bool:
    response = client.get(reverse("dashboard"))
    return response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_an_old_session_stays_ended_after_reactivation(personas):
    staff_phone, staff_laptop = _signed_in(personas.staff), _signed_in(personas.staff)
    coordinator = _signed_in(personas.equity)
    _set_active(coordinator, personas.staff, active=False)
    _set_active(coordinator, personas.staff, active=True)
    assert _is_signed_out(staff_phone) and _is_signed_out(staff_laptop)
    # Signing in again works, and the coordinator who did it was not signed out.
    assert _signed_in(User.objects.get(pk=personas.staff.pk))
    assert not _is_signed_out(coordinator)


def test_reactivating_alone_signs_no_one_out(personas):
    staff = _signed_in(personas.staff)
    _set_active(_signed_in(personas.equity), personas.staff, active=True)  # already active: nothing ends
    assert not _is_signed_out(staff)


def test_a_deactivation_in_the_admin_site_ends_the_sessions_too():
    user = UserFactory()
    session = _signed_in(user)
    superuser = UserFactory(is_superuser=True, is_staff=True)
    request = RequestFactory().post("/admin/")
    request.user = superuser
    user.is_active = False
    UserAdmin(User, admin.site).save_model(request, user, SimpleNamespace(changed_data=["is_active"]), change=True)
    User.objects.filter(pk=user.pk).update(is_active=True)
    assert _is_signed_out(session)


def test_users_never_deactivated_keep_the_standard_session_hash():
    user = UserFactory()
    assert user.get_session_auth_hash() == AbstractBaseUser.get_session_auth_hash(user)
