"""Shared records: the city's departments and its staff users, with their roles; files attached to records."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import ClassVar, Self

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import Storage, storages
from django.db import models
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class TimeStampedModel(models.Model):
    """Adds created and updated times to a domain record."""

    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class Department(TimeStampedModel):
    """A city department; staff belong to one or more, and plans, worksheets and training are scoped by them."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    code = models.CharField(
        _("short code"), max_length=12, unique=True, help_text=_("A short code such as CD or PW, in capitals.")
    )
    is_active = models.BooleanField(_("active"), default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("department")
        verbose_name_plural = _("departments")

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    """The portal's roles. Every user is Staff; the others are added on top. What each may do: equity.permissions."""

    STAFF = "staff", _("Staff")
    MANAGER = "manager", _("Manager")
    FACILITATOR = "facilitator", _("Facilitator")
    EQUITY_TEAM = "equity_team", _("Equity team")


# The User flag each role beyond Staff sets: the one declaration of which flag is which role. Sign-in grants, the
# people list's role filter and training's requirements and module audiences derive theirs from it.
ROLE_FLAGS: dict[Role, str] = {
    Role.MANAGER: "is_manager",
    Role.FACILITATOR: "is_facilitator",
    Role.EQUITY_TEAM: "is_equity_team",
}


def role_flag(role: str) -> str | None:
    """The User flag of a role given by its stored value ("manager"), or None (Staff, blank or unknown)."""
    return ROLE_FLAGS.get(Role(role)) if role in Role.values else None


class User(AbstractUser):
    """A city employee who signs in to the portal. Never deleted: deactivated, so history keeps its authors."""

    full_name = models.CharField(_("full name"), max_length=150)
    preferred_name = models.CharField(_("preferred name"), max_length=80, blank=True)
    job_title = models.CharField(_("job title"), max_length=150, blank=True)
    email = models.EmailField(_("email address"), unique=True)
    employee_id = models.CharField(_("employee ID"), max_length=40, blank=True, db_index=True)
    departments = models.ManyToManyField(Department, related_name="members", blank=True, verbose_name=_("departments"))
    is_manager = models.BooleanField(_("manager"), default=False)
    is_facilitator = models.BooleanField(_("facilitator"), default=False)
    is_equity_team = models.BooleanField(_("equity team"), default=False)
    # The person's language for the portal, their e-mails and their reports: a code of settings.LANGUAGES (checked
    # by the forms, not the schema, so adding a language needs no migration); blank follows the browser's.
    language = models.CharField(_("language"), max_length=10, blank=True)
    # Raised when the user is deactivated: part of the session hash, so every session signed in before then ends
    # for good (reactivating the user does not bring them back), whatever the session engine.
    session_generation = models.PositiveIntegerField(_("sessions ended"), default=0, editable=False)
    # The header's unread count without a query per page: recounted whenever notifications are added or read.
    unread_notifications = models.PositiveIntegerField(_("unread notifications"), default=0, editable=False)

    objects: ClassVar[UserManager[Self]] = UserManager()
    # Not a field: the ids of the user's departments, cached for the request by `equity.permissions.department_ids`.
    _department_ids: set[int]
    # Not a field: the user's departments, loaded once for the request by `equity.selectors.my_departments`.
    _departments: list[Department]
    history = HistoricalRecords(
        excluded_fields=["password", "last_login", "session_generation", "unread_notifications"],
        m2m_fields=[departments],
    )

    REQUIRED_FIELDS = ["email", "full_name"]

    class Meta:
        ordering = ["full_name"]
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.display_name

    def _generation_hash(self, secret: str | bytes | None) -> str:
        value = f"{self.password}:{self.session_generation}"
        return salted_hmac("equity.User.session_hash", value, secret=secret, algorithm="sha256").hexdigest()

    def get_session_auth_hash(self) -> str:
        """The hash a session carries from sign-in: it changes with the password and at each deactivation. Users
        never deactivated keep Django's own hash, so deploying this signed no one out."""
        if not self.session_generation:
            return super().get_session_auth_hash()
        return self._generation_hash(secret=None)

    def get_session_auth_fallback_hash(self) -> Iterator[str]:
        if not self.session_generation:
            yield from super().get_session_auth_fallback_hash()
            return
        for fallback_secret in settings.SECRET_KEY_FALLBACKS:
            yield self._generation_hash(secret=fallback_secret)

    NAME_FIELDS = ("preferred_name", "full_name", "username")  # what display_name reads (for `only()` in lists)

    @property
    def display_name(self) -> str:
        return self.preferred_name or self.full_name or self.username

    @property
    def roles(self) -> list[Role]:
        """The user's roles, Staff first."""
        flags = [
            (True, Role.STAFF),
            (self.is_manager, Role.MANAGER),
            (self.is_facilitator, Role.FACILITATOR),
            (self.is_equity_team, Role.EQUITY_TEAM),
        ]
        return [role for on, role in flags if on]


def attachment_storage() -> Storage:
    """The "attachments" storage of settings.STORAGES: private local files by default, S3 when configured."""
    return storages["attachments"]


def attachment_path(instance: Attachment | None, filename: str) -> str:
    """A random name: the uploader's file name is kept in the row, never in the storage."""
    return f"attachments/{uuid.uuid4().hex}"


class Attachment(TimeStampedModel):
    """A file attached to a record of any app that declares it accepts them (see equity.evidence): private, served
    only by a view that checks the reader may see the record."""

    owner_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, related_name="+", verbose_name=_("kind of record")
    )
    owner_id = models.PositiveBigIntegerField(_("record"))
    owner = GenericForeignKey("owner_type", "owner_id")
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to=attachment_path, storage=attachment_storage, max_length=200)
    name = models.CharField(_("file name"), max_length=200)
    media_type = models.CharField(_("content type"), max_length=120)
    size = models.PositiveIntegerField(_("size in bytes"))
    uploaded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+", verbose_name=_("uploaded by"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["owner_type", "owner_id"], name="equity_attachment_owner")]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return f"{self.title} ({self.name})"


