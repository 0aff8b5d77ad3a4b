"""Reads of narratives and practices, always scoped to what the user may see."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet, prefetch_related_objects
from django.db.models.expressions import RawSQL

from equity.cached_reads import cached_read
from equity.models import User
from equity.permissions import is_equity_team, managed_department_ids
from library.models import (
    EquityArea,
    ExchangeImport,
    Narrative,
    NarrativeSection,
    NarrativeVersion,
    Practice,
    PracticeAdoption,
    PracticeAttachment,
    PracticeStrategy,
)

# On PostgreSQL, the stored, GIN-indexed vector of migration 0009 (a generated column the model does not declare: the
# database keeps it on every write, and Django never reads or writes it, ADR 0066).
SEARCH_VECTOR_SQL = "library_practice.search_vector"


# Narratives ---------------------------------------------------------------------------------------------------------


def narrative_list_for_user(*, user: User) -> QuerySet[Narrative]:
    """Every narrative is readable by every signed-in user; those without a published version only by the team."""
    qs = Narrative.objects.select_related("department")
    if is_equity_team(user):
        return qs
    return qs.filter(versions__status=NarrativeVersion.Status.PUBLISHED).distinct()


def narrative_version_list_for_user(*, user: User, narrative: Narrative) -> QuerySet[NarrativeVersion]:
    """Published and superseded versions for everyone; drafts for the equity team only."""
    from tools.selectors import with_names_only

    qs = with_names_only(narrative.versions.select_related("author", "published_by"), "author", "published_by")
    if not is_equity_team(user):
        qs = qs.exclude(status=NarrativeVersion.Status.DRAFT)
    return qs.order_by("-number")


def _sections_in_order() -> Prefetch:
    return Prefetch("sections", queryset=NarrativeSection.objects.order_by("position", "pk"))


def narrative_version_with_sections(*, versions: QuerySet[NarrativeVersion]) -> QuerySet[NarrativeVersion]:
    """Versions with their sections in order, in one extra query."""
    return versions.prefetch_related(_sections_in_order())


def narrative_version_sections_load(*, version: NarrativeVersion) -> None:
    """Load an already fetched version's sections in order (one query: the version itself is not read again)."""
    prefetch_related_objects([version], _sections_in_order())


def narrative_published_for_city() -> NarrativeVersion | None:
    """The published version of the city-wide narrative, with its sections (for the dashboard and the plan report)."""
    # No joins for the author, publisher or narrative: neither reader shows them (the narrative's id is a column).
    versions = NarrativeVersion.objects.filter(
        narrative__department__isnull=True, status=NarrativeVersion.Status.PUBLISHED
    )
    return narrative_version_with_sections(versions=versions).first()


@cached_read("library.city_narrative")
def city_narrative_opening() -> tuple[NarrativeVersion | None, NarrativeSection | None]:
    """The published version of the city-wide narrative (as `narrative_published_for_city`, without its sections)
    and its first section: what the dashboard shows of it, for everyone (two queries, or the shared cache:
    equity.cached_reads)."""
    version = NarrativeVersion.objects.filter(
        narrative__department__isnull=True, status=NarrativeVersion.Status.PUBLISHED
    ).first()
    first = version.sections.order_by("position", "pk").first() if version else None
    return version, first


def narrative_draft(*, narrative: Narrative) -> NarrativeVersion | None:
    """The narrative's current draft, if any."""
    return narrative.versions.filter(status=NarrativeVersion.Status.DRAFT).first()


def narrative_latest(*, narrative: Narrative) -> NarrativeVersion | None:
    """The newest version of any status (the base for a new draft)."""
    versions = narrative.versions.exclude(status=NarrativeVersion.Status.SUPERSEDED).order_by("-number")
    return narrative_version_with_sections(versions=versions).first()


# Practices ----------------------------------------------------------------------------------------------------------


def practice_list_for_user(*, user: User) -> QuerySet[Practice]:
    """Published practices for everyone; suggestions for the equity team and for the person who made them."""
    qs = Practice.objects.all()
    if is_equity_team(user):
        return qs
    return qs.filter(Q(review_state=Practice.Review.PUBLISHED) | Q(suggested_by=user))


@dataclass(frozen=True)
class PracticeFilters:
    """The library's search box and filters, already validated."""

    q: str = ""
    kind: str = ""
    area: str = ""
    department: int | None = None
    jurisdiction: str = ""
    status: str = ""


