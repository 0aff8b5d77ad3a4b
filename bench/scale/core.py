"""City-scale data for measurements (`manage.py seed_scale`): 40 departments and 5,000 staff across the roles.

Rows are bulk-inserted (with their history rows) and marked by a `scale.` username prefix or an `S` department
code prefix so `--reset` removes exactly what was made. Each domain app's records come from `bench/scale/<app>.py`.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from simple_history.utils import bulk_create_with_history

from equity.demo import DEMO_PASSWORD
from equity.models import Department, User

USER_PREFIX = "scale."
DEPARTMENT_PREFIX = "S"
EXTRA_DEPARTMENTS = [
    "Assessing", "Building and Energy", "City Clerk", "City Manager's Office", "Code Enforcement",
    "Economic Development",
    "Elections", "Emergency Management", "Environment and Sustainability", "Facilities", "Fleet Services", "Forestry",
    "Housing", "Legal", "Libraries", "Nature Center", "Parks", "Planning and Zoning", "Procurement", "Public Health",
    "Purchasing", "Risk Management", "Solid Waste", "Streets", "Transportation", "Utilities", "Water Treatment",
    "Youth Services",
]  # fmt: skip
FIRST = ["Amina", "Ben", "Carlos", "Deka", "Eun-ji", "Farah", "Gabriel", "Hawa", "Isaac", "Jasmine", "Kao", "Luis",
         "Mai", "Nadia", "Omar", "Priya", "Quinn", "Rosa", "Samuel", "Tenzin", "Umar", "Valeria", "Wanjiru", "Xavier",
         "Yer", "Zainab"]  # fmt: skip
LAST = ["Abdi", "Baker", "Chavez", "Dahl", "Ellison", "Fofana", "Garcia", "Her", "Iverson", "Johnson", "Kim", "Lor",
        "Mohamed", "Nguyen", "Olson", "Pham", "Quispe", "Robinson", "Smith", "Thao", "Vang", "Warsame", "Xiong",
        "Yang", "Zimmerman"]  # fmt: skip
TITLES = ["Analyst", "Coordinator", "Specialist", "Technician", "Engineer", "Inspector", "Officer", "Planner",
          "Supervisor", "Administrative Assistant", "Program Manager", "Maintenance Worker"]  # fmt: skip


@dataclass
class ScaleCity:
    """What the core scale seeder made, handed to each app's scale seeder."""

    factor: float
    rng: random.Random
    departments: list[Department] = field(default_factory=list)
    users: list[User] = field(default_factory=list)
    managers: list[User] = field(default_factory=list)
    facilitators: list[User] = field(default_factory=list)
    equity_team: list[User] = field(default_factory=list)
    user_department: dict[int, int] = field(default_factory=dict)

    def count(self, full: int, minimum: int = 1) -> int:
        """`full` scaled by the factor, at least `minimum`."""
        return max(minimum, int(full * self.factor))


def seed_core(*, factor: float, seed: int = 2026) -> ScaleCity:
    """40 departments (the demo's 12 and 28 more) and 5,000 users x factor, with departments and roles."""
    city = ScaleCity(factor=factor, rng=random.Random(seed))
    existing = list(Department.objects.all())
    new = [
        Department(name=name, code=f"{DEPARTMENT_PREFIX}{i:02d}")
        for i, name in enumerate(EXTRA_DEPARTMENTS[: max(0, 40 - len(existing))], start=1)
        if not Department.objects.filter(name=name).exists()
    ]
    bulk_create_with_history(new, Department, batch_size=500)
    city.departments = list(Department.objects.order_by("pk"))
    password = make_password(DEMO_PASSWORD)
    rng = city.rng
    total = city.count(5000, 50)
    users = []
    for i in range(total):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        roll = rng.random()
        users.append(
            User(
                username=f"{USER_PREFIX}{i:05d}",
                email=f"scale{i:05d}@stlouispark.example",
                full_name=f"{first} {last}",
                job_title=rng.choice(TITLES),
                employee_id=f"E{100000 + i}",
                password=password,
                is_manager=roll < 0.08,
                is_facilitator=0.08 <= roll < 0.10,
                is_equity_team=0.10 <= roll < 0.102,
            )
        )
    bulk_create_with_history(users, User, batch_size=1000)
    city.users = list(User.objects.filter(username__startswith=USER_PREFIX).order_by("pk"))
    through = User.departments.through
    links = []
    for user in city.users:
        department = rng.choice(city.departments)
        city.user_department[user.pk] = department.pk
        links.append(through(user_id=user.pk, department_id=department.pk))
    through.objects.bulk_create(links, batch_size=2000)
    city.managers = [u for u in city.users if u.is_manager]
    city.facilitators = [u for u in city.users if u.is_facilitator]
    city.equity_team = [u for u in city.users if u.is_equity_team]
    return city


def reset_core() -> int:
    """Remove the scale users and departments (after the apps removed what refers to them)."""
    users = User.objects.filter(username__startswith=USER_PREFIX)
    User.history.filter(username__startswith=USER_PREFIX).delete()
    count, _ = users.delete()
    Department.objects.filter(code__startswith=DEPARTMENT_PREFIX, code__regex=r"^S[0-9]{2}$").delete()
    return count