class StaffAttributes(TimeStampedModel):
    """Optional workforce equity attributes of one person, recorded only where the city turned them on
    (settings.WORKFORCE_ATTRIBUTES): race/ethnicity as the person self-identifies, job class and hire date.
    Read by the equity team only (and the person, for their own race/ethnicity); reports show counts, never names."""

    NOT_RECORDED = ""
    PREFER_NOT_TO_SAY = "prefer_not"

    user = models.OneToOneField(
        User, on_delete=models.CASCADE, related_name="staff_attributes", verbose_name=_("person")
    )
    race_ethnicity = models.CharField(_("race/ethnicity (self-identified)"), max_length=40, blank=True)
    job_class = models.CharField(_("job class"), max_length=80, blank=True)
    hire_date = models.DateField(_("hire date"), null=True, blank=True)
    revision = models.PositiveIntegerField(_("revision"), default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("workforce attributes")
        verbose_name_plural = _("workforce attributes")

    def __str__(self) -> str:
        return str(self.user)


class SecurityEvent(models.Model):
    """One sign-in, failed sign-in, sign-out, factor change or ended session: the security part of the audit trail.
    Written once by equity.accounts.events, never edited; read on /account/security/ and by the equity team."""

    class Kind(models.TextChoices):
        SIGNED_IN = "signed_in", _("Signed in")
        SIGN_IN_FAILED = "sign_in_failed", _("Sign-in failed")
        SIGN_IN_REFUSED = "sign_in_refused", _("Sign-in refused")
        SIGNED_OUT = "signed_out", _("Signed out")
        ACCOUNT_CREATED = "account_created", _("Account created at first sign-in")
        ACCESS_FROM_GROUPS = "access_from_groups", _("Departments and roles updated from groups")
        FACTOR_ADDED = "factor_added", _("Second factor added")
        FACTOR_REMOVED = "factor_removed", _("Second factor removed")
        RECOVERY_CODES_GENERATED = "recovery_codes_generated", _("New recovery codes made")
        FACTORS_RESET = "factors_reset", _("Second factors reset")
        SESSION_ENDED = "session_ended", _("Session signed out")
        SESSIONS_ENDED = "sessions_ended", _("Signed out everywhere")

    kind = models.CharField(_("event"), max_length=40, choices=Kind.choices)
    user = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="security_events", verbose_name=_("person")
    )
    username = models.CharField(_("username given"), max_length=150, blank=True)
    method = models.CharField(_("how"), max_length=40, blank=True)
    detail = models.CharField(_("detail"), max_length=300, blank=True)
    actor = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("done by")
    )
    ip = models.GenericIPAddressField(_("address"), null=True, blank=True)
    user_agent = models.CharField(_("device"), max_length=300, blank=True)
    at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [
            models.Index(fields=["user", "-at"], name="equity_secevent_user_at"),
            models.Index(fields=["kind", "-at"], name="equity_secevent_kind_at"),
        ]
        verbose_name = _("security event")
        verbose_name_plural = _("security events")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.username or self.user_id})"


