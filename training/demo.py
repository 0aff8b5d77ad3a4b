"""Demo training records for `manage.py seed_demo` (idempotent): a curriculum across tiers, six facilitators,
twenty past sessions with attendance across departments, upcoming sessions with registrations, the foundational
module required of all staff within 90 days (some people overdue) and a facilitator's pending approval request."""

from __future__ import annotations

import random
from datetime import date, time, timedelta
from decimal import Decimal

from django.utils import timezone

from equity.audit import audited_save
from equity.contributions import DEMO_SEEDERS
from equity.demo import DemoCity
from equity.models import User
from equity.services import user_create
from training.approvals import certification_request_create
from training.models import Attendance, CertificationRequest, Facilitator, Module, Session, TrainingRequirement
from training.registration import registration_register
from training.requirement_services import requirement_save
from training.services import default_department, facilitator_save, module_save, roster_bulk_insert, user_memberships

DEMO_NOTE = "Demo session."

MODULES = [
    (
        "Advancing Racial Equity: the Role of Government",
        Module.Tier.FOUNDATIONAL,
        Module.RequiredFor.ALL_STAFF,
        "6.00",
        "Social construction of race\nHistory of government and race\nImplicit and explicit bias\n"
        "Individual, institutional and structural racism",
    ),
    (
        "Leading for Racial Equity",
        Module.Tier.LEADERSHIP,
        Module.RequiredFor.MANAGERS,
        "4.00",
        "Normalising conversations about race\nOrganising for change\nAccountability in hiring and promotion",
    ),
    (
        "Using the Racial Equity Tool",
        Module.Tier.TOOL,
        Module.RequiredFor.NONE,
        "3.00",
        "The six steps of the tool\nData disaggregated by race\nCommunity engagement\nBenefit and burden analysis",
    ),
    (
        "Inclusive Community Engagement",
        Module.Tier.TOPIC,
        Module.RequiredFor.NONE,
        "2.00",
        "Language access\nWho is missing from the table\nCompensating community expertise",
    ),
    (
        "Racial Equity Facilitator Practicum",
        Module.Tier.TOPIC,
        Module.RequiredFor.FACILITATORS,
        "8.00",
        "Facilitating in pairs\nHolding difficult conversations\nDelivering the foundational module",
    ),
]

# username, full name, job title, department code, facilitator
EXTRA_STAFF = [
    ("demo.amina", "Amina Farah", "Planner", "CD", False),
    ("demo.brian", "Brian Olson", "Building Inspector", "INS", False),
    ("demo.carmen", "Carmen Delgado", "Accountant", "FIN", False),
    ("demo.darnell", "Darnell Brooks", "Firefighter", "FIRE", False),
    ("demo.erik", "Erik Johansson", "Maintenance Worker", "PW", False),
    ("demo.fartun", "Fartun Ali", "Recreation Programmer", "OR", True),
    ("demo.grace", "Grace Nguyen", "Police Officer", "PD", False),
    ("demo.hector", "Hector Morales", "GIS Analyst", "IR", False),
    ("demo.imani", "Imani Wright", "Communications Specialist", "COM", True),
    ("demo.jon", "Jon Berg", "Civil Engineer", "ENG", False),
    ("demo.kalia", "Kalia Xiong", "HR Specialist", "HR", True),
    ("demo.liam", "Liam O'Brien", "Police Sergeant", "PD", False),
    ("demo.maria", "Maria Lopez", "Housing Inspector", "INS", False),
    ("demo.nadia", "Nadia Hassan", "Payroll Specialist", "FIN", False),
    ("demo.omar", "Omar Abdi", "Street Maintenance Lead", "PW", False),
    ("demo.priya", "Priya Patel", "Deputy City Clerk", "ADM", False),
    ("demo.quinn", "Quinn Larson", "Fire Captain", "FIRE", False),
    ("demo.rosa", "Rosa Jimenez", "Park Naturalist", "OR", False),
    ("demo.sam", "Sam Thao", "Network Administrator", "IR", False),
    ("demo.tasha", "Tasha Green", "Economic Development Coordinator", "CD", False),
]
FACILITATOR_USERNAMES = ["facilitator", "or.staff", "hr.manager", "demo.fartun", "demo.imani", "demo.kalia"]


def _staff(city: DemoCity) -> dict[str, User]:
    users = dict(city.users)
    for index, (username, name, title, code, facilitator) in enumerate(EXTRA_STAFF, start=1):
        user = User.objects.filter(username=username).first()
        if user is None:
            user = user_create(
                author=None,
                username=username,
                email=f"{username.replace('.', '-')}@stlouispark.example",
                full_name=name,
                job_title=title,
                employee_id=f"E{10400 + index}",
                departments=[city.departments[code]],
                is_facilitator=facilitator,
                password_hash=city.password_hash(),
            )
        users[username] = user
    return users


def _modules(author: User) -> list[Module]:
    modules = []
    for title, tier, required_for, hours, topics in MODULES:
        module = Module.objects.filter(title=title).first()
        if module is None:
            module = module_save(
                author=author,
                module=Module(title=title, tier=tier, required_for=required_for, hours=Decimal(hours), topics=topics),
            )
        modules.append(module)
    return modules


