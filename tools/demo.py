"""Demo worksheets added by `manage.py seed_demo` (idempotent): one completed, one in review, one draft."""

from __future__ import annotations

import datetime

from equity.contributions import DEMO_SEEDERS
from equity.demo import DemoCity
from tools.models import Assessment, Question, Template
from tools.services.answers import answer_save
from tools.services.assessments import assessment_create, step_comment_add
from tools.services.lifecycle import assessment_approve, assessment_submit

GROUPS_DATA = [
    ("Homeownership rate", "Black or African American", "24", "2022", "ACS 5-year, St. Louis Park"),
    ("Homeownership rate", "Hispanic or Latino", "38", "2022", "ACS 5-year, St. Louis Park"),
    ("Homeownership rate", "Asian", "51", "2022", "ACS 5-year, St. Louis Park"),
    ("Homeownership rate", "White", "72", "2022", "ACS 5-year, St. Louis Park"),
    ("Cost-burdened renter households (%)", "Black or African American", "58", "2022", "CHAS"),
    ("Cost-burdened renter households (%)", "White", "39", "2022", "CHAS"),
]

HOUSING = {
    "1.1": "Redesign the city's down-payment assistance loan (currently $10,000, first come, first served) as a "
    "$30,000 deferred loan, with outreach through cultural organizations and lenders that serve Black, Latino and "
    "Somali households, and a shared-appreciation option that is compatible with Islamic finance.",
    "1.2": "All residents can buy and keep a home in St. Louis Park, and race no longer predicts who owns a home.",
    "1.3": "Close half of the gap in first-time buyers assisted between Black and white households within five "
    "years; 60% of loans go to households of color.",
    "1.4": [
        {
            "result": "All residents have stable, affordable housing",
            "indicator": "Homeownership rate by race",
            "source": "American Community Survey",
            "baseline": "Black 24%, white 72% (2022)",
        },
    ],
    "1.5": [
        {
            "outcome": "More first-time buyers of color",
            "measure": "Loans closed by race of borrower",
            "measure_type": "How much did we do?",
            "baseline": "4 of 19 (2023)",
            "target": "12 of 20 a year",
        },
        {
            "outcome": "Buyers keep their homes",
            "measure": "Borrowers still in the home after 5 years",
            "measure_type": "Is anyone better off?",
            "baseline": "not tracked",
            "target": "90%",
        },
    ],
    "1.6": "Housing staff, the finance department, the Housing Authority board and two lender partners; the "
    "Community Advisory Group reviewed the results statement.",
    "2.1": {
        "answer": "no",
        "follow_up": "Citywide, with most eligible renters in the Louisiana Avenue and Texa-Tonka neighborhoods.",
    },
    "2.2": "About 21% of residents are people of color; renter households in the target neighborhoods are 45% "
    "people of color, including a large Somali community.",
    "2.3": [dict(zip(["indicator", "group", "value", "year", "source"], row, strict=True)) for row in GROUPS_DATA],
    "2.4": "Historic racial covenants (over 1,000 recorded in the city), lending discrimination and wealth gaps "
    "mean fewer Black households have family help with a down payment; interest-bearing loans exclude "
    "Muslim buyers who avoid riba.",
    "2.5": "Of 19 loans in 2023, 4 went to households of color. Applicants learned of the program mostly from "
    "realtors, not community organizations.",
    "2.6": "We do not record why eligible applicants drop out. We will add an exit survey and share data with "
    "the county's homebuyer education program.",
    "3.1": "Renters of color in the target neighborhoods, Somali and Latino households, first-generation buyers, "
    "and the lenders and counselors who serve them.",
    "3.2": [
        {
            "date": "2025-03-12",
            "group": "Somali community members",
            "method": "Listening session at the mosque",
            "people": "34",
            "language": "Somali interpretation",
            "heard": "Need a loan product without interest.",
        },
        {
            "date": "2025-04-02",
            "group": "Latino renters",
            "method": "Focus group with CASA partner",
            "people": "18",
            "language": "Spanish",
            "heard": "Application is long and only in English.",
        },
        {
            "date": "2025-04-20",
            "group": "Lenders and HUD counselors",
            "method": "Roundtable",
            "people": "9",
            "language": "English",
            "heard": "$10,000 is too small with current prices.",
        },
    ],
    "3.3": "The larger loan benefits buyers who cannot save a down payment; a first-come process burdens people "
    "who work hourly and learn of the program late.",
    "3.4": "Distrust after past predatory lending, and the absence of culturally specific financing.",
    "3.5": "Black American households born in Minnesota were under-represented; plan sessions with the NAACP "
    "branch and the Black Homeownership Collaborative.",
    "4.1": "Increase",
    "4.2": [
        {
            "group": "Black or African American",
            "benefits": "Larger loan closes the savings gap",
            "burdens": "Higher debt if home values fall",
            "evidence": "Listening sessions; ACS",
        },
        {
            "group": "Hispanic or Latino",
            "benefits": "Spanish application and counseling",
            "burdens": "Documentation rules exclude some mixed-status families",
            "evidence": "Focus group",
        },
        {
            "group": "White",
            "benefits": "Still eligible under income limits",
            "burdens": "Fewer loans if funding is fixed",
            "evidence": "Loan data 2019-2023",
        },
    ],
    "4.3": "Rising demand could raise prices in the target neighborhoods; monitor with the county assessor.",
    "4.4": [
        {
            "strategy": "Offer a shared-appreciation loan compatible with Islamic finance",
            "addresses": "Root cause",
            "owner": "Housing Programs Specialist",
        },
        {
            "strategy": "Translate the application and fund community navigators",
            "addresses": "Immediate impact",
            "owner": "Community Development Director",
        },
        {
            "strategy": "Reserve application windows announced first through community partners",
            "addresses": "Immediate impact",
            "owner": "Housing Programs Specialist",
        },
    ],
    "4.5": "Partner with the county's homebuyer education program and the land trust.",
    "4.6": "A standing community review panel meets twice a year to review loan data.",
    "4.7": {"answer": "yes", "follow_up": ""},
    "5.1": "Council adopts the program changes in June; new guidelines in September; first application window "
    "in October with navigators in place.",
    "5.2": {"answer": "yes", "follow_up": ""},
    "5.3": {"answer": "no", "follow_up": "$300,000 more from the housing trust fund, requested in the 2026 budget."},
    "5.4": {"answer": "yes", "follow_up": ""},
    "5.5": {"answer": "yes", "follow_up": ""},
    "5.6": {"answer": "no", "follow_up": "A data-sharing agreement with lenders by December."},
    "5.7": [
        {"milestone": "Council adopts guidelines", "lead": "Community Development Director", "due": "2025-06-16"},
        {"milestone": "Navigators trained", "lead": "Housing Programs Specialist", "due": "2025-09-30"},
    ],
    "6.1": [
        {
            "measure": "Loans closed by race",
            "frequency": "Quarterly",
            "owner": "Housing Programs Specialist",
            "reported": "Equity dashboard",
        },
        {
            "measure": "Borrowers still in their home",
            "frequency": "Yearly",
            "owner": "Finance",
            "reported": "Annual equity report to council",
        },
    ],
    "6.2": "To be answered at the one-year review.",
    "6.3": "Stories from new owners, told in their languages; a plain-language page on the history of covenants.",
    "6.4": "Community navigators are paid partners; the review panel sets the agenda for the next revision.",
    "6.5": "2025-05-28",
    "6.6": "Long-term funding beyond 2026, and a way to help buyers whose immigration status blocks federal funds.",
}