GROUP_ROLES = [(role.value, role.label) for role in Role if role != Role.STAFF]
_GIVES_SOMETHING = models.Q(department__isnull=False) | ~models.Q(role="")


class GroupMapping(TimeStampedModel):
    """One line of the equity team's table: people in `group` (as the identity provider sends it, a name or an Entra
    object id) get a department, a role, or both, at each sign-in through the provider (ADR 0054)."""

    group = models.CharField(
        _("group"),
        max_length=256,
        help_text=_("Exactly as the identity provider sends it: a name or an object id. At most 256 characters."),
    )
    department = models.ForeignKey(
        Department,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("department"),
    )
    role = models.CharField(_("role"), max_length=20, choices=GROUP_ROLES, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True, help_text=_("At most 300 characters."))
    revision = models.PositiveIntegerField(_("revision"), default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["group", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=_GIVES_SOMETHING,
                name="equity_groupmapping_gives_something",
                violation_error_message=_("Choose a department, a role, or both."),
            ),
            models.UniqueConstraint(
                fields=["group", "department", "role"],
                name="equity_groupmapping_unique",
                violation_error_message=_("This group already gives this department and role."),
            ),
            models.UniqueConstraint(
                fields=["group", "role"],
                condition=models.Q(department__isnull=True),
                name="equity_groupmapping_unique_role",
                violation_error_message=_("This group already gives this role."),
            ),
        ]
        verbose_name = _("group mapping")
        verbose_name_plural = _("group mappings")

    def __str__(self) -> str:
        gives = ", ".join(str(part) for part in (self.department, self.get_role_display()) if part)
        return f"{self.group} → {gives}"


class AccessGrant(models.Model):
    """One department or role a person holds and where it came from: given in the portal (`group` blank) or by an
    identity provider group at their last sign-in. The user's role flags and departments hold the union of them
    (equity.accounts.sso.grants); a user with no rows has only hand-given access (ADR 0054)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="access_grants", verbose_name=_("person"))
    group = models.CharField(_("from group"), max_length=256, blank=True)
    department = models.ForeignKey(
        Department, on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("department")
    )
    role = models.CharField(_("role"), max_length=20, choices=GROUP_ROLES, blank=True)

    class Meta:
        ordering = ["user", "group", "pk"]
        constraints = [models.CheckConstraint(condition=_GIVES_SOMETHING, name="equity_accessgrant_gives_something")]
        verbose_name = _("access grant")
        verbose_name_plural = _("access grants")

    def __str__(self) -> str:
        gives = self.department_id and str(self.department) or self.get_role_display()
        return f"{self.user_id}: {gives} ({self.group or 'portal'})"


# Notifications live in their own module (equity.notifications.models); importing them here registers them.
from equity.notifications.models import (  # noqa: E402, F401
    EmailDelivery,
    Notification,
    NotificationPreference,
)

# Content translations live in their own module (equity.translations.models); importing them here registers them.
from equity.translations.models import ContentTranslation  # noqa: E402, F401
