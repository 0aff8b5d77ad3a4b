"""Reads for the tools app: every assessment and template queryset a view uses comes from here."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, cast

from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchVectorField
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import ExtractYear
from django.shortcuts import get_object_or_404

from equity.models import User
from equity.permissions import is_equity_team, managed_department_ids
from plans.models import RacialGroup
from tools.answer_rules import is_answered
from tools.models import Answer, Assessment, Question, Review, Step, StepComment, Template, Transition
from tools.permissions import can_manage_templates

TeamMembership = Assessment.team.through
SEARCH_MAX_LENGTH = 200
# The same expression as the GIN index of migration 0009 (ADR 0015), so PostgreSQL can use the index.
SEARCH_VECTOR_SQL = (
    "setweight(to_tsvector('english'::regconfig, COALESCE(tools_assessment.title, '')), 'A') || "
    "setweight(to_tsvector('english'::regconfig, COALESCE(tools_assessment.deciding_body, '')), 'B') || "
    "setweight(to_tsvector('english'::regconfig, COALESCE(tools_assessment.geography, '')), 'C')"
)


# What `User.display_name` reads: the columns of the people a page only names (a whole user row is 21 columns).
PERSON_FIELDS = ("id", "username", "full_name", "preferred_name")


def with_names_only(qs: QuerySet, *people: str) -> QuerySet:
    """`qs` loading only the display-name columns (PERSON_FIELDS) of the related people it names, and all of its own
    and its other relations' columns."""
    own = [field.name for field in qs.model._meta.concrete_fields]
    return qs.only(*own, *(f"{relation}__{name}" for relation in people for name in PERSON_FIELDS))


def assessment_list_for_user(*, user: User) -> QuerySet[Assessment]:
    """Assessments the user may see: drafts and reviews for their team, managers and the equity team; completed
    ones for all staff unless confidential."""
    qs = with_names_only(Assessment.objects.select_related("department", "lead", "template"), "lead")
    if not user.is_authenticated:
        return qs.none()
    if is_equity_team(user):
        return qs
    on_team = Exists(TeamMembership.objects.filter(assessment_id=OuterRef("pk"), user_id=user.pk))
    visible = (
        Q(lead=user)
        | on_team
        | Q(department__in=managed_department_ids(user))
        | Q(status=Assessment.Status.COMPLETED, confidential=False)
    )
    return qs.filter(visible)


def assessment_filter(
    *,
    qs: QuerySet[Assessment],
    scope: str = "",
    user: User,
    status: str = "",
    decision_type: str = "",
    department=None,
    year: int | None = None,
) -> QuerySet[Assessment]:
    """Narrow a visible list by scope (mine, department) and the list filters."""
    if scope == "mine":
        qs = qs.filter(
            Q(lead=user) | Exists(TeamMembership.objects.filter(assessment_id=OuterRef("pk"), user_id=user.pk))
        )
    elif scope == "department":
        qs = qs.filter(department__in=user.departments.all())
    if status:
        qs = qs.filter(status=status)
    if decision_type:
        qs = qs.filter(decision_type=decision_type)
    if department is not None:
        qs = qs.filter(department=department)
    if year:
        qs = qs.filter(created_at__year=year)
    return qs


def assessment_text_search(*, qs: QuerySet[Assessment], q: str) -> tuple[QuerySet[Assessment], Q]:
    """The condition matching the assessment's own text (title, deciding body, geography), with the queryset it
    applies to: full-text search on PostgreSQL (English stemming, the GIN index of migration 0009, ADR 0015); every
    word, case-insensitively, elsewhere."""
    if settings.IS_POSTGRES:
        vector = RawSQL(SEARCH_VECTOR_SQL, [], output_field=SearchVectorField())
        query = SearchQuery(q, search_type="websearch", config="english")
        return qs.annotate(search_vector=vector), Q(search_vector=query)
    match = Q()
    for word in q.split():
        match &= Q(title__icontains=word) | Q(deciding_body__icontains=word) | Q(geography__icontains=word)
    return qs, match


