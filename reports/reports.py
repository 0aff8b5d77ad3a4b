"""Report kinds of the core, found like every app's `reports.py`: the department roster (a department's staff and
their portal roles, for managers and the equity team). It reads only core records, so it lives with the pipeline."""

from __future__ import annotations

from django import forms
from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from equity import permissions
from equity.models import Department, User
from reports.kinds import ReportKind, ReportParamsForm, register
from reports.models import ReportJob


def department_list_for_user(user: User) -> QuerySet[Department]:
    """Departments the user may see: all for the equity team, otherwise their own."""
    qs = Department.objects.all()
    if permissions.is_equity_team(user):
        return qs
    return qs.filter(pk__in=permissions.department_ids(user))


def department_requestable_for_user(user: User) -> QuerySet[Department]:
    """Departments whose roster the user may request: `permissions.can_manage_department` for a whole list."""
    if permissions.is_equity_team(user):
        return Department.objects.all()
    return Department.objects.filter(pk__in=permissions.managed_department_ids(user))


class RosterForm(ReportParamsForm):
    include_inactive = forms.BooleanField(
        label=_("Include deactivated accounts"), required=False, help_text=_("Listed separately, marked inactive.")
    )


def _context(job: ReportJob, department: Department) -> dict:
    members = department.members.all()
    if not job.params.get("include_inactive"):
        members = members.filter(is_active=True)
    counts = members.aggregate(
        total=Count("pk"),
        managers=Count("pk", filter=Q(is_manager=True)),
        facilitators=Count("pk", filter=Q(is_facilitator=True)),
        equity_team=Count("pk", filter=Q(is_equity_team=True)),
    )
    return {
        "department": department,
        "members": list(
            members.order_by("full_name").only(
                "full_name", "preferred_name", "username", "job_title", "email", "is_active",
                "is_manager", "is_facilitator", "is_equity_team",
            )
        ),
        "counts": counts,
    }  # fmt: skip


ROSTER = register(
    ReportKind(
        code="department_roster",
        label=_("Department staff and roles"),
        description=_("Everyone in a department with their job title and portal roles."),
        template="reports/pdf/department_roster.html",
        target_label=_("Department"),
        targets_for_user=department_list_for_user,
        title=lambda department, params: str(_("Staff and roles: %(department)s") % {"department": department.name}),
        build_context=_context,
        department_of=lambda department: department,
        form_class=RosterForm,
        can_request=lambda user, department: permissions.can_manage_department(user, department),
        requestable_for_user=department_requestable_for_user,
        order=50,
    )
)
