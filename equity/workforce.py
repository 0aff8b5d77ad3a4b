"""Workforce equity attributes (ADR 0041): the choices a person may self-identify with, and the reads and writes of
`StaffAttributes`. The feature is off unless the city turns it on (`settings.WORKFORCE_ATTRIBUTES`)."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from equity import permissions
from equity.audit import audited_save
from equity.concurrency import lock_for_edit
from equity.models import StaffAttributes, User


def workforce_enabled() -> bool:
    """Whether this city records workforce attributes at all."""
    return bool(settings.WORKFORCE_ATTRIBUTES)


def require_workforce_enabled() -> None:
    """Pages of the feature answer 404 where the city has not turned it on."""
    if not workforce_enabled():
        raise Http404


def group_choices() -> list[tuple[str, str]]:
    """The city's groups (code, label), from `settings.WORKFORCE_GROUPS` ("code=Label" pairs)."""
    pairs = []
    for item in settings.WORKFORCE_GROUPS:
        code, _sep, label = item.partition("=")
        pairs.append((code.strip(), (label or code).strip()))
    return pairs


def race_ethnicity_choices() -> list[tuple[str, str]]:
    """Every answer a person may give: not recorded, the city's groups, prefer not to say."""
    return [
        (StaffAttributes.NOT_RECORDED, str(gettext_lazy("Not recorded"))),
        *group_choices(),
        (StaffAttributes.PREFER_NOT_TO_SAY, str(gettext_lazy("Prefer not to say"))),
    ]


def race_ethnicity_label(code: str) -> str:
    return dict(race_ethnicity_choices()).get(code, code)


def staff_attributes_for(*, person: User) -> StaffAttributes:
    """The person's attributes row, or an unsaved empty one (nothing is stored until someone records a value)."""
    found = StaffAttributes.objects.filter(user=person).first()
    return found or StaffAttributes(user=person)


def staff_attributes_get_for_user(*, user: User, person: User) -> StaffAttributes:
    """Another person's attributes: the equity team only (403 for everyone else)."""
    if not permissions.can_edit_staff_attributes(user):
        raise PermissionDenied
    return staff_attributes_for(person=person)


def _check_race_ethnicity(value: str) -> None:
    if value not in dict(race_ethnicity_choices()):
        raise ValidationError({"race_ethnicity": _("Choose one of the listed answers.")})


def _locked(*, person: User, expected_revision: int | None) -> StaffAttributes:
    """The person's row, locked, with its revision moved on; a new unsaved row when nothing is recorded yet (the
    first audited save creates it, so its history names the author). A stale form is refused (StaleEdit)."""
    attributes = StaffAttributes.objects.select_for_update().filter(user=person).first()
    if attributes is None:
        return StaffAttributes(user=person)
    lock_for_edit(obj=attributes, revision=expected_revision, field="revision", locked=True)
    attributes.revision += 1
    return attributes


def _save_new_or_changed(attributes: StaffAttributes, *, author: User, update_fields: list[str] | None) -> None:
    """Save; two first saves at once for one person meet the one-to-one constraint: the second is a stale edit."""
    try:
        with transaction.atomic():
            audited_save(attributes, author=author, update_fields=update_fields if attributes.pk else None)
    except IntegrityError as exc:
        raise ValidationError(
            _("Someone else saved these answers at the same time: reload the page."), code="stale"
        ) from exc


@transaction.atomic
def staff_attributes_save(
    *,
    author: User,
    person: User,
    race_ethnicity: str,
    job_class: str,
    hire_date: date | None,
    expected_revision: int | None = None,
) -> StaffAttributes:
    """The equity team records a person's job class, hire date and (as the person told them) race/ethnicity."""
    if not workforce_enabled():
        raise ValidationError(_("This city does not record workforce attributes."))
    if not permissions.can_edit_staff_attributes(author):
        raise PermissionDenied
    _check_race_ethnicity(race_ethnicity)
    if hire_date is not None and hire_date > date.today():  # noqa: DTZ011 - a calendar date, not a moment
        raise ValidationError({"hire_date": _("The hire date cannot be in the future.")})
    attributes = _locked(person=person, expected_revision=expected_revision)
    attributes.race_ethnicity = race_ethnicity
    attributes.job_class = job_class.strip()
    attributes.hire_date = hire_date
    _save_new_or_changed(attributes, author=author, update_fields=None)
    return attributes


@transaction.atomic
def self_identification_save(
    *, person: User, race_ethnicity: str, expected_revision: int | None = None
) -> StaffAttributes:
    """A person records (or withdraws) their own self-identified race/ethnicity; nothing else of theirs changes."""
    if not workforce_enabled():
        raise ValidationError(_("This city does not record workforce attributes."))
    if not permissions.can_self_identify(person):
        raise PermissionDenied
    _check_race_ethnicity(race_ethnicity)
    attributes = _locked(person=person, expected_revision=expected_revision)
    attributes.race_ethnicity = race_ethnicity
    _save_new_or_changed(attributes, author=person, update_fields=["race_ethnicity", "revision", "updated_at"])
    return attributes
