"""Template versions: copy a version into a new draft, edit the draft, publish or retire it.

A published version never changes, so the assessments that used it keep the questions they answered. Edits that
would orphan or invalidate existing answers are refused even on a draft.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from equity.audit import audited_delete, audited_save
from equity.models import User
from tools.models import Answer, Question, Step, Template
from tools.permissions import can_edit_template, can_manage_templates


def _saved(obj, author: User):
    audited_save(obj, author=author)
    return obj


@transaction.atomic
def template_copy(*, template: Template, author: User, name: str = "") -> Template:
    """Copy any version into a new draft version of the same template (next version number)."""
    if not can_manage_templates(author):
        raise PermissionDenied
    latest = Template.objects.select_for_update().filter(slug=template.slug).aggregate(v=Max("version"))["v"] or 0
    copy = _saved(
        Template(
            name=name.strip() or template.name,
            slug=template.slug,
            version=latest + 1,
            description=template.description,
            based_on=template,
        ),
        author,
    )
    for step in template.steps.prefetch_related("questions"):
        new_step = _saved(Step(template=copy, number=step.number, title=step.title, intro=step.intro), author)
        for q in step.questions.all():
            _saved(
                Question(
                    step=new_step,
                    code=q.code,
                    text=q.text,
                    help_text=q.help_text,
                    type=q.type,
                    required=q.required,
                    order=q.order,
                    choices=list(q.choices),
                    columns=[dict(c) for c in q.columns],
                    follow_up=q.follow_up,
                    links_actions=q.links_actions,
                ),
                author,
            )
    return copy


def _require_editable(author: User, template: Template) -> None:
    if not can_manage_templates(author):
        raise PermissionDenied
    if not can_edit_template(author, template):
        raise ValidationError(_("Published and retired versions never change. Copy this version to edit it."))


@transaction.atomic
def template_set_status(*, template: Template, author: User, status: str) -> Template:
    """Publish a draft (it becomes frozen), or retire a published version (no new assessments use it)."""
    if not can_manage_templates(author):
        raise PermissionDenied
    allowed = {
        Template.Status.PUBLISHED: Template.Status.DRAFT,
        Template.Status.RETIRED: Template.Status.PUBLISHED,
    }
    if allowed.get(status) != template.status:
        raise ValidationError(
            _("This version cannot move from %(old)s to %(new)s.") % {"old": template.status, "new": status}
        )
    if status == Template.Status.PUBLISHED and not Question.objects.filter(step__template=template).exists():
        raise ValidationError(_("Add at least one question before publishing."))
    template.status = status
    return _saved(template, author)


@transaction.atomic
def template_update(*, template: Template, author: User, name: str, description: str) -> Template:
    _require_editable(author, template)
    template.name, template.description = name, description
    return _saved(template, author)


@transaction.atomic
def step_save(*, template: Template, author: User, step: Step | None, title: str, intro: str = "") -> Step:
    """Rename a step, or add one at the end."""
    _require_editable(author, template)
    if step is None:
        number = (template.steps.aggregate(n=Max("number"))["n"] or 0) + 1
        step = Step(template=template, number=number)
    step.title, step.intro = title, intro
    return _saved(step, author)


def _check_answers_survive(*, question: Question, type_: str, choices: list, columns: list) -> None:
    if not question.pk or not Answer.objects.filter(question=question).exclude(value=None).exists():
        return
    if type_ != question.type:
        raise ValidationError(_("This question already has answers, so its type cannot change."))
    removed_choices = set(question.choices) - set(choices)
    if removed_choices:
        raise ValidationError(_("This question already has answers, so its choices can be added to but not removed."))
    old_types = {c["key"]: c.get("type", "text") for c in question.columns}
    new_types = {c["key"]: c.get("type", "text") for c in columns}
    broken = [key for key, kind in old_types.items() if new_types.get(key) != kind]
    if broken:
        raise ValidationError(
            _("This table already has answers, so columns can be added but not removed, renamed or retyped.")
        )


@transaction.atomic
def question_save(*, step: Step, author: User, question: Question | None, **fields) -> Question:
    """Add a question at the end of a step, or reword/retype one; refuses changes that break saved answers."""
    _require_editable(author, step.template)
    _check_answers_survive(
        question=question or Question(),
        type_=fields["type"],
        choices=fields.get("choices", []),
        columns=fields.get("columns", []),
    )
    if question is None:
        order = (step.questions.aggregate(n=Max("order"))["n"] or 0) + 1
        question = Question(step=step, order=order)
    for name, value in fields.items():
        setattr(question, name, value)
    return _saved(question, author)


@transaction.atomic
def question_delete(*, question: Question, author: User) -> None:
    """Remove a question that nobody has answered."""
    _require_editable(author, question.step.template)
    if Answer.objects.filter(question=question).exists():
        raise ValidationError(_("This question already has answers and cannot be removed."))
    audited_delete(question, author=author)


@transaction.atomic
def question_move(*, question: Question, author: User, direction: str) -> None:
    """Swap a question with its neighbour above ("up") or below ("down") in the same step."""
    _require_editable(author, question.step.template)
    siblings = list(Question.objects.filter(step=question.step).order_by("order", "pk"))
    index = next(i for i, q in enumerate(siblings) if q.pk == question.pk)
    other = index - 1 if direction == "up" else index + 1
    if not 0 <= other < len(siblings):
        return
    siblings[index], siblings[other] = siblings[other], siblings[index]
    for order, sibling in enumerate(siblings, start=1):
        if sibling.order != order:
            sibling.order = order
            _saved(sibling, author)