def _facilitators(author: User, users: dict[str, User], modules: list[Module]) -> list[Facilitator]:
    facilitators = []
    for index, username in enumerate(FACILITATOR_USERNAMES):
        facilitator = Facilitator.objects.filter(user=users[username]).first()
        if facilitator is None:
            certified = modules[:3] if index % 2 == 0 else [modules[0], modules[3]]
            facilitator = facilitator_save(
                author=author,
                facilitator=Facilitator(
                    user=users[username],
                    status=Facilitator.Status.LEAD if index < 2 else Facilitator.Status.TRAINED,
                    trained_on=date(2024, 3, 1) + timedelta(days=90 * index),
                ),
                modules=certified,
            )
        facilitators.append(facilitator)
    return facilitators


def _session(author, module, day, pair, *, department=None, capacity=30) -> Session:
    lead, co = pair
    session = Session(
        module=module,
        date=day,
        start_time=time(9, 0),
        end_time=time(9 + int(module.hours), int((module.hours % 1) * 60)),
        hours_credited=module.hours,
        format=Session.Format.VIRTUAL if day.day % 3 == 0 else Session.Format.IN_PERSON,
        location="Microsoft Teams" if day.day % 3 == 0 else "City Hall, Council Chambers",
        lead_facilitator=lead,
        audience=Session.Audience.DEPARTMENT if department else Session.Audience.ALL_STAFF,
        department=department,
        capacity=capacity,
        notes=DEMO_NOTE,
        created_by=author,
    )
    audited_save(session, author=author)
    session.co_facilitators.set([co])
    return session


@DEMO_SEEDERS.register(order=30)
def seed(city: DemoCity) -> None:
    """Add the demo curriculum, facilitators, sessions and attendance once; later runs add nothing."""
    author = city.users["equity"]
    users = _staff(city)
    modules = _modules(author)
    facilitators = _facilitators(author, users, modules)
    if Session.objects.filter(notes=DEMO_NOTE).exists():
        return
    rng = random.Random(2026)  # noqa: S311 - reproducible demo data, not security
    today = timezone.localdate()
    people = sorted(users.values(), key=lambda u: u.username)
    memberships = user_memberships(user_ids=[u.pk for u in people])
    attendances: list[Attendance] = []
    for index in range(20):
        module = modules[index % 4] if index % 5 else modules[0]
        certified = [f for f in facilitators if module in f.modules.all()] or facilitators
        pair = (certified[index % len(certified)], certified[(index + 1) % len(certified)])
        department = city.departments["PW"] if index % 7 == 3 else None
        day = today - timedelta(days=14 * (index + 1))
        session = _session(author, module, day, pair, department=department)
        for person in rng.sample(people, k=min(len(people), 12 + index % 6)):
            status = rng.choices(
                [Attendance.Status.ATTENDED, Attendance.Status.PARTIAL, Attendance.Status.NO_SHOW],
                weights=[8, 1, 1],
            )[0]
            attended = status == Attendance.Status.ATTENDED
            attendances.append(
                Attendance(
                    session=session,
                    user=person,
                    department_id=default_department(user=person, session=session, memberships=memberships),
                    status=status,
                    minutes=session.duration_minutes if attended else (45 if status == "partial" else 0),
                    completed=attended,
                )
            )
        if index % 4 == 0:
            attendances.append(
                Attendance(
                    session=session,
                    external_name="Aisha Mohamed",
                    external_organisation="Hennepin County",
                    status=Attendance.Status.ATTENDED,
                    minutes=session.duration_minutes,
                    completed=True,
                )
            )
    roster_bulk_insert(author=author, attendances=attendances)
    for index in range(6):
        module = modules[index % 3]
        certified = [f for f in facilitators if module in f.modules.all()] or facilitators
        pair = (certified[index % len(certified)], certified[(index + 1) % len(certified)])
        upcoming = _session(
            author, module, today + timedelta(days=7 * (index + 1)), pair, capacity=4 if index == 0 else 25
        )
        # Self-registration: the first upcoming session is full with two people on its waiting list.
        for person in people[: 6 if index == 0 else index]:
            registration_register(author=person, session=upcoming)
    _requirement_and_request(author, users, modules, today)


def _requirement_and_request(author: User, users: dict[str, User], modules: list[Module], today: date) -> None:
    """The foundational module required of all staff within 90 days, in effect for 120 days (so people who have not
    completed it are overdue), and the lead facilitator asking to deliver a module they are not certified for."""
    if not TrainingRequirement.objects.exists():
        requirement_save(
            author=author,
            requirement=TrainingRequirement(
                module=modules[0], due_days=90, effective_from=today - timedelta(days=120), notes=DEMO_NOTE
            ),
        )
    facilitator = users[FACILITATOR_USERNAMES[0]]
    if not CertificationRequest.objects.exists() and facilitator.is_facilitator:
        certification_request_create(
            author=facilitator, module=modules[3], reason="The Parks team asked for this module in the spring."
        )