def practice_search(*, qs: QuerySet[Practice], q: str) -> QuerySet[Practice]:
    """Full-text search on PostgreSQL (ranked, on the stored GIN-indexed vector); a plain case-insensitive match
    elsewhere (SQLite)."""
    q = q.strip()
    if not q:
        return qs
    if settings.IS_POSTGRES:
        query = SearchQuery(q, search_type="websearch", config="english")
        vector = RawSQL(SEARCH_VECTOR_SQL, [], output_field=SearchVectorField())
        return (
            qs.annotate(search=vector, rank=SearchRank(F("search"), query))
            .filter(search=query)
            .order_by("-rank", "title", "pk")
        )
    match = Q()
    for word in q.split():
        match &= (
            Q(title__icontains=word)
            | Q(summary__icontains=word)
            | Q(tags__icontains=word)
            | Q(evidence__icontains=word)
            | Q(jurisdiction_name__icontains=word)
        )
    return qs.filter(match)


def practice_browse_for_user(*, user: User, filters: PracticeFilters) -> QuerySet[Practice]:
    """The published practices the user may see, searched and filtered, with what the list shows."""
    qs = practice_list_for_user(user=user).filter(review_state=Practice.Review.PUBLISHED)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.jurisdiction:
        qs = qs.filter(jurisdiction=filters.jurisdiction)
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.area:
        qs = qs.filter(equity_areas__code=filters.area)
    if filters.department:
        qs = qs.filter(departments__pk=filters.department)
    if filters.area or filters.department:
        # Only the many-to-many joins can repeat a practice; DISTINCT on every list made PostgreSQL compare whole
        # rows (summaries, evidence, the search vector) for the page and again for its count.
        qs = qs.distinct()
    return practice_search(qs=qs, q=filters.q)


def practice_rows(*, practices: QuerySet[Practice], areas: list[EquityArea]) -> list[Practice]:
    """A page of the library's list, with what its rows show and nothing else: the columns shown, and on each
    practice `area_names` (its equity areas' names, from the link table and the already loaded `areas`: no area
    rows), `kind_label` and `status_label` (each label translated once for the page, not once per row)."""
    rows = list(practices.only("title", "summary", "kind", "jurisdiction_name", "status"))
    names = {area.pk: area.name for area in areas}
    by_practice: dict[int, list[str]] = {}
    links = Practice.equity_areas.through.objects.filter(practice_id__in=[p.pk for p in rows])
    position = {area.pk: n for n, area in enumerate(areas)}  # the areas' own order, as the prefetch gave it
    pairs = sorted(links.values_list("practice_id", "equityarea_id"), key=lambda pair: position[pair[1]])
    for practice_id, area_id in pairs:
        by_practice.setdefault(practice_id, []).append(names[area_id])
    kinds = {value: str(label) for value, label in Practice.Kind.choices}
    statuses = {value: str(label) for value, label in Practice.Status.choices}
    for practice in rows:
        practice.area_names = by_practice.get(practice.pk, [])
        practice.kind_label = kinds.get(practice.kind, practice.kind)
        practice.status_label = statuses.get(practice.status, practice.status)
    return rows


def practice_suggestions_for_user(*, user: User) -> QuerySet[Practice]:
    """Suggestions awaiting review (all of them for the team) and the user's own suggestions with their outcome."""
    qs = practice_list_for_user(user=user).select_related("suggested_by", "reviewed_by")
    if is_equity_team(user):
        return qs.filter(Q(review_state=Practice.Review.SUGGESTED) | Q(suggested_by=user)).order_by(
            "review_state", "-created_at", "pk"
        )
    return qs.filter(suggested_by=user).order_by("-created_at", "pk")


def practice_detail_for_user(*, user: User) -> QuerySet[Practice]:
    """Practices the user may open, with everything the detail page shows (of the people, their names only)."""
    from tools.selectors import with_names_only

    qs = practice_list_for_user(user=user).select_related("suggested_by", "reviewed_by")
    qs = with_names_only(qs, "suggested_by", "reviewed_by")
    return qs.prefetch_related("equity_areas", "departments", "attachments")


def attachment_list_for_user(*, user: User) -> QuerySet[PracticeAttachment]:
    """Attachments of the practices the user may open."""
    return PracticeAttachment.objects.filter(practice__in=practice_list_for_user(user=user)).select_related("practice")


