"""City-scale Racial Equity Tool data for benchmarks (`manage.py seed_scale`): 2,000 assessments with their answers.

Assessments are led by `scale.` users (that is how `reset()` finds them) and use the shipped templates plus one
longer scale-only template (slug `SCALE_SLUG`, the full tool with two capital-project steps added). Records are
bulk-inserted with their history rows; dates are spread over 2021-2026 after insertion (auto_now fields).
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Sequence

from django.test.utils import override_settings
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from bench.scale.core import USER_PREFIX, ScaleCity
from tools.exchange import shipped_template_record
from tools.models import Answer, Assessment, Question, Review, Step, StepComment, Template, Transition

SCALE_SLUG = "scale-capital"
STATUS_WEIGHTS = [(Assessment.Status.COMPLETED, 55), (Assessment.Status.IN_REVIEW, 15), (Assessment.Status.DRAFT, 30)]
EXTRA_STEPS = [
    ("Capital project scope", "Where the project is, who uses the site today and what it costs.", 16),
    ("Construction and contracting", "How the work is bought and built, and who benefits from the jobs.", 16),
]
SUBJECTS = ["down-payment assistance", "sidewalk snow clearing", "recreation scholarships", "park shelter rentals",
            "utility billing shut-offs", "police body cameras", "library fines", "bus stop shelters",
            "tree planting", "small business grants", "rental licensing", "street reconstruction", "youth jobs",
            "emergency alerts", "community engagement stipends", "code enforcement inspections"]  # fmt: skip
VERBS = ["Redesign", "Expand", "Review", "Pilot", "Replace", "Fund", "Reprioritize", "Evaluate"]
SENTENCES = [
    "Residents of color in the Louisiana Avenue and Texa-Tonka neighborhoods are most affected.",
    "Data from the American Community Survey shows a gap of more than twenty points by race.",
    "We met with Somali, Latino and Black community members in three listening sessions.",
    "The current first come, first served process favours people who already know how the city works.",
    "Staff will report results by race quarterly on the equity dashboard.",
    "Interpretation in Spanish and Somali will be offered at every meeting.",
    "The budget impact is modest and can be absorbed within the department's existing appropriation.",
    "Unintended consequences include longer waits for residents on low-traffic streets.",
    "We do not yet collect demographic data on applicants; an exit survey will be added.",
    "Community partners asked that materials be written in plain language.",
    "The council will consider the proposal at a study session before adoption.",
    "Lenders and counselors who serve first-generation buyers were consulted.",
]


def _text(rng: random.Random, low: int = 1, high: int = 4) -> str:
    return " ".join(rng.sample(SENTENCES, rng.randint(low, high)))


def _cell(rng: random.Random, column: dict, day: datetime.date) -> str:
    kind = column.get("type", "text")
    if kind == "number":
        return str(rng.randint(1, 5000))
    if kind == "date":
        return (day + datetime.timedelta(days=rng.randint(0, 400))).isoformat()
    if kind == "choice":
        return rng.choice(column.get("choices") or [""])
    return _text(rng, 1, 1) if kind == "long_text" else rng.choice(SENTENCES)[:80]


def _value(rng: random.Random, question: Question, day: datetime.date) -> object:
    """A realistic stored answer for the question's type (the shape `answer_clean` produces)."""
    kind = question.type
    if kind == Question.Type.LONG_TEXT:
        return _text(rng)
    if kind == Question.Type.SHORT_TEXT:
        return rng.choice(SENTENCES)[:120]
    if kind == Question.Type.NUMBER:
        return str(rng.randint(1000, 500000))
    if kind == Question.Type.DATE:
        return (day + datetime.timedelta(days=rng.randint(30, 700))).isoformat()
    if kind == Question.Type.SINGLE_CHOICE:
        return rng.choice(question.choices or [""])
    if kind == Question.Type.MULTIPLE_CHOICE:
        return [c for c in question.choices if rng.random() < 0.4]
    if kind == Question.Type.YES_NO:
        if rng.random() < 0.6:
            return {"answer": "yes", "follow_up": ""}
        return {"answer": "no", "follow_up": _text(rng, 1, 2)}
    if kind == Question.Type.TABLE:
        return [{c["key"]: _cell(rng, c, day) for c in question.columns} for _ in range(rng.randint(1, 4))]
    return ""