SNOW = {
    "1": "Sidewalks near transit stops, schools and senior housing are cleared first, so people who walk, use "
    "wheelchairs or ride transit can get around after a storm.",
    "2": "Complaint data over-represent owner-occupied areas; transit ridership is highest in neighborhoods with "
    "more residents of color and fewer cars.",
    "3": "Two walking audits with disability advocates and a survey at bus stops in English, Spanish and Somali.",
    "4": "Benefits transit riders and residents with disabilities; burden is slower clearing on low-traffic "
    "residential streets. Strategy: publish the route map and a request line.",
    "5": "Pilot the new priority routes this winter with existing crews; buy one more sidewalk machine in 2026.",
    "6": "Report clearing times by route quarterly on the equity dashboard; revisit with advocates in spring.",
}


def _answer_all(assessment: Assessment, answers: dict, user) -> None:
    questions = Question.objects.filter(step__template=assessment.template)
    for question in questions:
        if question.code in answers:
            answer_save(assessment=assessment, question=question, raw=answers[question.code], version=0, author=user)


def _start(city: DemoCity, *, slug: str, title: str, dept: str, lead: str, team: list[str], **fields) -> Assessment:
    template = Template.objects.get(slug=slug, version=1)
    return assessment_create(
        author=city.users[lead],
        template=template,
        title=title,
        department=city.departments[dept],
        team=[city.users[name] for name in team],
        **fields,
    )


@DEMO_SEEDERS.register(order=20)
def seed(city: DemoCity) -> None:
    """A completed housing assessment with all six steps, one in review, one draft; skips what already exists."""
    title = "Down-payment assistance redesign"
    if not Assessment.objects.filter(title=title).exists():
        a = _start(
            city,
            slug="gare-full",
            title=title,
            dept="CD",
            lead="staff",
            team=["manager"],
            decision_type="program",
            stage="revision",
            target_date=datetime.date(2025, 6, 16),
            deciding_body="City Council",
            equity_areas=["housing", "community_development"],
            geography="Citywide; Louisiana Avenue and Texa-Tonka neighborhoods",
        )
        _answer_all(a, HOUSING, city.users["staff"])
        step = a.template.steps.get(number=3)
        step_comment_add(
            assessment=a,
            step=step,
            author=city.users["equity"],
            body="Good engagement log. Please note who interpreted at each session.",
        )
        assessment_submit(assessment=a, author=city.users["staff"])
        assessment_approve(
            assessment=a,
            author=city.users["manager"],
            sign_off_note="Approved for council. The analysis is thorough and the community "
            "findings changed the design.",
            recommendations="Report loans by race quarterly; revisit the loan size in 2027.",
        )
    title = "Sidewalk snow clearing priorities"
    if not Assessment.objects.filter(title=title).exists():
        a = _start(
            city,
            slug="short-form",
            title=title,
            dept="PW",
            lead="pw.staff",
            team=[],
            decision_type="practice",
            stage="early_design",
            deciding_body="Public Works Superintendent",
            equity_areas=["environment", "health"],
            geography="Citywide",
        )
        _answer_all(a, SNOW, city.users["pw.staff"])
        assessment_submit(assessment=a, author=city.users["pw.staff"])
    title = "Recreation scholarship budget request"
    if not Assessment.objects.filter(title=title).exists():
        a = _start(
            city,
            slug="budget-decision",
            title=title,
            dept="OR",
            lead="or.staff",
            team=[],
            decision_type="budget",
            stage="budget_request",
            deciding_body="City Council",
            equity_areas=["education", "health"],
            geography="Citywide",
        )
        _answer_all(
            a, {"1.1": "Youth program scholarships", "1.2": "45000", "1.3": "Service increase"}, city.users["or.staff"]
        )
