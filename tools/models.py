"""The Racial Equity Tool: versioned worksheet templates and the assessments staff fill in with them."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from equity.models import Department, TimeStampedModel


class Template(TimeStampedModel):
    """A named, versioned set of steps and questions; a published version never changes."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        RETIRED = "retired", _("Retired")

    name = models.CharField(_("name"), max_length=160)
    slug = models.SlugField(_("short name"), max_length=80)
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT, db_index=True)
    description = models.TextField(_("description"), blank=True)
    based_on = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="derived", verbose_name=_("based on")
    )
    # Identifies this version in every city holding a copy (the practice library's exchange files match on it).
    uid = models.UUIDField(_("stable identifier"), default=uuid.uuid4, unique=True, editable=False)
    imported_from = models.CharField(_("imported from"), max_length=150, blank=True)
    # Counts saves, for refusing stale edits (`version` above is the template's published version number).
    revision = models.PositiveIntegerField(_("revision"), default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name", "-version"]
        verbose_name = _("worksheet template")
        verbose_name_plural = _("worksheet templates")
        constraints = [models.UniqueConstraint(fields=["slug", "version"], name="tools_template_slug_version")]

    def __str__(self) -> str:
        return f"{self.name} (v{self.version})"


class Step(models.Model):
    """One step of a template (e.g. Step 2, Data)."""

    template = models.ForeignKey(Template, on_delete=models.CASCADE, related_name="steps", verbose_name=_("template"))
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=160)
    intro = models.TextField(_("introduction"), blank=True)
    revision = models.PositiveIntegerField(_("revision"), default=1, editable=False)
    history = HistoricalRecords()
    # Not fields: an assessment's progress on this step, set by `tools.selectors.assessment_steps`.
    required_count: int
    answered_required: int
    answered_count: int
    missing: list[Question]

    class Meta:
        ordering = ["template", "number"]
        verbose_name = _("step")
        verbose_name_plural = _("steps")
        constraints = [models.UniqueConstraint(fields=["template", "number"], name="tools_step_number")]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class Question(models.Model):
    """A question of a step; `choices` lists the options of choice questions, `columns` the table's column spec."""

    class Type(models.TextChoices):
        LONG_TEXT = "long_text", _("Long text")
        SHORT_TEXT = "short_text", _("Short text")
        SINGLE_CHOICE = "single_choice", _("Single choice")
        MULTIPLE_CHOICE = "multiple_choice", _("Multiple choice")
        YES_NO = "yes_no", _("Yes/no with a follow-up")
        DATE = "date", _("Date")
        NUMBER = "number", _("Number")
        TABLE = "table", _("Table")

    class FollowUpOn(models.TextChoices):
        NO = "no", _("After No")
        YES = "yes", _("After Yes")
        EITHER = "either", _("After Yes or No")

    step = models.ForeignKey(Step, on_delete=models.CASCADE, related_name="questions", verbose_name=_("step"))
    code = models.CharField(_("number"), max_length=12, help_text=_("Shown before the question, e.g. 2.3."))
    text = models.TextField(_("question"))
    help_text = models.TextField(_("help text"), blank=True)
    type = models.CharField(_("type"), max_length=20, choices=Type.choices, default=Type.LONG_TEXT)
    required = models.BooleanField(_("required"), default=False)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    choices = models.JSONField(_("choices"), default=list, blank=True)
    columns = models.JSONField(_("table columns"), default=list, blank=True)
    follow_up = models.CharField(_("follow-up question"), max_length=300, blank=True)
    follow_up_on = models.CharField(
        _("ask the follow-up"),
        max_length=6,
        choices=FollowUpOn.choices,
        default=FollowUpOn.NO,
        help_text=_("For yes/no questions: the answer the follow-up question is for."),
    )
    links_actions = models.BooleanField(
        _("rows can become plan actions"), default=False, help_text=_("For strategy and implementation tables.")
    )
    revision = models.PositiveIntegerField(_("revision"), default=1, editable=False)
    history = HistoricalRecords()
    # Not fields: an assessment's answer to this question and whether it counts, set by `assessment_steps`.
    answer: Answer | None
    answered: bool
    sendable: bool  # the step page offers sending it to an indicator (tools.views.filling)

    class Meta:
        ordering = ["step__number", "order", "pk"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self) -> str:
        return f"{self.code} {self.text[:60]}"