def _scale_template() -> Template:
    """The scale-only long template: the full tool's six steps and two capital-project steps (69 questions)."""
    template = Template(slug=SCALE_SLUG, name="Capital projects equity review (scale data)", version=1,
                        status=Template.Status.PUBLISHED,
                        description="The full tool with capital-project steps.")  # fmt: skip
    bulk_create_with_history([template], Template)
    template = Template.objects.get(slug=SCALE_SLUG, version=1)
    specs = [
        (step["title"], step["intro"], [(q["code"], q["type"], q["text"], {"help": q["help_text"], **q})
                                        for q in step["questions"]])
        for step in shipped_template_record(slug="gare-full")["steps"]
    ]  # fmt: skip
    for n, (title, intro, count) in enumerate(EXTRA_STEPS, start=len(specs) + 1):
        kinds = ["long_text", "short_text", "number", "date"]
        extra: list[tuple[str, str, str, dict]] = [
            (f"{n}.{i}", kinds[i % 4], f"{title}: question {i}", {}) for i in range(1, count + 1)
        ]
        specs.append((title, intro, extra))
    steps = [Step(template=template, number=n, title=t, intro=i) for n, (t, i, _q) in enumerate(specs, 1)]
    bulk_create_with_history(steps, Step)
    by_number = {s.number: s for s in Step.objects.filter(template=template)}
    questions = [
        Question(step=by_number[n], code=code, type=type_, text=text, order=order, help_text=opts.get("help", ""),
                 required=opts.get("required", False), choices=opts.get("choices", []),
                 columns=opts.get("columns", []), follow_up=opts.get("follow_up", ""),
                 links_actions=opts.get("links_actions", False))
        for n, (_t, _i, qs) in enumerate(specs, 1) for order, (code, type_, text, opts) in enumerate(qs, 1)
    ]  # fmt: skip
    bulk_create_with_history(questions, Question, batch_size=500)
    return template


def _create_dated(model, pairs: Sequence[tuple[object, datetime.datetime]]) -> None:
    """Bulk-insert with history, then set `created_at` (auto_now_add) to when it happened."""
    objs = bulk_create_with_history([obj for obj, _when in pairs], model, batch_size=2000)
    for obj, (_obj, when) in zip(objs, pairs, strict=True):
        obj.created_at = when
    model.objects.bulk_update(objs, ["created_at"], batch_size=2000)


