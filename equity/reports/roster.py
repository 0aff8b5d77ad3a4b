"""Report kind "department roster": a department's staff and their portal roles, for managers and the equity team."""

from __future__ import annotations

from django import forms
from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from equity import permissions
from equity.models import Department, ReportJob, User
from equity.reports.kinds import ReportKind, ReportParamsForm, register


def department_list_for_user(user: User) -> QuerySet[Department]:
    """Departments the user may see: all for the equity team, otherwise their own."""
    qs = Department.objects.all()
    if permissions.is_equity_team(user):
        return qs
    return qs.filter(pk__in=permissions.department_ids(user))


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


def _bench_department(user: User) -> Department:
    """A department of 1,500 people, for the benchmark."""
    department = Department.objects.create(name="Benchmark Department", code="BENCH")
    people = User.objects.bulk_create(
        User(
            username=f"bench{n}",
            email=f"bench{n}@example.org",
            full_name=f"Benchmark Person {n:04d}",
            job_title="Analyst",
            is_manager=n % 10 == 0,
        )
        for n in range(1500)
    )
    department.members.add(*people)
    return department


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
        bench_target=_bench_department,
    )
)