def equity_area_choices() -> list[EquityArea]:
    """All equity areas, for filters and forms."""
    return list(EquityArea.objects.all())


@cached_read("library.practice_counts")
def practice_counts() -> dict[str, int]:
    """Published practices and suggestions awaiting review, counted in the database (for the dashboard; one query,
    or the shared cache: equity.cached_reads)."""
    return Practice.objects.aggregate(
        published=Count("pk", filter=Q(review_state=Practice.Review.PUBLISHED)),
        suggested=Count("pk", filter=Q(review_state=Practice.Review.SUGGESTED)),
    )


# Links to plan actions ----------------------------------------------------------------------------------------------


def adoption_list_for_practice(*, user: User, practice: Practice) -> QuerySet[PracticeAdoption]:
    """The links of a practice to the plan actions the user may read."""
    from plans.selectors import action_list_for_user

    return (
        PracticeAdoption.objects.filter(practice=practice, action__in=action_list_for_user(user=user).values("pk"))
        .select_related("action__plan", "action__lead_department")
        .only("practice", "note", "action__title", "action__plan__title", "action__lead_department__name")
        .order_by("action__title", "pk")
    )


def linkable_action_list_for_user(*, user: User):
    """Plan actions the user may link a practice to: those they may edit."""
    from plans.models import Action
    from plans.selectors import action_list_for_user

    actions = action_list_for_user(user=user).order_by("plan__title", "title", "pk")
    if is_equity_team(user):
        return actions
    managed = managed_department_ids(user)
    if not managed:
        return Action.objects.none()  # not compiled at all: most people may link to no action
    return actions.filter(lead_department_id__in=managed)


def practice_list_for_action(*, user: User, action) -> QuerySet[PracticeAdoption]:
    """The practices a plan action adopts, that the user may read (for the action's page)."""
    return (
        PracticeAdoption.objects.filter(action=action, practice__in=practice_list_for_user(user=user).values("pk"))
        .select_related("practice")
        .only("action", "note", "practice__title", "practice__jurisdiction_name")  # not the practice's long texts
        .order_by("practice__title", "pk")
    )


# Links to equity tool assessments -----------------------------------------------------------------------------------


def strategy_list_for_practice(*, user: User, practice: Practice) -> QuerySet[PracticeStrategy]:
    """The links of a practice to the equity tool assessments the user may read."""
    from tools.selectors import TeamMembership, assessment_list_for_user

    on_team = TeamMembership.objects.filter(assessment_id=OuterRef("assessment_id"), user_id=user.pk)
    return (
        PracticeStrategy.objects.filter(
            practice=practice, assessment__in=assessment_list_for_user(user=user).values("pk")
        )
        .select_related("assessment__department")
        .only("practice", "note", "assessment__title", "assessment__lead", "assessment__department__name")
        .annotate(viewer_on_team=Exists(on_team))  # for library.permissions.can_unlink_strategy
        .order_by("assessment__title", "pk")
    )


def linkable_assessment_list_for_user(*, user: User):
    """Assessments the user may link a practice to: on their team, in departments they manage, or all (the team)."""
    from tools.selectors import TeamMembership, assessment_list_for_user

    assessments = assessment_list_for_user(user=user).order_by("title", "pk")
    if is_equity_team(user):
        return assessments
    on_team = TeamMembership.objects.filter(user_id=user.pk).values("assessment_id")
    return assessments.filter(Q(lead=user) | Q(pk__in=on_team) | Q(department_id__in=managed_department_ids(user)))


def practice_list_for_assessment(*, user: User, assessment) -> QuerySet[PracticeStrategy]:
    """The practices an assessment draws strategies from, that the user may read (for the assessment's page)."""
    return (
        PracticeStrategy.objects.filter(
            assessment=assessment, practice__in=practice_list_for_user(user=user).values("pk")
        )
        .select_related("practice")
        .only("assessment", "note", "practice__title", "practice__jurisdiction_name")  # not the practice's long texts
        .order_by("practice__title", "pk")
    )


# Exchange imports ---------------------------------------------------------------------------------------------------


def exchange_import_list_for_user(*, user: User) -> QuerySet[ExchangeImport]:
    """Import jobs: the equity team sees all of them, anyone else only the ones they uploaded."""
    qs = ExchangeImport.objects.select_related("uploaded_by")
    return qs if is_equity_team(user) else qs.filter(uploaded_by=user)
