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
from equity.concurrency import lock_for_edit
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
                    follow_up_on=q.follow_up_on,
                    links_actions=q.links_actions,
                ),
                author,
            )
    return copy


def _locked_template(*, author: User, template: Template, revision: int | None = None) -> Template:
    """Lock the template's row, so edits of its steps and questions and its publishing happen one at a time, and
    refuse the edit when the version is frozen or (given the form's `revision`) changed since the form was opened."""
    if not can_manage_templates(author):
        raise PermissionDenied
    current = lock_for_edit(obj=template, revision=revision, field="revision", what=_("this template"))
    if not can_edit_template(author, current):
        raise ValidationError(_("Published and retired versions never change. Copy this version to edit it."))
    return current


@transaction.atomic
def template_set_status(*, template: Template, author: User, status: str) -> Template:
    """Publish a draft (it becomes frozen), or retire a published version (no new assessments use it)."""
    if not can_manage_templates(author):
        raise PermissionDenied
    template = lock_for_edit(obj=template, revision=None, field="revision")
    allowed: dict[str, str] = {
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
    template.revision += 1
    return _saved(template, author)


@transaction.atomic
def template_update(*, template: Template, author: User, revision: int | None, name: str, description: str) -> Template:
    """Rename or describe a draft version; a form older than the record is refused (StaleEdit)."""
    current = _locked_template(author=author, template=template, revision=revision)
    current.name, current.description = name, description
    current.revision += 1
    return _saved(current, author)


@transaction.atomic
def step_save(
    *, template: Template, author: User, step: Step | None, revision: int | None, title: str, intro: str = ""
) -> Step:
    """Rename a step, or add one at the end; a form older than the step is refused (StaleEdit)."""
    template = _locked_template(author=author, template=template)
    if step is None:
        number = (template.steps.aggregate(n=Max("number"))["n"] or 0) + 1
        step = Step(template=template, number=number)
    else:
        step = lock_for_edit(obj=step, revision=revision, field="revision", what=_("this step"))
        step.revision += 1
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
def question_save(*, step: Step, author: User, question: Question | None, revision: int | None, **fields) -> Question:
    """Add a question at the end of a step, or reword/retype one; refuses changes that break saved answers and a
    form older than the question (StaleEdit). The fields are set on the locked row, so a move is never undone."""
    _locked_template(author=author, template=step.template)
    if question is not None:
        question = lock_for_edit(obj=question, revision=revision, field="revision", what=_("this question"))
        question.revision += 1
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
    _locked_template(author=author, template=question.step.template)
    question = lock_for_edit(obj=question, revision=None, field="revision")
    if Answer.objects.filter(question=question).exists():
        raise ValidationError(_("This question already has answers and cannot be removed."))
    audited_delete(question, author=author)


@transaction.atomic
def question_move(*, question: Question, author: User, direction: str) -> None:
    """Swap a question with its neighbour above ("up") or below ("down") in the same step. The order is not what the
    question forms edit, so a move keeps their revision: an open form of a moved question still saves."""
    _locked_template(author=author, template=question.step.template)
    siblings = list(Question.objects.select_for_update().filter(step=question.step).order_by("order", "pk"))
    index = next(i for i, q in enumerate(siblings) if q.pk == question.pk)
    other = index - 1 if direction == "up" else index + 1
    if not 0 <= other < len(siblings):
        return
    siblings[index], siblings[other] = siblings[other], siblings[index]
    for order, sibling in enumerate(siblings, start=1):
        if sibling.order != order:
            sibling.order = order
            _saved(sibling, author)