def assessment_search(*, qs: QuerySet[Assessment], q: str) -> QuerySet[Assessment]:
    """The lists' search box: the assessment's text (`assessment_text_search`), or the whole phrase in the type of
    decision, the department's name or a team member's or the lead's name. One query: the name matches are
    subqueries of the list's own query."""
    q = q.strip()[:SEARCH_MAX_LENGTH]
    if not q:
        return qs
    folded = q.casefold()
    types = [value for value, label in Assessment.DecisionType.choices if folded in str(label).casefold()]
    member = TeamMembership.objects.filter(assessment_id=OuterRef("pk")).filter(
        Q(user__full_name__icontains=q) | Q(user__username__iexact=q)
    )
    qs, text = assessment_text_search(qs=qs, q=q)
    return qs.filter(
        text
        | Q(decision_type__in=types)
        | Q(department__name__icontains=q)
        | Q(lead__full_name__icontains=q)
        | Exists(member)
    )


def assessment_get_for_user(*, user: User, pk: int, with_team: bool = False) -> Assessment:
    """One visible assessment (404 when out of scope), knowing whether the user is on its team (for
    `tools.permissions.is_on_team`) without a query of its own; `with_team` also loads the members
    (`assessment.team.all()`, for the pages that name them) and their ids."""
    qs = assessment_list_for_user(user=user)
    if not with_team:
        member = TeamMembership.objects.filter(assessment_id=OuterRef("pk"), user_id=user.pk)
        annotated = cast(QuerySet[Assessment], qs.annotate(viewer_on_team=Exists(member)))
        assessment = get_object_or_404(annotated, pk=pk)
        assessment.team_membership = {user.pk: bool(getattr(assessment, "viewer_on_team", False))}
        return assessment
    members = Prefetch("team", queryset=User.objects.only(*PERSON_FIELDS))
    assessment = get_object_or_404(qs.prefetch_related(members), pk=pk)
    assessment.team_ids = {member.pk for member in assessment.team.all()}
    return assessment


def completed_counts(*, user: User) -> list[Mapping[str, Any]]:
    """Completed assessments per department per year (all staff may see the counts, confidential ones included)."""
    return list(
        Assessment.objects.filter(status=Assessment.Status.COMPLETED, completed_at__isnull=False)
        .annotate(year=ExtractYear("completed_at"))
        .values("department__name", "year")
        .annotate(total=Count("pk"))
        .order_by("-year", "department__name")
    )


# What `is_answered` and the overview's progress table read of a question (not its texts, choices or columns).
PROGRESS_QUESTION_FIELDS = ("id", "step_id", "code", "type", "required", "order", "follow_up", "follow_up_on")


def assessment_steps(*, assessment: Assessment, progress_only: bool = False) -> list[Step]:
    """The template's steps with their questions, each question carrying `answer` (or None) and `answered`.
    `progress_only` (the overview: counts and missing questions) loads the answers' values only and leaves
    `answer` unset, and the questions without their texts."""
    questions = Question.objects.order_by("order", "pk")
    answers = Answer.objects.filter(assessment=assessment)
    values: dict[int, object]
    if progress_only:
        questions = questions.only(*PROGRESS_QUESTION_FIELDS)
        values = dict(answers.values_list("question_id", "value"))
        found: dict[int, Answer] = {}
    else:
        found = {a.question_id: a for a in answers}
        values = {pk: a.value for pk, a in found.items()}
    # In number order: the model's default order (template, number) would join the template to sort by its name.
    template_steps = Step.objects.filter(template_id=assessment.template_id).order_by("number")
    steps = list(template_steps.prefetch_related(Prefetch("questions", queryset=questions)))
    for step in steps:
        step.required_count = step.answered_required = step.answered_count = 0
        for question in step.questions.all():
            if not progress_only:
                question.answer = found.get(question.pk)
            question.answered = question.pk in values and is_answered(question=question, value=values[question.pk])
            step.answered_count += question.answered
            if question.required:
                step.required_count += 1
                step.answered_required += question.answered
        step.missing = [q for q in step.questions.all() if q.required and not q.answered]
    return steps


