"""Demo data for the shared core: a city of about 50,000 residents, its departments and one user per role."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password

from equity.audit import audited_save
from equity.contributions import DEMO_SEEDERS
from equity.models import Department, GroupMapping, Role, User
from equity.services import department_save, user_create

DEMO_PASSWORD = "equity-portal-demo"  # noqa: S105 - documented demo password, refused with debug off

DEPARTMENTS = [
    ("Administration", "ADM"),
    ("Communications", "COM"),
    ("Community Development", "CD"),
    ("Engineering", "ENG"),
    ("Finance", "FIN"),
    ("Fire", "FIRE"),
    ("Human Resources", "HR"),
    ("Information Resources", "IR"),
    ("Inspections", "INS"),
    ("Operations and Recreation", "OR"),
    ("Police", "PD"),
    ("Public Works", "PW"),
]

# username, full name, job title, department codes, manager, facilitator, equity team
DEMO_USERS = [
    ("staff", "Dana Okafor", "Housing Programs Specialist", ["CD"], False, False, False),
    ("manager", "Marcus Lindqvist", "Community Development Director", ["CD"], True, False, False),
    ("facilitator", "Fatima Hassan", "HR Generalist and Equity Facilitator", ["HR"], False, True, False),
    ("equity", "Elena Ramirez", "Racial Equity Coordinator", ["ADM"], False, False, True),
    ("pw.manager", "Paul Westberg", "Public Works Superintendent", ["PW"], True, False, False),
    ("pw.staff", "Ngozi Adeyemi", "Utility Engineer", ["PW"], False, False, False),
    ("or.staff", "Tou Vang", "Recreation Supervisor", ["OR"], False, True, False),
    ("pd.manager", "Sarah Blackfeather", "Police Captain", ["PD"], True, False, False),
    ("fin.staff", "Jamal Carter", "Budget Analyst", ["FIN"], False, False, False),
    ("hr.manager", "Ingrid Solberg", "Human Resources Manager", ["HR"], True, True, False),
]


@dataclass
class DemoCity:
    """What the core demo created, handed to each app's demo seeder."""

    departments: dict[str, Department] = field(default_factory=dict)
    users: dict[str, User] = field(default_factory=dict)
    _password_hash: str = ""

    def password_hash(self) -> str:
        """The demo password hashed once per run, shared by every demo user it creates: the password is published,
        so one salt for all of them hides nothing, and hashing it for each of the 31 users took most of a first
        seed_demo (PBKDF2 is slow on purpose). Sign-in checks it like any other hash."""
        if not self._password_hash:
            self._password_hash = make_password(DEMO_PASSWORD)
        return self._password_hash


def seed_core() -> DemoCity:
    """Create (or find) the departments and demo users; safe to run again."""
    city = DemoCity()
    for name, code in DEPARTMENTS:
        department = Department.objects.filter(code=code).first()
        if department is None:
            department = department_save(author=None, department=Department(name=name, code=code))
        city.departments[code] = department
    for username, full_name, title, codes, manager, facilitator, equity_team in DEMO_USERS:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = user_create(
                author=None,
                username=username,
                email=f"{username.replace('.', '-')}@stlouispark.example",
                full_name=full_name,
                job_title=title,
                departments=[city.departments[c] for c in codes],
                is_manager=manager,
                is_facilitator=facilitator,
                is_equity_team=equity_team,
                password_hash=city.password_hash(),
            )
        city.users[username] = user
    if not User.objects.filter(username="admin").exists():
        admin = User(
            username="admin",
            email="admin@stlouispark.example",
            password=city.password_hash(),
            full_name="Portal Administrator",
            is_staff=True,
            is_superuser=True,
        )
        audited_save(admin, author=None)
    return city


# group as the identity provider sends it, department code (or None), role, note
DEMO_GROUP_MAPPINGS = [
    ("SLP-CommDev-Managers", "CD", Role.MANAGER, "Community Development's managers"),
    ("SLP-CommDev-Staff", "CD", "", "Everyone in Community Development"),
    ("SLP-PublicWorks-Staff", "PW", "", "Everyone in Public Works"),
    ("SLP-RacialEquity-Team", None, Role.EQUITY_TEAM, "The racial equity team"),
    ("SLP-Equity-Facilitators", None, Role.FACILITATOR, "Trained equity facilitators, any department"),
    ("3f1c2a9e-7b4d-4e0a-9c61-2d8f5b7a1e34", "HR", "", "Entra ID object id of SLP-HR-All"),
]


@DEMO_SEEDERS.register(order=5)
def seed_group_mappings(city: DemoCity) -> None:
    """The mapping table's demo lines: which identity provider groups give which departments and roles."""
    for group, code, role, note in DEMO_GROUP_MAPPINGS:
        department = city.departments[code] if code else None
        if not GroupMapping.objects.filter(group=group, department=department, role=role).exists():
            mapping = GroupMapping(group=group, department=department, role=role, note=note)
            audited_save(mapping, author=None)
