"""The registry of report kinds: for each, its target object, parameter form, permission check, context and template.

Each installed app declares its kinds in its `reports.py` module, which calls `register` at import; the first
lookup imports every app's `reports.py` (`django.utils.module_loading.autodiscover_modules`, through the same
`ContributionPoint` as the dashboard panels), so the registry names no app. An app adds a section to another app's
report the way it adds one to a page: `equity.contributions.PAGE_SECTIONS` in its `sections.py`, with the slot
"reports.<kind code>" (e.g. the library adds the city's narrative to the plan report).

A kind's target is the record the report is about (a plan, an assessment, a session, a department). The target is
always looked up through the kind's `targets_for_user` selector, so a record the user may not see gives 404 and no
job; `can_request` then decides whether a visible target may be reported on (403 otherwise).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeVar, cast

from django import forms
from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy

from equity.contributions import ContributionPoint
from equity.i18n.documents import language_choices

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

    from equity.models import Department, User
    from reports.models import ReportJob

# The kind's target: a model (a plan, a session ...), or None for a kind without a target record.
T = TypeVar("T")

# Each app's `reports.py`: imported once, before the first lookup, so every app's kinds are registered.
REPORT_KINDS = ContributionPoint("reports")


class ReportParamsForm(forms.Form):
    """Base form for a kind's parameters; `params()` turns cleaned data into JSON-safe job parameters."""

    def __init__(self, *args: Any, target: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.target = target
        self.user = user

    @classmethod
    def data_from_params(cls, params: dict) -> dict:
        """Form data from a job's stored parameters, so the form can check them again before a build (ADR 0065).
        Override with `params()` when a field's stored name or value differs from the form's."""
        return {key: value for key, value in params.items() if key != "target"}

    def params(self) -> dict:
        """JSON-safe parameters for the job (override when a field is not JSON-safe); the language is not one."""
        data = self.cleaned_data
        return {key: value for key, value in data.items() if value not in (None, "") and key != "language"}

    def report_language(self) -> str | None:
        """The language the report is asked for in, when the form has a `language` field (None: the request's)."""
        return self.cleaned_data.get("language") or None


class ReportLanguageField(forms.ChoiceField):
    """A choice among the portal's languages (settings.LANGUAGES), each named in its own language."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", gettext_lazy("Language of the report"))
        kwargs.setdefault("required", False)  # left out: the language of the page it was asked from
        super().__init__(choices=language_choices, **kwargs)


def _always(user: User, target: object) -> bool:
    return True


@dataclass(frozen=True)
class ReportKind(Generic[T]):
    """One kind of report, as the pipeline and the pages see it; `T` is the type of its target."""

    code: str
    label: StrOrPromise
    description: StrOrPromise
    template: str
    target_label: StrOrPromise
    targets_for_user: Callable[[User], QuerySet[Any]] | None  # None: the kind has no target record (e.g. city-wide)
    title: Callable[[T, dict], str]
    build_context: Callable[[ReportJob, T], dict]
    department_of: Callable[[T], Department | None]
    form_class: type[ReportParamsForm] = ReportParamsForm
    can_request: Callable[[User, T], bool] = _always
    order: int = 100  # place in the Reports page's list of kinds (lower first)
    # The targets the user may request this report on, as a queryset: `can_request`'s rule for a whole list, so the
    # pages offer no target that would end in 403. None: every target they may see (`can_request` is always true).
    requestable_for_user: Callable[[User], QuerySet[Any]] | None = None

    def targets_to_offer(self, user: User) -> QuerySet[Any]:
        """The targets a chooser offers `user` (the kind must have targets)."""
        if self.targets_for_user is None:
            raise ValueError(f"The report kind {self.code} has no target to choose.")
        if self.requestable_for_user is None:
            return self.targets_for_user(user)
        return self.targets_for_user(user).filter(pk__in=self.requestable_for_user(user).values("pk"))

    def offered_to(self, user: User) -> bool:
        """Whether a page offers `user` this kind: they may request it on some target (or, without targets, at all)."""
        if self.targets_for_user is None:
            return self.can_request(user, cast(T, None))
        if self.requestable_for_user is None:
            return True  # any target they see may be reported on (the chooser says when there is none)
        return self.targets_to_offer(user).exists()

    def target_for_user(self, *, user: User, pk: Any) -> T:
        """The target record if the user may see it, else 404 (None for a kind without a target, whose pk is 0)."""
        if self.targets_for_user is None:
            if pk not in (0, None):
                raise Http404
            return cast(T, None)  # a kind without targets is a ReportKind[None]
        return get_object_or_404(self.targets_for_user(user), pk=pk)


_REGISTRY: dict[str, ReportKind[Any]] = {}


def register(kind: ReportKind[T]) -> ReportKind[T]:
    """Add a kind to the registry (called by the apps' `reports.py` modules, at import)."""
    _REGISTRY[kind.code] = kind
    return kind


def report_kinds() -> list[ReportKind[Any]]:
    """Every registered kind, in `order` (then by code)."""
    REPORT_KINDS.discover()
    return sorted(_REGISTRY.values(), key=lambda kind: (kind.order, kind.code))


def report_kinds_for_user(user: User) -> list[ReportKind[Any]]:
    """The kinds the Reports page offers `user`: those they may request (a link that ends in 403 is never shown)."""
    return [kind for kind in report_kinds() if kind.offered_to(user)]


def report_kind_get(code: str) -> ReportKind[Any] | None:
    """The kind with that code, or None."""
    REPORT_KINDS.discover()
    return _REGISTRY.get(code)
