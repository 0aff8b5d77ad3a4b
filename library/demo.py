"""Demo records for this app, added by `manage.py seed_demo` (idempotent): the city's narrative and a dozen practices.

The text is written for the demo. Practices from other jurisdictions describe widely shared kinds of work in general
terms; they are examples for trying the portal, not citations.
"""

from __future__ import annotations

import uuid

from django.conf import settings

from equity.contributions import DEMO_SEEDERS
from equity.demo import DemoCity
from library.demo_translations import seed_translations
from library.models import EquityArea, Narrative, Practice, PracticeAdoption, PracticeStrategy
from library.services.adoptions import adoption_add, strategy_add
from library.services.areas import equity_areas_ensure
from library.services.narratives import SectionInput, narrative_create, narrative_draft_save, narrative_version_publish
from library.services.practices import practice_create

DEMO_NAMESPACE = uuid.UUID("6f1d9c2e-2b7a-4c55-9b1e-5f0c3d8a7e41")

NARRATIVE_V1 = [
    SectionInput(
        "Why we lead with race",
        "<p>In St. Louis Park, as across the United States, race still predicts how well a person will do: in "
        "health, in housing, in schools and in work. Racial equity means <strong>closing those gaps</strong> so that "
        "race no longer predicts anyone's success, while improving outcomes for everyone.</p>"
        "<p>We lead with race, not because other inequities do not matter, but because racial inequity is deep, "
        "persistent and built into the institutions we run. Working on it explicitly gives us tools that help with "
        "every other form of exclusion.</p>",
    ),
    SectionInput(
        "The history of government and race",
        "<p>Government did not merely witness racial inequity; it helped to build it. Our history moves in three "
        "stages.</p>"
        "<h3>Initially explicit</h3>"
        "<p>Government explicitly created and maintained racial inequity: racially restrictive covenants were "
        "written into property deeds across the region, federal mortgage maps marked Black neighborhoods as "
        "hazardous, and public housing and highway decisions were made along racial lines.</p>"
        "<h3>Then implicit: “race-neutral”</h3>"
        "<p>Discrimination became illegal, but policies and practices that never mention race kept inequity in place: "
        "zoning that allows only large single-family lots, fees and fines that fall hardest on low-income residents, "
        "hiring requirements unrelated to the job, and outreach that reaches only those already at the table.</p>"
        "<h3>Government for racial equity</h3>"
        "<p>Today we commit to proactive policies, practices and procedures that advance racial equity. That means:</p>"
        "<ul><li>targeting strategies to focus improvements on those who are worse off;</li>"
        "<li>moving beyond services to change policies, institutions and structures;</li>"
        "<li>using a Racial Equity Tool in policy, practice, program and budget decisions.</li></ul>",
    ),
    SectionInput(
        "Our commitment as a GARE cohort city",
        '<p>With the <a href="https://www.racialequityalliance.org/">Government Alliance on Race and Equity</a> and '
        "the League of Minnesota Cities, the city will develop and implement a Racial Equity Action Plan, use a Racial "
        "Equity Tool in key decisions, train staff across every department, and share example policies and practices "
        "with other jurisdictions.</p>",
    ),
]

NARRATIVE_V2_EXTRA = SectionInput(
    "How we will know we are making progress",
    "<p>Each department reports progress on its action plan every quarter. We track results that residents can "
    "see, such as who is served by our programs, who works for the city, and who receives city contracts, and we "
    "publish the results.</p>",
)

