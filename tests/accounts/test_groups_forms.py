"""The mapping form validates a line; the people form starts from the hand-given access only."""

import pytest

from equity.accounts.sso.access import access_from_groups
from equity.accounts.sso.forms import GroupMappingForm
from equity.accounts.sso.sources import access_by_source_for_user, hand_given_initial
from equity.forms import UserForm
from equity.models import GroupMapping, Role

pytestmark = pytest.mark.django_db


def test_mapping_form_strips_the_group_and_accepts_a_department_alone(personas):
    form = GroupMappingForm({"group": "  SLP-CommDev-Staff ", "department": personas.dept.pk, "role": ""})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["group"] == "SLP-CommDev-Staff"


def test_mapping_form_refuses_an_empty_line_and_a_duplicate(personas):
    GroupMapping.objects.create(group="SLP-CommDev-Managers", department=personas.dept, role=Role.MANAGER)
    empty = GroupMappingForm({"group": "G", "department": "", "role": ""})
    assert not empty.is_valid() and "Choose a department, a role, or both." in empty.non_field_errors()
    data = {"group": "SLP-CommDev-Managers", "department": personas.dept.pk, "role": "manager"}
    duplicate = GroupMappingForm(data)
    assert not duplicate.is_valid()
    assert "This group already gives this department and role." in duplicate.non_field_errors()


def test_mapping_form_offers_active_departments_and_the_line_s_own(personas):
    personas.other_dept.is_active = False
    personas.other_dept.save()
    assert personas.other_dept not in GroupMappingForm().fields["department"].queryset
    mapping = GroupMapping.objects.create(group="G", department=personas.other_dept)
    form = GroupMappingForm(instance=mapping)
    assert personas.other_dept in form.fields["department"].queryset
    assert form.fields["revision"].initial == 1


def test_mapping_form_opened_on_a_line_must_post_its_revision(personas):
    mapping = GroupMapping.objects.create(group="G", role=Role.MANAGER)
    form = GroupMappingForm({"group": "G", "role": "facilitator"}, instance=mapping)
    assert not form.is_valid() and form.has_error("__all__", "stale")


def test_people_form_starts_from_hand_given_access(personas):
    GroupMapping.objects.create(group="SLP-RacialEquity-Team", role=Role.EQUITY_TEAM)
    GroupMapping.objects.create(group="SLP-PW", department=personas.other_dept)
    access_from_groups(user=personas.manager, claims={"groups": ["SLP-RacialEquity-Team", "SLP-PW"]}, request=None)
    initial = hand_given_initial(access=access_by_source_for_user(person=personas.manager))
    assert initial == {
        "is_manager": True,
        "is_facilitator": False,
        "is_equity_team": False,
        "departments": [personas.dept],
    }
    form = UserForm(instance=personas.manager, initial=initial)
    assert form["is_equity_team"].value() is False and form["is_manager"].value() is True
    assert "Given in the portal" in str(form.fields["is_manager"].help_text)