def seed(city: ScaleCity) -> str:
    """2,000 assessments (x factor) over 2021-2026 with about 100,000 answers, transitions, reviews and comments."""
    rng = city.rng
    templates = list(Template.objects.filter(slug__in=["gare-full", "short-form", "budget-decision"], version=1))
    templates.append(Template.objects.filter(slug=SCALE_SLUG, version=1).first() or _scale_template())
    by_slug = {t.slug: t for t in templates}
    template_weights = [by_slug.get(s) for s in (SCALE_SLUG, "gare-full", "short-form", "budget-decision")]
    weights = [55, 30, 8, 7]
    pairs = [(t, w) for t, w in zip(template_weights, weights, strict=True) if t is not None]
    questions_of = {t.pk: list(Question.objects.filter(step__template=t).select_related("step")) for t, _w in pairs}
    steps_of = {t.pk: list(Step.objects.filter(template=t)) for t, _w in pairs}
    users = city.users
    by_department: dict[int, list] = {}
    managers_of: dict[int, list] = {}
    for user in users:
        by_department.setdefault(city.user_department[user.pk], []).append(user)
        if user.is_manager:
            managers_of.setdefault(city.user_department[user.pk], []).append(user)
    reviewers_fallback = city.equity_team or city.managers or users
    statuses = [s for s, _w in STATUS_WEIGHTS]
    status_weights = [w for _s, w in STATUS_WEIGHTS]
    total = city.count(2000, 20)
    now = timezone.now()
    start = datetime.datetime(2021, 1, 4, 9, tzinfo=datetime.UTC)
    span = (now - start).total_seconds() - 200 * 86400
    assessments, plans = [], []
    for n in range(total):
        lead = rng.choice(users)
        department_id = city.user_department[lead.pk]
        template = rng.choices([t for t, _w in pairs], [w for _t, w in pairs])[0]
        status = rng.choices(statuses, status_weights)[0]
        created = start + datetime.timedelta(seconds=rng.uniform(0, span))
        submitted = created + datetime.timedelta(days=rng.randint(20, 120)) if status != "draft" else None
        completed = (
            submitted + datetime.timedelta(days=rng.randint(5, 60)) if submitted and status == "completed" else None
        )
        assessments.append(
            Assessment(
                template=template, title=f"{rng.choice(VERBS)} {rng.choice(SUBJECTS)} ({n + 1})",
                decision_type=rng.choice(Assessment.DecisionType.values), department_id=department_id, lead=lead,
                stage=rng.choice(Assessment.Stage.values), status=status, confidential=rng.random() < 0.05,
                target_date=(created + datetime.timedelta(days=rng.randint(60, 400))).date(),
                deciding_body=rng.choice(["City Council", "Department head", "City Manager", "Housing Authority"]),
                equity_areas=rng.sample(Assessment.EquityArea.values, rng.randint(1, 3)),
                geography=rng.choice(["Citywide", "Louisiana Avenue and Texa-Tonka neighborhoods", "Park Commons"]),
                submitted_at=submitted, completed_at=completed,
            )
        )  # fmt: skip
        plans.append((created, completed or submitted or created + datetime.timedelta(days=rng.randint(1, 90))))
    bulk_create_with_history(assessments, Assessment, batch_size=1000)
    assessments = list(Assessment.objects.filter(lead__username__startswith=USER_PREFIX).order_by("pk"))
    for assessment, (created, updated) in zip(assessments, plans, strict=True):
        assessment.created_at, assessment.updated_at = created, min(updated, now)
    Assessment.objects.bulk_update(assessments, ["created_at", "updated_at"], batch_size=1000)

    team_links, answers, transitions, reviews, comments = [], [], [], [], []
    through = Assessment.team.through
    for assessment in assessments:
        colleagues = by_department.get(assessment.department_id) or users
        team = {u.pk for u in rng.sample(colleagues, min(len(colleagues), rng.randint(0, 3)))} - {assessment.lead_id}
        team_links += [through(assessment_id=assessment.pk, user_id=pk) for pk in team]
        questions = questions_of[assessment.template_id]
        share = 1.0 if assessment.status != "draft" else rng.uniform(0.2, 0.9)
        day = assessment.created_at.date()
        for question in questions:
            if question.required or rng.random() < share:
                answers.append(Answer(assessment=assessment, question=question, value=_value(rng, question, day),
                                      version=rng.randint(1, 4), updated_by_id=assessment.lead_id))  # fmt: skip
        reviewer = rng.choice(managers_of.get(assessment.department_id) or reviewers_fallback)
        steps = steps_of[assessment.template_id]
        for _c in range(rng.choice([0, 0, 1, 1, 2, 3])):
            comment = StepComment(assessment=assessment, step=rng.choice(steps), author=reviewer, body=_text(rng, 1, 2))
            comments.append((comment, assessment.created_at + datetime.timedelta(days=rng.randint(1, 20))))
        if assessment.status == "draft":
            continue
        submitted, lead_id = assessment.submitted_at, assessment.lead_id
        assert submitted is not None  # every assessment past draft was submitted
        flow: list[tuple[str, str, str, int, str, datetime.datetime]] = []
        if rng.random() < 0.25:  # returned once for changes before the final submission
            first, note = submitted - datetime.timedelta(days=15), _text(rng, 1, 1)
            returned = first + datetime.timedelta(days=5)
            flow += [("draft", "in_review", "submitted", lead_id, "", first),
                     ("in_review", "draft", "returned", reviewer.pk, note, returned)]  # fmt: skip
            review = Review(assessment=assessment, reviewer=reviewer, decision="returned", sign_off_note=note)
            reviews.append((review, returned))
        flow.append(("draft", "in_review", "submitted", lead_id, "", submitted))
        if assessment.status == "completed":
            completed = assessment.completed_at
            assert completed is not None  # a completed assessment has its date
            note = _text(rng, 1, 2)
            flow.append(("in_review", "completed", "approved", reviewer.pk, note, completed))
            review = Review(assessment=assessment, reviewer=reviewer, decision="approved", sign_off_note=note,
                            recommendations=_text(rng, 0, 2))  # fmt: skip
            reviews.append((review, completed))
        for from_status, to_status, action, user_id, note, when in flow:
            transitions.append((Transition(assessment=assessment, from_status=from_status, to_status=to_status,
                                           action=action, user_id=user_id, note=note), when))  # fmt: skip
    through.objects.bulk_create(team_links, batch_size=2000)
    bulk_create_with_history(answers, Answer, batch_size=2000)
    for model, dated in ((StepComment, comments), (Transition, transitions), (Review, reviews)):
        _create_dated(model, dated)
    return (f"{len(assessments)} assessments, {len(answers)} answers, {len(transitions)} transitions, "
            f"{len(reviews)} reviews, {len(comments)} comments")  # fmt: skip


def reset() -> None:
    """Remove the scale assessments (with their answers, transitions, reviews, comments) and the scale template."""
    scale = Assessment.objects.filter(lead__username__startswith=USER_PREFIX)
    ids = list(scale.values_list("pk", flat=True))
    template = Template.objects.filter(slug=SCALE_SLUG).first()
    with override_settings(SIMPLE_HISTORY_ENABLED=False):  # no "deleted" history rows for throwaway data
        scale.delete()
        if template is not None:
            step_ids = list(Step.objects.filter(template=template).values_list("pk", flat=True))
            template.delete()
    for model in (Answer, Transition, Review, StepComment):
        model.history.filter(assessment_id__in=ids).delete()
    Assessment.history.filter(id__in=ids).delete()
    if template is not None:
        Question.history.filter(step_id__in=step_ids).delete()
        Step.history.filter(template_id=template.pk).delete()
        Template.history.filter(id=template.pk).delete()