# title, kind, areas, department codes, jurisdiction name (None = this city), status, tags, summary, evidence
PRACTICES = [
    (
        "Racial Equity Tool in budget requests",
        "budget",
        ["community-development", "housing"],
        ["FIN", "ADM"],
        None,
        "adopted",
        "budget, equity tool",
        "Every new budget request above a set amount answers the six questions of the Racial Equity Tool: desired "
        "results, data, community engagement, strategies, implementation plan and accountability.",
        "Requests now name who benefits and who bears the burden; two requests were reshaped after community input.",
    ),
    (
        "Fair chance hiring (“ban the box”)",
        "policy",
        ["workforce", "jobs", "criminal-justice"],
        ["HR"],
        "State of Minnesota",
        "adopted",
        "hiring, criminal records, workforce",
        "Applications for public employment no longer ask about criminal history; a background check, where the job "
        "needs one, happens only after a conditional offer, and any record is assessed against the duties of the job.",
        "Jurisdictions that adopted fair chance hiring report more applicants with records reaching interviews, "
        "without a rise in workplace incidents.",
    ),
    (
        "Participatory budgeting for neighborhood improvements",
        "program",
        ["community-development", "inclusive-outreach"],
        ["CD", "COM"],
        "City of Minneapolis",
        "proposed",
        "participatory budgeting, engagement",
        "Residents propose, develop and vote on projects for a share of the capital budget, with ballots in several "
        "languages and voting open to residents from age 13 regardless of citizenship.",
        "Participatory budgeting elsewhere has drawn voters who rarely take part in city elections, including many "
        "residents of color and renters.",
    ),
    (
        "Interpretation and translation at every public meeting",
        "practice",
        ["immigrant-refugee-access", "inclusive-outreach"],
        ["COM", "ADM"],
        None,
        "adopted",
        "language access, meetings",
        "Interpretation in Spanish, Somali and Russian is offered for every public meeting, with notices translated "
        "and a phone line to request other languages at least three days ahead.",
        "Attendance by residents who speak a language other than English rose at the comprehensive plan meetings.",
    ),
    (
        "Inclusionary housing with deeper affordability",
        "policy",
        ["housing"],
        ["CD"],
        None,
        "adopted",
        "housing, affordability, zoning",
        "New multifamily developments receiving city assistance set aside a share of units affordable at 50 to 60 "
        "percent of area median income for at least 25 years.",
        "Hundreds of affordable units have been produced in market-rate buildings across the city.",
    ),
    (
        "Equitable contracting: small and emerging business outreach",
        "practice",
        ["contracting", "jobs"],
        ["FIN", "ENG", "PW"],
        "Hennepin County",
        "proposed",
        "procurement, contracting",
        "Smaller contracts are unbundled, prompt payment is guaranteed, and certified small businesses owned by people "
        "of color are invited directly to bid, with bidder information sessions held in the evening.",
        "Counties using these steps report a growing share of spending going to businesses owned by people of color.",
    ),
    (
        "Fine and fee review: ending late fees on library and recreation accounts",
        "policy",
        ["community-development"],
        ["OR", "FIN"],
        "City of Saint Paul",
        "proposed",
        "fines, fees, recreation",
        "Late fees that blocked residents from programs are removed; balances owed are forgiven and accounts restored.",
        "Library systems that went fine-free saw returning cardholders, concentrated in lower-income neighborhoods.",
    ),
    (
        "Co-responder model: mental health professionals with police",
        "program",
        ["health", "criminal-justice"],
        ["PD"],
        None,
        "adopted",
        "public safety, mental health",
        "Mental health professionals respond alongside officers to calls involving a mental health crisis, and follow "
        "up with the people involved to connect them with care.",
        "Fewer repeat calls to the same addresses; more crisis calls resolved without arrest or transport to jail.",
    ),
    (
        "Equity scoring of street and sidewalk projects",
        "practice",
        ["transportation", "environment"],
        ["ENG", "PW"],
        "City of Seattle",
        "proposed",
        "capital planning, sidewalks, transportation",
        "The capital improvement plan ranks street, sidewalk and trail projects partly by the share of nearby "
        "residents who are people of color, have low incomes or have no car.",
        "Project lists in cities using equity scoring shifted toward neighborhoods that had waited longest.",
    ),
    (
        "Diverse interview panels and structured interviews",
        "practice",
        ["workforce"],
        ["HR"],
        None,
        "adopted",
        "hiring, interviews",
        "Every interview panel includes at least one person from outside the hiring work group and reflects the "
        "community's diversity; all candidates get the same questions, scored against a rubric agreed in advance.",
        "",
    ),
    (
        "Community engagement stipends",
        "budget",
        ["inclusive-outreach"],
        ["COM", "CD"],
        "City of Portland",
        "retired",
        "engagement, stipends",
        "Residents who serve on advisory groups receive a stipend, child care and meals, so that taking part does not "
        "depend on being able to give time for free.",
        "Advisory groups became more representative; the program was later folded into a citywide compensation policy.",
    ),
    (
        "Tree canopy equity: planting where the canopy is thinnest",
        "program",
        ["environment", "health"],
        ["PW", "OR"],
        None,
        "proposed",
        "trees, heat, environment",
        "Free boulevard and yard trees are offered first in the blocks with the least canopy and the most heat, with "
        "door-to-door outreach in several languages.",
        "",
    ),
]

