"""Access cases for the shared core's URLs (accounts, people, departments, health)."""

from tests.access import AccessCase, everyone

EQUITY_ONLY = everyone(403, equity=200)


def _dept(p):
    return {"pk": p.dept.pk}


def _staff(p):
    return {"pk": p.staff.pk}


def _reset(p):
    return {"uidb64": "MQ", "token": "set-password"}


PUBLIC = {persona: 200 for persona in everyone(200)}
# Signed-in people are sent on from the login page to the dashboard.
LOGIN_PAGE = everyone(302, anonymous=200)

CASES = [
    AccessCase("dashboard", everyone(200)),
    AccessCase("profile", everyone(200)),
    AccessCase("login", LOGIN_PAGE),
    AccessCase("logout", everyone(200, anonymous=200), method="post"),
    AccessCase("password_change", everyone(200)),
    AccessCase("password_reset", PUBLIC),
    AccessCase("password_reset_done", PUBLIC),
    AccessCase("password_reset_confirm", PUBLIC, setup=_reset),
    AccessCase("password_reset_complete", PUBLIC),
    AccessCase("healthz", PUBLIC),
    AccessCase("favicon", everyone(302, anonymous=302)),  # to the static icon, for everyone
    AccessCase("user_list", EQUITY_ONLY),
    AccessCase("user_create", EQUITY_ONLY),
    AccessCase("user_update", EQUITY_ONLY, setup=_staff),
    AccessCase("user_history", EQUITY_ONLY, setup=_staff),
    AccessCase(
        "user_set_active",
        everyone(403, equity=302),
        setup=_staff,
        method="post",
        data=lambda p, kw: {"active": "1"},
    ),
    AccessCase("department_list", EQUITY_ONLY),
    AccessCase("department_create", EQUITY_ONLY),
    AccessCase("department_update", EQUITY_ONLY, setup=_dept),
    AccessCase("department_history", EQUITY_ONLY, setup=_dept),
]


def _attributes(p):
    from equity.models import StaffAttributes

    StaffAttributes.objects.create(user=p.staff, job_class="Planner II")
    return {"pk": p.staff.pk}


# Workforce attributes (issue 14): the equity team only; a person answers for themselves on their own page.
CASES += [
    AccessCase("staff_attributes", EQUITY_ONLY, setup=_staff),
    AccessCase("staff_attributes_history", EQUITY_ONLY, setup=_attributes),
    AccessCase("self_identification", everyone(200)),
]