class Assessment(TimeStampedModel):
    """One decision analysed with one template version by a team."""

    class DecisionType(models.TextChoices):
        POLICY = "policy", _("Policy")
        PRACTICE = "practice", _("Practice")
        PROGRAM = "program", _("Program")
        BUDGET = "budget", _("Budget decision")

    class Stage(models.TextChoices):
        EARLY_DESIGN = "early_design", _("Early design")
        REVISION = "revision", _("Revision")
        BUDGET_REQUEST = "budget_request", _("Budget request")
        AFTER_ACTION = "after_action", _("After-action review")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        IN_REVIEW = "in_review", _("In review")
        COMPLETED = "completed", _("Completed")

    class EquityArea(models.TextChoices):
        EDUCATION = "education", _("Education")
        COMMUNITY_DEVELOPMENT = "community_development", _("Community development")
        HEALTH = "health", _("Health")
        ENVIRONMENT = "environment", _("Environment")
        CRIMINAL_JUSTICE = "criminal_justice", _("Criminal justice")
        JOBS = "jobs", _("Jobs")
        HOUSING = "housing", _("Housing")
        WORKFORCE = "workforce", _("Workforce equity")
        CONTRACTING = "contracting", _("Contracting equity")
        IMMIGRANT_ACCESS = "immigrant_access", _("Immigrant and refugee access")
        OUTREACH = "outreach", _("Inclusive outreach and engagement")

    template = models.ForeignKey(
        Template, on_delete=models.PROTECT, related_name="assessments", verbose_name=_("template")
    )
    title = models.CharField(_("title of the proposal"), max_length=200)
    decision_type = models.CharField(_("type of decision"), max_length=12, choices=DecisionType.choices, db_index=True)
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="assessments", verbose_name=_("department")
    )
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="assessments_led", verbose_name=_("lead")
    )
    team = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="assessments", blank=True, verbose_name=_("team members")
    )
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices, default=Stage.EARLY_DESIGN)
    target_date = models.DateField(_("target decision date"), null=True, blank=True)
    deciding_body = models.CharField(_("deciding body"), max_length=160, blank=True)
    equity_areas = models.JSONField(_("equity areas affected"), default=list, blank=True)
    geography = models.CharField(_("geography affected"), max_length=300, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT, db_index=True)
    confidential = models.BooleanField(
        _("confidential"), default=False, help_text=_("Once completed, only the team, managers and equity team see it.")
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True, db_index=True)
    # Team changes are recorded as the change reason of the history row (an m2m history costs a query per row).
    history = HistoricalRecords()
    # Not fields: the team's user ids, or whether the person who loaded it is on the team (by user id), set by
    # `tools.selectors.assessment_get_for_user` for `tools.permissions.is_on_team`.
    team_ids: set[int]
    team_membership: dict[int, bool]

    class Meta:
        ordering = ["-updated_at", "-pk"]
        verbose_name = _("equity assessment")
        verbose_name_plural = _("equity assessments")
        indexes = [
            models.Index(fields=["department", "status"], name="tools_assess_dept_status"),
            # The lists' order (most recently changed first) and the "year started" filter.
            models.Index(fields=["-updated_at", "-id"], name="tools_assess_recent"),
            models.Index(fields=["created_at"], name="tools_assess_created"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def equity_area_labels(self) -> list[str]:
        labels = dict(self.EquityArea.choices)
        return [str(labels.get(a, a)) for a in self.equity_areas]


class Answer(models.Model):
    """The answer of one assessment to one question; `version` refuses stale saves from a second editor."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    value = models.JSONField(_("answer"), null=True, blank=True)
    version = models.PositiveIntegerField(default=0)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    updated_at = models.DateTimeField(_("saved"), auto_now=True)
    # The browser's key of the autosave that produced `save_key_version` (ADR 0045): a retry of a save whose response
    # was lost is recognised as already applied instead of being refused as a colleague's stale edit.
    save_key = models.CharField(max_length=64, blank=True, default="", editable=False)
    save_key_version = models.PositiveIntegerField(default=0, editable=False)
    history = HistoricalRecords(excluded_fields=["save_key", "save_key_version"])

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [models.UniqueConstraint(fields=["assessment", "question"], name="tools_answer_one_per_question")]

    def __str__(self) -> str:
        return f"{self.assessment_id}/{self.question_id}"


class Transition(models.Model):
    """A recorded change of an assessment's status, with who and why."""

    class Action(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted for review")
        APPROVED = "approved", _("Approved")
        RETURNED = "returned", _("Returned for changes")
        REOPENED = "reopened", _("Reopened")

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(_("from"), max_length=12, choices=Assessment.Status.choices)
    to_status = models.CharField(_("to"), max_length=12, choices=Assessment.Status.choices)
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    note = models.TextField(_("note"), blank=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("when"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")

    def __str__(self) -> str:
        return f"{self.from_status} → {self.to_status}"


class StepComment(models.Model):
    """A comment by the team or the reviewer on one step of an assessment."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="comments")
    step = models.ForeignKey(Step, on_delete=models.PROTECT, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    body = models.TextField(_("comment"), max_length=4000)
    created_at = models.DateTimeField(_("when"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("step comment")
        verbose_name_plural = _("step comments")

    def __str__(self) -> str:
        return self.body[:60]


class Review(models.Model):
    """A reviewer's decision: approved with a sign-off note and recommendations, or returned with comments."""

    class Decision(models.TextChoices):
        APPROVED = "approved", _("Approved")
        RETURNED = "returned", _("Returned for changes")

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decision = models.CharField(_("decision"), max_length=10, choices=Decision.choices)
    sign_off_note = models.TextField(_("sign-off note or comments"), max_length=4000)
    recommendations = models.TextField(_("recommendations"), blank=True, max_length=4000)
    created_at = models.DateTimeField(_("when"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("review")
        verbose_name_plural = _("reviews")

    def __str__(self) -> str:
        return f"{self.get_decision_display()}: {self.assessment_id}"


class ActionLink(models.Model):
    """A plan action that came from an assessment, optionally from one row of a strategy or implementation table."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="action_links")
    action = models.ForeignKey(
        "plans.Action", on_delete=models.CASCADE, related_name="assessment_links", verbose_name=_("plan action")
    )
    question = models.ForeignKey(Question, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    row_text = models.CharField(_("strategy"), max_length=500, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("linked"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("link to a plan action")
        verbose_name_plural = _("links to plan actions")
        constraints = [models.UniqueConstraint(fields=["assessment", "action"], name="tools_actionlink_once")]

    def __str__(self) -> str:
        return f"{self.assessment_id} → {self.action_id}"