SUGGESTION = (
    "Pay equity review for part-time and seasonal staff",
    "practice",
    ["workforce"],
    ["HR", "OR"],
    None,
    "proposed",
    "pay, seasonal staff",
    "Review pay for part-time and seasonal positions, where staff of color are more often employed, against "
    "full-time pay for comparable work.",
    "",
)


def _practice(city: DemoCity, row: tuple, user) -> Practice:
    title, kind, areas, codes, jurisdiction, status, tags, summary, evidence = row
    uid = uuid.uuid5(DEMO_NAMESPACE, title)
    existing = Practice.objects.filter(uid=uid).first()
    if existing:
        return existing
    return practice_create(
        author=user,
        data={
            "title": title,
            "summary": summary,
            "kind": kind,
            "jurisdiction": Practice.Jurisdiction.OTHER if jurisdiction else Practice.Jurisdiction.THIS_CITY,
            "jurisdiction_name": jurisdiction or settings.CITY_NAME,
            "source_url": "",
            "evidence": evidence,
            "status": status,
            "tags": tags,
        },
        equity_areas=EquityArea.objects.filter(code__in=areas),
        departments=[city.departments[c] for c in codes if c in city.departments],
        uid=uid,
    )


# practice title -> plan action title (from plans.demo) that adopts it
ADOPTIONS = [
    (
        "Diverse interview panels and structured interviews",
        "Use structured interviews with diverse panels for every hire",
    ),
    ("Equity scoring of street and sidewalk projects", "Prioritise street repairs by equity need"),
    ("Equitable contracting: small and emerging business outreach", "Track contract awards to BIPOC-owned firms"),
    (
        "Interpretation and translation at every public meeting",
        "Translate city service pages into Spanish, Somali and Hmong",
    ),
]


def _link_actions(equity) -> None:
    """Link demo practices to the plans demo's actions (when the plans demo has run), once."""
    from plans.models import Action

    for practice_title, action_title in ADOPTIONS:
        practice = Practice.objects.filter(title=practice_title).first()
        action = Action.objects.filter(title=action_title).order_by("pk").first()
        if practice and action and not PracticeAdoption.objects.filter(practice=practice, action=action).exists():
            adoption_add(author=equity, practice=practice, action=action)


# practice title -> equity tool assessment title (from tools.demo) whose strategies draw on it
STRATEGIES = [
    ("Inclusionary housing with deeper affordability", "Down-payment assistance redesign"),
    ("Equity scoring of street and sidewalk projects", "Sidewalk snow clearing priorities"),
]


def _link_assessments(equity) -> None:
    """Link demo practices to the tools demo's assessments (when the tools demo has run), once."""
    from tools.models import Assessment

    for practice_title, assessment_title in STRATEGIES:
        practice = Practice.objects.filter(title=practice_title).first()
        assessment = Assessment.objects.filter(title=assessment_title).order_by("pk").first()
        if (
            practice
            and assessment
            and not PracticeStrategy.objects.filter(practice=practice, assessment=assessment).exists()
        ):
            strategy_add(author=equity, practice=practice, assessment=assessment)


@DEMO_SEEDERS.register(order=40)
def seed(city: DemoCity) -> None:
    """The city-wide narrative (two published versions) and a dozen practices plus one pending suggestion."""
    equity = city.users["equity"]
    equity_areas_ensure()
    if not Narrative.objects.filter(department__isnull=True).exists():
        narrative = narrative_create(author=equity, department=None, title="Moving forward together as a city")
        draft = narrative_draft_save(
            author=equity,
            narrative=narrative,
            title="Moving forward together as a city",
            sections=NARRATIVE_V1,
            revision=1,
        )
        narrative_version_publish(author=equity, version=draft)
        draft = narrative_draft_save(
            author=equity,
            narrative=narrative,
            title="Moving forward together as a city",
            sections=[*NARRATIVE_V1, NARRATIVE_V2_EXTRA],
            revision=None,
        )
        narrative_version_publish(author=equity, version=draft)
    for row in PRACTICES:
        _practice(city, row, equity)
    _practice(city, SUGGESTION, city.users["staff"])  # stays a suggestion awaiting the equity team's review
    _link_actions(equity)
    _link_assessments(equity)
    seed_translations(city)
