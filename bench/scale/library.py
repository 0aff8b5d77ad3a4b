"""City-scale library data for measurements (`manage.py seed_scale`): 500 practices across kinds, statuses, review
states, departments, equity areas and jurisdictions, and a narrative with a dozen versions for each scale department.
`reset()` removes exactly what `seed()` made: practices marked `imported_from=SCALE_SOURCE` and the narratives of the
scale departments (codes S01-S28)."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from bench.scale.core import ScaleCity
from equity.models import Department
from library.models import EquityArea, Narrative, NarrativeSection, NarrativeVersion, Practice

SCALE_SOURCE = "Scale data (seed_scale)"
SCALE_DEPARTMENT_CODES = r"^S[0-9]{2}$"

SUBJECTS = [
    "Inclusionary housing",
    "Fair chance hiring",
    "Language access",
    "Participatory budgeting",
    "Community land trust",
    "Equitable contracting",
    "Co-responder crisis teams",
    "Youth summer employment",
    "Tenant right to counsel",
    "Green space investment",
    "Translated public notices",
    "Small business technical assistance",
    "Transit fare relief",
    "Lead pipe replacement",
    "Diverse interview panels",
    "Community engagement stipends",
    "Eviction prevention fund",
    "Street lighting audit",
    "Health equity data dashboard",
    "Library fine elimination",
]
QUALIFIERS = ["pilot", "ordinance", "program", "policy", "budget set-aside", "practice guide", "review", "standard"]
JURISDICTIONS = [
    "City of Minneapolis",
    "City of Saint Paul",
    "Hennepin County",
    "City of Seattle",
    "City of Portland",
    "City of Madison",
    "State of Minnesota",
    "City of Richfield",
    "City of Bloomington",
    "Ramsey County",
]
SENTENCES = [
    "The department reviewed who used the service over the last five years, broken down by race and neighbourhood.",
    "Residents of colour were under-represented among applicants compared with their share of the population.",
    "Staff worked with community partners to redesign outreach, translation and the application process.",
    "A community advisory group met monthly and shaped the eligibility rules and the evaluation measures.",
    "The budget request moved funds from a legacy program to the new approach without raising the levy.",
    "Frontline staff were trained on the Racial Equity Tool and used it before the council decision.",
    "The policy replaced a race-neutral rule that had kept long-standing gaps in place.",
    "Data is published each quarter so residents can hold the city accountable for results.",
    "Contracting goals for businesses owned by people of colour were written into every solicitation.",
    "An after-action review after the first year led to changes in hours, locations and languages offered.",
]
EVIDENCE = [
    "Participation by residents of colour rose from 18% to 34% in two years.",
    "The gap in approval rates between Black and white applicants closed by two thirds.",
    "Wait times fell by 40% in the three neighbourhoods with the most renters.",
    "An independent evaluation found no drop in service quality and higher satisfaction.",
    "Spending with businesses owned by people of colour doubled within the budget cycle.",
]
TAGS = ["housing", "hiring", "engagement", "language", "budget", "data", "contracting", "youth", "transit", "health"]
SECTION_HEADINGS = [
    "Why we lead with race",
    "The history of government and race",
    "Our commitment as a GARE cohort department",
    "How we will know we are making progress",
    "What we heard from residents",
]


def _paragraphs(rng, count: int) -> str:
    return "\n\n".join(" ".join(rng.sample(SENTENCES, k=rng.randint(3, 6))) for _ in range(count))


def seed(city: ScaleCity) -> str:
    """500 practices (x factor) with areas and departments, and a versioned narrative for each scale department."""
    rng = city.rng
    now = timezone.now()
    reviewers = city.equity_team or city.users[:1]
    practices = []
    for i in range(city.count(500, 10)):
        subject = SUBJECTS[i % len(SUBJECTS)]
        review = rng.choices(list(Practice.Review.values), weights=[8, 88, 4])[0]
        here = rng.random() < 0.4
        created = now - timedelta(days=rng.randint(1, 365 * 4))
        practices.append(
            Practice(
                title=f"{subject}: {rng.choice(QUALIFIERS)} {i + 1}",
                summary=_paragraphs(rng, rng.randint(1, 3)),
                kind=rng.choice(list(Practice.Kind.values)),
                jurisdiction=Practice.Jurisdiction.THIS_CITY if here else Practice.Jurisdiction.OTHER,
                jurisdiction_name="City of St. Louis Park" if here else rng.choice(JURISDICTIONS),
                source_url=f"https://example.org/practices/{i + 1}" if rng.random() < 0.7 else "",
                evidence=" ".join(rng.sample(EVIDENCE, k=rng.randint(0, 3))),
                status=rng.choices(list(Practice.Status.values), weights=[50, 40, 10])[0],
                tags=", ".join(rng.sample(TAGS, k=rng.randint(0, 4))),
                review_state=review,
                suggested_by=rng.choice(city.users)
                if review != Practice.Review.PUBLISHED or rng.random() < 0.2
                else None,
                reviewed_by=rng.choice(reviewers) if review != Practice.Review.SUGGESTED else None,
                reviewed_at=created + timedelta(days=7) if review != Practice.Review.SUGGESTED else None,
                imported_from=SCALE_SOURCE,
            )
        )
    bulk_create_with_history(practices, Practice, batch_size=500)
    practices = list(Practice.objects.filter(imported_from=SCALE_SOURCE).order_by("pk"))
    areas = list(EquityArea.objects.all())
    area_links, department_links = [], []
    for practice in practices:
        for area in rng.sample(areas, k=min(len(areas), rng.randint(1, 3))):
            area_links.append(Practice.equity_areas.through(practice_id=practice.pk, equityarea_id=area.pk))
        for department in rng.sample(city.departments, k=min(len(city.departments), rng.randint(0, 4))):
            department_links.append(Practice.departments.through(practice_id=practice.pk, department_id=department.pk))
    Practice.equity_areas.through.objects.bulk_create(area_links, batch_size=2000)
    Practice.departments.through.objects.bulk_create(department_links, batch_size=2000)

    departments = Department.objects.filter(code__regex=SCALE_DEPARTMENT_CODES, narratives__isnull=True)
    narratives = [Narrative(department=d) for d in departments]
    bulk_create_with_history(narratives, Narrative, batch_size=500)
    narratives = list(Narrative.objects.filter(department__code__regex=SCALE_DEPARTMENT_CODES).order_by("pk"))
    versions = []
    per_narrative = city.count(12, 2)
    for narrative in narratives:
        for number in range(1, per_narrative + 1):
            published = now - timedelta(days=(per_narrative - number) * 90 + rng.randint(0, 30))
            versions.append(
                NarrativeVersion(
                    narrative=narrative,
                    number=number,
                    title=f"Leading with race in {narrative.department}",  # a department's name
                    status="published" if number == per_narrative else "superseded",
                    author=rng.choice(reviewers),
                    published_at=published,
                    published_by=rng.choice(reviewers),
                )
            )
    bulk_create_with_history(versions, NarrativeVersion, batch_size=500)
    versions = list(NarrativeVersion.objects.filter(narrative__in=narratives).order_by("pk"))
    sections = [
        NarrativeSection(
            version=version,
            position=position,
            heading=heading,
            body="".join(f"<p>{p}</p>" for p in _paragraphs(rng, rng.randint(2, 4)).split("\n\n")),
        )
        for version in versions
        for position, heading in enumerate(SECTION_HEADINGS)
    ]
    bulk_create_with_history(sections, NarrativeSection, batch_size=1000)
    return (
        f"{len(practices)} practices ({len(area_links)} area and {len(department_links)} department links), "
        f"{len(narratives)} narratives with {len(versions)} versions and {len(sections)} sections"
    )


def reset() -> None:
    """Remove the scale practices and the scale departments' narratives, then their history rows."""
    practice_ids = list(Practice.objects.filter(imported_from=SCALE_SOURCE).values_list("pk", flat=True))
    Practice.objects.filter(pk__in=practice_ids).delete()
    Practice.history.filter(id__in=practice_ids).delete()
    narrative_ids = list(
        Narrative.objects.filter(department__code__regex=SCALE_DEPARTMENT_CODES).values_list("pk", flat=True)
    )
    version_ids = list(NarrativeVersion.objects.filter(narrative_id__in=narrative_ids).values_list("pk", flat=True))
    section_ids = list(NarrativeSection.objects.filter(version_id__in=version_ids).values_list("pk", flat=True))
    NarrativeSection.objects.filter(pk__in=section_ids).delete()
    NarrativeVersion.objects.filter(pk__in=version_ids).delete()
    Narrative.objects.filter(pk__in=narrative_ids).delete()
    NarrativeSection.history.filter(id__in=section_ids).delete()
    NarrativeVersion.history.filter(id__in=version_ids).delete()
    Narrative.history.filter(id__in=narrative_ids).delete()