def step_comments(*, assessment: Assessment, step: Step | None = None) -> QuerySet[StepComment]:
    """An assessment's comments (on one step, or all of them with their step), with their authors' names."""
    qs = with_names_only(StepComment.objects.filter(assessment=assessment).select_related("author", "step"), "author")
    return qs.filter(step=step) if step is not None else qs


def transitions(*, assessment: Assessment) -> QuerySet[Transition]:
    """An assessment's status changes, oldest first, with who made them."""
    return with_names_only(Transition.objects.filter(assessment=assessment).select_related("user"), "user")


def assessment_reviews(*, assessment: Assessment) -> QuerySet[Review]:
    """An assessment's reviews, newest first, with their reviewers' names."""
    return with_names_only(Review.objects.filter(assessment=assessment).select_related("reviewer"), "reviewer")


def assessments_to_review_for_user(*, user: User) -> QuerySet[Assessment]:
    """Assessments in review that the user may approve or return."""
    qs = assessment_list_for_user(user=user).filter(status=Assessment.Status.IN_REVIEW)
    if is_equity_team(user):
        return qs
    return qs.filter(department__in=managed_department_ids(user))


def review_queue_for_user(*, user: User) -> QuerySet[Assessment, Any]:
    """The dashboard's review queue: `assessments_to_review_for_user` as the four values the panel shows (id, title,
    submission time, department), oldest first. Without `assessment_list_for_user`'s visibility test: every worksheet
    in review of a department the user manages (or, for the equity team, every one) passes it, so building it would
    add nothing but its cost (tests/tools/test_selectors.py compares both)."""
    waiting = Assessment.objects.filter(status=Assessment.Status.IN_REVIEW)
    if not is_equity_team(user):
        waiting = waiting.filter(department__in=managed_department_ids(user))
    return waiting.order_by("submitted_at").values("pk", "title", "submitted_at", "department__name")


def my_open_worksheets_for_user(*, user: User) -> QuerySet[Assessment]:
    """The open assessments the user leads or is on the team of, with the latest status change (`last_action`) and
    `user_on_team` set for `tools.worklist.attach_worklist`. They are always in `assessment_list_for_user` (lead or
    team), so its visibility test is left out (tests/tools/test_selectors.py compares both)."""
    on_team = Exists(TeamMembership.objects.filter(assessment_id=OuterRef("pk"), user_id=user.pk))
    last = Transition.objects.filter(assessment_id=OuterRef("pk")).order_by("-created_at", "-pk").values("action")
    return (
        Assessment.objects.filter(Q(lead=user) | on_team)
        .exclude(status=Assessment.Status.COMPLETED)
        .annotate(last_action=Subquery(last[:1]), user_on_team=Value(True))
    )


def template_list_for_user(*, user: User) -> QuerySet[Template]:
    """Every version for the equity team; published versions for everyone else."""
    qs = Template.objects.annotate(
        step_count=Count("steps", distinct=True), assessment_count=Count("assessments", distinct=True)
    ).order_by("name", "-version")
    if can_manage_templates(user):
        return qs
    return qs.filter(status=Template.Status.PUBLISHED)


def published_templates() -> QuerySet[Template]:
    """The templates a new worksheet may start on: the newest published version of each (older published versions
    stay for the worksheets already on them, and in the equity team's template list)."""
    published = Template.objects.filter(status=Template.Status.PUBLISHED)
    newer = published.filter(slug=OuterRef("slug"), version__gt=OuterRef("version"))
    return published.exclude(Exists(newer)).order_by("name", "-version")


def city_group_names() -> list[str]:
    """The city's racial and ethnic groups (the plans app's configurable list), offered in group columns."""
    groups = RacialGroup.objects.filter(is_active=True).order_by("sort_order", "name")
    return list(groups.values_list("name", flat=True))
