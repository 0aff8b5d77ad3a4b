"""Demo records for this app, added by `manage.py seed_demo` (idempotent: a second run creates nothing).

A citywide plan with three results, six indicators with six years of data by group, twenty actions across
departments in every status with updates and measures, two reporting periods, and a draft department plan.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from equity.audit import audited_save
from equity.contributions import DEMO_SEEDERS
from equity.demo import DemoCity
from plans.models import (
    Action,
    Indicator,
    IndicatorDataPoint,
    MeasureDataPoint,
    Outcome,
    PerformanceMeasure,
    Plan,
    RacialGroup,
    ReportingPeriod,
    Result,
    ScaleLevel,
)
from plans.services.actions import action_cancel, update_post
from plans.services.plans import plan_create

CITYWIDE_TITLE = "Citywide Racial Equity Action Plan 2025–2028"
YEARS = range(2019, 2025)
# Respondents per group in the resident survey: the public site suppresses the American Indian figure (fewer than 10).
SURVEY = "Biennial resident survey"
SURVEY_RESPONDENTS = {"all": 1450, "white": 980, "black": 180, "hispanic": 120, "asian": 90, "aian": 6}

# result statement, area, [(indicator, unit, direction, source, {group code: (2019 value, yearly change)}), ...]
RESULTS = [
    (
        "All residents have stable, affordable housing",
        Result.Area.COMMUNITY,
        [
            ("Homeownership rate", "%", "higher", "American Community Survey 5-year, table S2502",
             {"all": (68, 0.2), "white": (74, 0.1), "black": (24, 0.9), "hispanic": (38, 0.7), "asian": (55, 0.4),
              "multiracial": (41, 0.5)}),
            ("Renter households paying over 30% of income for housing", "%", "lower",
             "American Community Survey 5-year, table B25070",
             {"all": (44, -0.3), "white": (38, -0.4), "black": (61, -0.2), "hispanic": (55, -0.6),
              "asian": (41, -0.3), "multiracial": (50, -0.4)}),
        ],
    ),
    (
        "The city's workforce reflects and serves the whole community",
        Result.Area.WORKFORCE,
        [
            ("Employees promoted within three years of hire", "%", "higher", "City HR information system",
             {"all": (21, 0.5), "white": (24, 0.3), "black": (12, 1.2), "hispanic": (15, 0.9), "asian": (18, 0.6)}),
            ("Voluntary turnover in the first year", "%", "lower", "City HR information system",
             {"all": (14, -0.4), "white": (12, -0.3), "black": (23, -1.1), "hispanic": (19, -0.7),
              "asian": (15, -0.5)}),
        ],
    ),
    (
        "All residents are safe and trust city services",
        Result.Area.COMMUNITY,
        [
            ("Residents who trust the city to do what is right", "%", "higher", SURVEY,
             {"all": (62, 0.8), "white": (68, 0.5), "black": (39, 1.6), "hispanic": (47, 1.2), "asian": (58, 0.7),
              "aian": (35, 1.0)}),
            ("Traffic stops per 1,000 driving-age residents", "per 1,000", "lower", "Police records management system",
             {"all": (52, -1.5), "white": (41, -1.0), "black": (148, -6.0), "hispanic": (77, -3.0),
              "asian": (38, -0.8), "aian": (96, -2.5)}),
        ],
    ),
]  # fmt: skip

OUTCOMES = [
    ["More BIPOC households buy and keep homes in the city", "Fewer renters are cost-burdened or displaced"],
    ["Hiring and promotion are fair at every step", "New employees of color stay and thrive"],
    ["Enforcement no longer falls unequally by race", "Residents most affected shape city services"],
]

# title, lead department code, accountable username, outcome (result index, outcome index), status
ACTIONS = [
    ("Launch a down-payment assistance fund for first-generation buyers", "CD", "manager", (0, 0), "on_track"),
    ("Partner with culturally specific lenders on homebuyer counselling", "CD", "staff", (0, 0), "completed"),
    ("Adopt a tenant right-of-first-refusal ordinance", "CD", "manager", (0, 1), "at_risk"),
    ("Fund emergency rental assistance in five languages", "CD", "staff", (0, 1), "in_progress"),
    ("Map displacement risk by census tract", "IR", "equity", (0, 1), "completed"),
    ("Review zoning for missing-middle housing near transit", "ENG", "pw.manager", (0, 0), "off_track"),
    ("Remove degree requirements from job postings where not needed", "HR", "hr.manager", (1, 0), "completed"),
    ("Use structured interviews with diverse panels for every hire", "HR", "facilitator", (1, 0), "on_track"),
    ("Publish pay bands and promotion criteria", "HR", "hr.manager", (1, 0), "deferred"),
    ("Start a mentorship programme for new employees of color", "HR", "facilitator", (1, 1), "at_risk"),
    ("Hold stay interviews at six and twelve months", "ADM", "equity", (1, 1), "not_started"),
    ("Track contract awards to BIPOC-owned firms", "FIN", "fin.staff", (1, 0), "off_track"),
    ("Analyse traffic stop data by race every quarter", "PD", "pd.manager", (2, 0), "ongoing"),
    ("End stops for minor equipment violations", "PD", "pd.manager", (2, 0), "at_risk"),
    ("Create a community advisory board for public safety", "PD", "pd.manager", (2, 1), "not_reported"),
    ("Translate city service pages into Spanish, Somali and Hmong", "COM", "equity", (2, 1), "completed"),
    ("Hold listening sessions in multifamily buildings", "OR", "or.staff", (2, 1), "on_track"),
    ("Prioritise street repairs by equity need", "PW", "pw.manager", (2, 1), "off_track"),
    ("Review fire inspection fees for small landlords", "INS", "equity", (0, 1), "cancelled"),
    ("Train all staff in the Racial Equity Tool", "ADM", "facilitator", (1, 0), "completed"),
]

REASONS = {
    "at_risk": "A key partner's funding was delayed; we may miss the due date without help.",
    "off_track": "Council asked for more analysis; the work is paused until it is done.",
    "completed": "All milestones are done and the results were reported to council.",
    "on_track": "Work started as planned.",
    "in_progress": "Work has begun; too early to say whether it is on track.",
    "ongoing": "This is now a standing quarterly task with no end date.",
    "deferred": "Put off to next year's budget.",
}
PERCENT = {
    "not_started": 0, "on_track": 45, "at_risk": 35, "off_track": 20, "completed": 100, "in_progress": 15,
    "ongoing": None, "deferred": 10,
}  # fmt: skip
# Statuses the demo sets without progress updates: known only from the plan document, or cancelled.
WITHOUT_UPDATES = ("not_started", "not_reported", "cancelled")


def _value(start: float, change: float, index: int) -> Decimal:
    return Decimal(str(round(start + change * index, 1)))


def _seed_indicators(result: Result, specs, groups: dict[str, RacialGroup]) -> None:
    for order, (name, unit, direction, source, series) in enumerate(specs):
        first = series["all"][0]
        indicator = Indicator.objects.create(
            name=name, unit=unit, direction=direction, data_source=source, sort_order=order,
            baseline_value=Decimal(str(first)), baseline_year=2019,
            target_value=Decimal(str(round(first * (1.15 if direction == "higher" else 0.8), 1))), target_year=2028,
            definition=f"{name}, by race and ethnicity of the resident or employee.",
            story="Decades of exclusionary lending, zoning and hiring practices shaped these gaps. Recent "
            "programmes are narrowing some of them, but slowly; the data by group shows where to focus.",
        )  # fmt: skip
        indicator.results.add(result)
        indicator.groups.set([groups[code] for code in series])
        points = [
            IndicatorDataPoint(
                indicator=indicator,
                year=year,
                group=groups[code],
                value=_value(start, change, i),
                people=SURVEY_RESPONDENTS[code] if source == SURVEY else None,
            )
            for code, (start, change) in series.items()
            for i, year in enumerate(YEARS)
        ]
        bulk_create_with_history(points, IndicatorDataPoint)


def _seed_actions(plan: Plan, outcomes: list[list[Outcome]], city: DemoCity, periods) -> None:
    today = timezone.localdate()
    closed, current = periods
    levels = {(level.kind, level.order): level for level in ScaleLevel.objects.all()}
    timelines = ["FY2026", "2025–26", "FY2026 Q2", "2026 Q1–Q3", "Ongoing"]
    for index, (title, code, username, (r, o), status) in enumerate(ACTIONS):
        overdue = status in ("at_risk", "off_track") and index % 2 == 0
        due = today - datetime.timedelta(days=30 + index) if overdue else today + datetime.timedelta(days=60 * index)
        action = Action(
            plan=plan, title=title, lead_department=city.departments[code], accountable=city.users[username],
            start_date=datetime.date(2025, 3, 1), due_date=due, priority=levels.get(("priority", index % 3 + 1)),
            effort=levels.get(("effort", (index + 1) % 3 + 1)), impact=levels.get(("impact", index % 3 + 1)),
            code=f"{r + 1}.{o + 1}.{index + 1}", timeline=timelines[index % len(timelines)],
            co_lead_teams="Office of Racial Equity" if index % 4 == 0 else "",
            measure_of_success="Residents most affected report the change in the annual survey.",
            partners="Community partners and neighbourhood groups",
            expected_impact="Narrows the gap for the groups most affected.", staff_time="0.2 FTE",
            cost=Decimal(5000 * (index + 1)),
            description=f"{title}. Part of the citywide plan, led by {city.departments[code].name}.",
        )  # fmt: skip
        audited_save(action, author=city.users["equity"])
        action.outcomes.add(outcomes[r][o])
        if index % 3 == 0:
            action.co_lead_departments.set([d for c, d in city.departments.items() if c != code][:1])
        author = city.users[username]
        if status == "not_reported":
            action.status, action.percent_complete = status, None
            action.status_as_of, action.status_source = datetime.date(2025, 12, 31), "2025 annual report"
            audited_save(action, author=city.users["equity"])
        if status == "cancelled":
            action_cancel(
                author=city.users["equity"], action=action, version=None,
                reason="Council moved fee reviews to the budget office; this action is withdrawn from the plan.",
            )  # fmt: skip
        if status not in WITHOUT_UPDATES:
            first = PERCENT[status]
            update_post(
                author=author, action=action, version=None, status="on_track",
                percent_complete=first // 2 if first is not None else None,
                summary="Kick-off done; the team and partners met.", status_reason=REASONS["on_track"],
                as_of=min(today, datetime.date(2026, 9, 15)),
            )  # fmt: skip
            if status != "on_track":
                update_post(
                    author=author, action=action, version=None, status=status, percent_complete=PERCENT[status],
                    summary="Progress this quarter is described in the attached notes.",
                    barriers="Staff capacity." if status != "completed" else "",
                    next_steps="Report to the equity team next quarter." if status != "completed" else "",
                    status_reason=REASONS[status], as_of=today,
                )  # fmt: skip
        if index % 2 == 0:
            measure = PerformanceMeasure.objects.create(
                action=action, name=["People served", "Share served in their language", "Participants better off"][
                    index % 3], kind=["how_much", "how_well", "better_off"][index % 3],
                unit=["people", "%", "%"][index % 3], baseline_value=Decimal(10), target_value=Decimal(80),
            )  # fmt: skip
            bulk_create_with_history(
                [
                    MeasureDataPoint(
                        measure=measure,
                        period_label=f"2026 Q{q}",
                        period_end=datetime.date(2026, 3 * q, 28),
                        value=Decimal(10 + 12 * q + index),
                    )  # fmt: skip
                    for q in range(1, 4)
                ],
                MeasureDataPoint,
            )


@DEMO_SEEDERS.register(order=10)
@transaction.atomic
def seed(city: DemoCity) -> None:
    """Create the demo plans once; a later run finds the citywide plan and stops."""
    if Plan.objects.filter(title=CITYWIDE_TITLE).exists():
        return
    equity = city.users["equity"]
    groups = {g.code: g for g in RacialGroup.objects.all()}
    plan = plan_create(
        author=equity, departments=list(city.departments.values()), title=CITYWIDE_TITLE,
        scope=Plan.Scope.CITYWIDE, period_start=datetime.date(2025, 1, 1), period_end=datetime.date(2028, 12, 31),
        status=Plan.Status.ACTIVE, adopted_on=datetime.date(2025, 3, 17),
        adopted_by="City Council, resolution 25-031", is_public=True, owner=equity,
        narrative="St. Louis Park commits to closing the gaps so that race no longer predicts how residents "
        "fare, while improving outcomes for all. This plan sets the results, indicators and actions the city "
        "will be accountable for.",
    )  # fmt: skip
    outcomes: list[list[Outcome]] = []
    for order, (statement, area, indicators) in enumerate(RESULTS):
        result = Result.objects.create(plan=plan, code=str(order + 1), statement=statement, area=area, sort_order=order)
        _seed_indicators(result, indicators, groups)
        outcomes.append(
            [
                Outcome.objects.create(result=result, code=f"{order + 1}.{i + 1}", statement=text, sort_order=i)
                for i, text in enumerate(OUTCOMES[order])
            ]
        )
    closed, _ = ReportingPeriod.objects.get_or_create(
        name="2026 Q3",
        defaults={"start_date": datetime.date(2026, 7, 1), "end_date": datetime.date(2026, 9, 30),
                  "due_date": datetime.date(2026, 10, 15), "opened_by": equity},
    )  # fmt: skip
    current, _ = ReportingPeriod.objects.get_or_create(
        name="2026 Q4",
        defaults={"start_date": datetime.date(2026, 10, 1), "end_date": datetime.date(2026, 12, 31),
                  "due_date": datetime.date(2027, 1, 15), "opened_by": equity},
    )  # fmt: skip
    _seed_actions(plan, outcomes, city, (closed, current))
    closed.is_open = False
    closed.save(update_fields=["is_open", "updated_at"])
    plan_create(
        author=city.users["manager"], departments=[city.departments["CD"]], scope=Plan.Scope.DEPARTMENT,
        title="Community Development Racial Equity Plan 2027", period_start=datetime.date(2027, 1, 1),
        period_end=datetime.date(2027, 12, 31), status=Plan.Status.DRAFT,
        narrative="Draft: the department's actions towards the citywide housing result.",
    )  # fmt: skip
