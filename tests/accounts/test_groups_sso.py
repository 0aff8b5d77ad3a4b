"""Through the real test identity provider: groups give access at the first sign-in and access follows the groups
at the next; what the equity team gave by hand stays."""

import pytest
from allauth.socialaccount.models import SocialAccount
from django.test import Client

from equity.models import GroupMapping, Role, SecurityEvent, User
from equity.services import user_update
from tests.sso.fixtures import sso_sign_in

pytestmark = pytest.mark.django_db

MANAGERS = "SLP-CommDev-Managers"
EQUITY_TEAM = "SLP-RacialEquity-Team"


def _account(provider, *groups: str) -> None:
    provider.add_account(
        sub="ada-1",
        preferred_username="ada",
        email="ada@city.example.gov",
        name="Ada Lovelace",
        given_name="Ada",
        family_name="Lovelace",
        groups=list(groups),
    )


def test_access_follows_the_groups_between_two_sign_ins(sso_enabled, personas):
    GroupMapping.objects.create(group=MANAGERS, department=personas.dept, role=Role.MANAGER)
    GroupMapping.objects.create(group=EQUITY_TEAM, role=Role.EQUITY_TEAM)
    _account(sso_enabled, MANAGERS, "Not-Mapped")

    response = sso_sign_in(Client(), sso_enabled, username="ada")
    assert response.status_code == 200
    ada = SocialAccount.objects.get(provider="city", uid="ada-1").user
    assert ada.is_manager and not ada.is_equity_team
    assert list(ada.departments.values_list("name", flat=True)) == ["Community Development"]

    user_update(author=personas.equity, user=ada, is_facilitator=True, departments=[personas.other_dept])
    _account(sso_enabled, EQUITY_TEAM)
    sso_sign_in(Client(), sso_enabled, username="ada")

    ada = User.objects.get(pk=ada.pk)
    assert ada.is_equity_team and ada.is_facilitator and not ada.is_manager
    assert list(ada.departments.values_list("name", flat=True)) == ["Public Works"]
    events = SecurityEvent.objects.filter(user=ada, kind=SecurityEvent.Kind.ACCESS_FROM_GROUPS)
    assert [event.detail for event in events][0] == ("added: Equity team; removed: Manager, Community Development")
